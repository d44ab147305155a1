import * as vscode from 'vscode';
import type { CommandId } from '../core/contract';
import type { Logger } from './log';

export type CommandHandler = (...args: unknown[]) => unknown;

/** Turns a failure into the message and actions shown to the user; returns once the user chose. */
export type ErrorPresenter = (commandId: CommandId, error: unknown) => Promise<void>;

/**
 * Registers a command through the one wrapper every command uses: a failure is logged with its stack
 * and shown once, clearly, with the action that helps (see ErrorPresenter). The error is not rethrown:
 * VS Code would show it a second time. Callers that need the outcome use the extension's API.
 */
export function registerCommand(
  id: CommandId,
  handler: CommandHandler,
  deps: { log: Logger; presentError: ErrorPresenter },
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      deps.log.error(error instanceof Error ? error : String(error));
      void deps.presentError(id, error);
      return undefined;
    }
  });
}
