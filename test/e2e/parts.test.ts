// The parts that load on first use, each first used in a window of its own: start-up loads none of them
// (the TODO comments' part aside, which starts once an editor shows), and the command, view or panel
// that needs one loads it and works.
import assert from 'node:assert/strict';
import { watch } from 'node:fs';
import { join } from 'node:path';
import {
  editorLine,
  formFrame,
  notification,
  openFile,
  reviewFrame,
  runCommand,
  screenshot,
  signedInItem,
  signInItem,
  startE2E,
  type E2E,
} from './workbench';
import { extensionLogs } from '../bench/logs';

/** The extension's log of the window so far. */
function extensionLog(e2e: E2E): string {
  return extensionLogs(e2e.server.userDataDir).join('');
}

/**
 * Waits until the extension's log says `what`: the log reaches its file shortly after each line, so the
 * logs folder is watched and read again on each change.
 */
async function logged(e2e: E2E, what: RegExp): Promise<void> {
  const folder = join(e2e.server.userDataDir, 'logs');
  await new Promise<void>((resolve, reject) => {
    const check = (): boolean => {
      if (!what.test(extensionLog(e2e))) return false;
      clearTimeout(limit);
      watcher.close();
      resolve();
      return true;
    };
    const watcher = watch(folder, { recursive: true }, () => void check());
    const limit = setTimeout(() => {
      watcher.close();
      reject(new Error(`The extension's log never said ${what}:\n${extensionLog(e2e)}`));
    }, 30_000);
    check();
  });
}

describe('e2e: each part loads on its first use, in a fresh window', function () {
  let e2e: E2E | undefined;

  /** A window of its own, signed out, that has activated the extension and loaded none of the parts tested here. */
  async function freshWindow(): Promise<E2E> {
    e2e = await startE2E();
    await signInItem(e2e.page).waitFor({ timeout: 60_000 });
    await logged(e2e, /activated in/);
    // The TODO comments' part starts once a text editor shows; no other part starts by itself signed out.
    assert.doesNotMatch(extensionLog(e2e), /Loaded the (?!TODO comments)/, 'start-up loaded a part');
    return e2e;
  }

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && e2e !== undefined) await screenshot(e2e.page, this.currentTest.fullTitle());
    await e2e?.close();
    e2e = undefined;
  });

  it('the task form: "Create Task from TODO" opens the form with the TODO\'s title', async () => {
    const w = await freshWindow();
    await openFile(w.page, 'report.ts');
    await editorLine(w.page, 'TODO: Prepare the Q3 report').click();
    await runCommand(w.page, 'Tallyfy: Create Task from TODO');
    const form = await formFrame(w.page);
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), 'Prepare the Q3 report for the board');
    await logged(w, /Loaded the task form in/);
  });

  it('the review: "Create Tasks from TODOs…" on a file opens the review of its TODOs', async () => {
    const w = await freshWindow();
    await openFile(w.page, 'report.ts');
    await runCommand(w.page, 'Tallyfy: Create Tasks from TODOs…');
    // With a file open, the command asks which scope; "This file" is the first choice.
    const scope = w.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'This file' });
    await scope.waitFor();
    await scope.click();
    const review = await reviewFrame(w.page);
    await review.getByText(/TODOs found: 1\b/).waitFor();
    await logged(w, /Loaded the review of TODOs in/);
  });

  it('the sign-in: "Sign In" asks for the token and signs in', async () => {
    const w = await freshWindow();
    await runCommand(w.page, 'Tallyfy: Sign In');
    const box = w.page.locator('.quick-input-widget input[type="password"]');
    await box.waitFor({ state: 'visible' });
    await box.fill(w.sandbox.token);
    await box.press('Enter');
    await signedInItem(w).waitFor();
    await logged(w, /Loaded the sign-in in/);
    // Signed in, the Tasks view's part starts by itself (its refresh and the index of linked TODOs).
    await logged(w, /Loaded the Tasks view in/);
  });

  it('the Tasks view: showing it loads its part, which welcomes a signed-out user; "Find Linked TODOs" runs', async () => {
    const w = await freshWindow();
    await runCommand(w.page, 'Tallyfy: Focus on Tasks View');
    const view = w.page.locator('.pane:has(.pane-header[aria-label^="Tasks"])');
    await view.getByRole('button', { name: 'Sign in to Tallyfy' }).waitFor();
    await logged(w, /Loaded the Tasks view in/);
    await runCommand(w.page, 'Tallyfy: Find Linked TODOs');
    await notification(w.page, /No TODO in this workspace carries a Tallyfy reference/);
  });
});
