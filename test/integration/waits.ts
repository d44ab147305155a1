// Waiting for a state in the extension host: the condition is checked again at each event that may
// change it, never on a timer.
import type * as vscode from 'vscode';

/** Resolves once `condition` holds, checking it now and at every `event`. */
export function until(condition: () => boolean, event: vscode.Event<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const subscription = event(() => {
      if (!condition()) return;
      subscription.dispose();
      resolve();
    });
    if (condition()) {
      subscription.dispose();
      resolve();
    }
  });
}
