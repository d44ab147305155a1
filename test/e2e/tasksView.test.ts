import assert from 'node:assert/strict';
import { chooseFromContextMenu, editorLine, openFromExplorer, quickCreateFromMenu, runCommand, signIn, useE2E } from './workbench';

const TITLE = 'Prepare the Q3 report for the board';

describe('e2e: the Tallyfy tasks view', function () {
  const e2e = useE2E({ settings: { 'tallyfy.createOpens': 'quick' } });
  let taskId: string;

  const view = () => e2e.page.locator('.pane:has(.pane-header[aria-label^="Tasks"])');
  const row = (text: string) => view().locator('.monaco-list-row', { hasText: text }).first();

  async function showView(): Promise<void> {
    if (!(await view().isVisible())) {
      await runCommand(e2e.page, 'Tallyfy: Focus on Tasks View');
    }
    await view().waitFor({ state: 'visible' });
  }

  it('welcomes a signed-out user with a sign-in button', async () => {
    await showView();
    await view().getByRole('button', { name: 'Sign in to Tallyfy' }).waitFor();
  });

  it('lists a task created from a TODO, with its short id and deadline', async () => {
    await signIn(e2e);
    await openFromExplorer(e2e.page, 'src', 'report.ts');
    const titleBox = await quickCreateFromMenu(e2e.page, 'TODO: Prepare the Q3 report');
    assert.equal(await titleBox.inputValue(), TITLE);
    await titleBox.press('Enter');
    await editorLine(e2e.page, 'TODO(tallyfy:').waitFor();
    const [task] = e2e.sandbox.tasks().filter((t) => t.title === TITLE);
    assert.ok(task);
    taskId = task.id;
    await showView();
    await row(TITLE).waitFor();
    const text = await row(TITLE).innerText();
    assert.ok(text.includes(taskId.slice(0, 8)), text);
    assert.match(text, /due in \d+ days/);
    assert.ok(await view().locator('.monaco-list-row', { hasText: 'report.ts' }).count(), 'grouped by file');
  });

  it('shows a status changed in Tallyfy after "Refresh Tasks"', async () => {
    e2e.sandbox.setTaskStatus(taskId, 'completed');
    await runCommand(e2e.page, 'Tallyfy: Refresh Tasks');
    await view().locator(`.monaco-list-row[aria-label*="Completed"]`, { hasText: TITLE }).waitFor();
  });

  it('reveals the TODO on its current line after lines were added above it', async () => {
    await editorLine(e2e.page, 'export function quarterlyReport').click();
    await e2e.page.keyboard.press('Home');
    await e2e.page.keyboard.press('Enter');
    await e2e.page.keyboard.press('Enter');
    await row(TITLE).click();
    await e2e.page.locator('.statusbar-item', { hasText: /Ln 4, Col \d+/ }).waitFor();
  });

  it('asks before deleting a task permanently, and deletes nothing when cancelled', async () => {
    const dialog = e2e.page.locator('.monaco-dialog-box');
    await chooseFromContextMenu(e2e.page, row(TITLE), 'Delete Permanently', dialog);
    assert.match(await dialog.innerText(), /cannot be undone/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.ok(e2e.sandbox.task(taskId), 'still in Tallyfy');
    assert.equal(e2e.sandbox.requests({ method: 'DELETE' }).length, 0);
  });

  it("keeps the list across a window reload, and marks the completed task's TODO", async () => {
    await e2e.page.reload();
    await e2e.page.locator('.monaco-workbench').waitFor();
    await e2e.page.locator('.statusbar-item', { hasText: 'Sandbox Organization' }).waitFor({ timeout: 60_000 });
    await showView();
    await row(TITLE).waitFor({ timeout: 60_000 });
    // The completed task's TODO carries an Information diagnostic.
    await e2e.page.locator('.statusbar-item', { hasText: /\b1\b/ }).filter({ has: e2e.page.locator('.codicon-info') }).waitFor();
  });

  it('asks to approve or reject when completing an approval, and completes it as approved', async () => {
    // Tallyfy now has the task as an open approval; "Refresh Tasks" brings that into the list.
    e2e.sandbox.updateTask(taskId, { task_type: 'approval' });
    e2e.sandbox.setTaskStatus(taskId, 'not-started');
    await runCommand(e2e.page, 'Tallyfy: Refresh Tasks');
    const open = view().locator('.monaco-list-row[aria-label*="Not started"]', { hasText: TITLE });
    await open.waitFor();
    const dialog = e2e.page.locator('.monaco-dialog-box');
    await chooseFromContextMenu(e2e.page, open, 'Complete', dialog);
    assert.match(await dialog.innerText(), /is an approval\. Approve or reject it\?/);
    assert.equal(e2e.sandbox.requests({ method: 'POST', path: '/organizations/*/completed-tasks' }).length, 0, 'nothing sent before the answer');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await view().locator('.monaco-list-row[aria-label*="Completed"]', { hasText: TITLE }).waitFor();
    const task = e2e.sandbox.task(taskId);
    assert.equal(task?.status, 'completed');
    assert.equal(task?.is_approved, true);
    const completes = e2e.sandbox.requests({ method: 'POST', path: '/organizations/*/completed-tasks' });
    assert.deepEqual(completes.map((r) => r.body), [{ task_id: taskId, is_approved: true }]);
  });

  it('archives a task from its context menu, offers Restore instead of Complete, Reopen and Archive, and restores it', async () => {
    const archived = view().locator('.monaco-list-row[aria-label*="Archived"]', { hasText: TITLE });
    await chooseFromContextMenu(e2e.page, row(TITLE), 'Archive', archived);
    assert.ok(e2e.sandbox.task(taskId)?.archived_at, 'archived in Tallyfy');

    // The menu can close when the list re-renders under it: read it once it holds Restore.
    const labels = e2e.page.locator('.context-view .monaco-menu .action-label');
    let items: string[] = [];
    for (let attempt = 1; attempt <= 3 && !items.includes('Restore'); attempt++) {
      await archived.click({ button: 'right' });
      await labels.filter({ hasText: /^Restore$/ }).waitFor({ timeout: 5_000 }).catch(() => undefined);
      items = (await labels.allInnerTexts()).map((text) => text.trim());
      await e2e.page.keyboard.press('Escape');
    }
    for (const item of ['Restore', 'Delete Permanently', 'Go to TODO', 'Open in Tallyfy', 'Copy Task Id', 'Remove from This List']) {
      assert.ok(items.includes(item), `offers ${item}: ${items.join(', ')}`);
    }
    for (const item of ['Complete', 'Reopen', 'Archive']) {
      assert.ok(!items.includes(item), `does not offer ${item}: ${items.join(', ')}`);
    }

    await chooseFromContextMenu(e2e.page, archived, 'Restore', view().locator('.monaco-list-row[aria-label*="Completed"]', { hasText: TITLE }));
    assert.equal(e2e.sandbox.task(taskId)?.archived_at, null, 'restored in Tallyfy');
    assert.deepEqual(
      e2e.sandbox.requests({ method: 'PUT' }).map((r) => r.path),
      [`/organizations/${e2e.sandbox.orgId}/tasks/${taskId}/restore`],
    );
  });
});
