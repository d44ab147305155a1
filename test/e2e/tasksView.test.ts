import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  chooseFromContextMenu,
  createTaskFromTodo,
  editorLine,
  ensureSignedIn,
  ensureSignedOut,
  menuItem,
  openFile,
  openMenuWith,
  pressInMenu,
  runCommand,
  signedInItem,
  uniqueTitle,
  useE2E,
} from './workbench';

describe('e2e: the Tallyfy tasks view', function () {
  const e2e = useE2E({ settings: { 'tallyfy.createOpens': 'quick' } });

  const row = (text: string, state?: string) =>
    view()
      .locator(state === undefined ? '.monaco-list-row' : `.monaco-list-row[aria-label*="${state}"]`, { hasText: text })
      .first();

  const viewOn = (page: Page) => page.locator('.pane:has(.pane-header[aria-label^="Tasks"])');
  const view = () => viewOn(e2e.page);
  const rowOn = (page: Page, text: string) => viewOn(page).locator('.monaco-list-row', { hasText: text }).first();

  /**
   * The Tasks view, with "Assigned to Me" below it collapsed: the rows this spec's tests look for are
   * drawn only while they fit in the view, and the tests before add rows.
   */
  async function showView(page: Page = e2e.page): Promise<void> {
    if (!(await viewOn(page).isVisible())) {
      await runCommand(page, 'Tallyfy: Focus on Tasks View');
    }
    await viewOn(page).waitFor({ state: 'visible' });
    const assigned = page.locator('.pane-header[aria-label^="Assigned to Me"][aria-expanded="true"]');
    if ((await assigned.count()) > 0) {
      await assigned.click();
      await assigned.waitFor({ state: 'detached' });
    }
  }

  /** A task of this test's own, made from a TODO of its own, listed in the view. */
  async function listedTask(text: string) {
    await ensureSignedIn(e2e);
    const title = uniqueTitle(text);
    const made = await createTaskFromTodo(e2e, title);
    await showView();
    await row(title).waitFor();
    return { ...made, title };
  }

  it('welcomes a signed-out user with a sign-in button', async () => {
    await ensureSignedOut(e2e);
    await showView();
    await view().getByRole('button', { name: 'Sign in to Tallyfy' }).waitFor();
  });

  it('lists a task created from a TODO, with its short id and deadline, under its file', async () => {
    const { task, title, file } = await listedTask('Prepare the Q3 report for the board');
    const text = await row(title).innerText();
    assert.ok(text.includes(task.id.slice(0, 8)), text);
    assert.match(text, /due in \d+ days/);
    assert.ok(await view().locator('.monaco-list-row', { hasText: file }).count(), 'grouped by file');
  });

  it('shows a status changed in Tallyfy after "Refresh Tasks"', async () => {
    const { task, title } = await listedTask('Check the refresh');
    e2e.sandbox.setTaskStatus(task.id, 'completed');
    await runCommand(e2e.page, 'Tallyfy: Refresh Tasks');
    await row(title, 'Completed').waitFor();
  });

  it('reveals the TODO on its current line after lines were added above it', async () => {
    const { title } = await listedTask('Reveal me');
    // Showing the view focused its tree, which VS Code focuses again after each refresh while it believes
    // it has focus (it learns of a blur a moment later): a refresh that ends just as the editor is clicked
    // would take the keys below. The palette takes focus away from the tree first.
    await runCommand(e2e.page, 'View: Focus Active Editor Group');
    await editorLine(e2e.page, 'export function work').click();
    await e2e.page.keyboard.press('Home');
    await e2e.page.keyboard.press('Enter');
    await e2e.page.keyboard.press('Enter');
    await editorLine(e2e.page, 'export function work').click();
    await e2e.page.locator('.statusbar-item', { hasText: /Ln 3, Col \d+/ }).waitFor();
    await row(title).click();
    await e2e.page.locator('.statusbar-item', { hasText: /Ln 4, Col \d+/ }).waitFor();
  });

  it('asks before deleting a task permanently, and deletes nothing when cancelled', async () => {
    const { task, title } = await listedTask('Do not delete me');
    const deletes = e2e.sandbox.requests({ method: 'DELETE' }).length;
    const dialog = e2e.page.locator('.monaco-dialog-box');
    await chooseFromContextMenu(e2e.page, row(title), 'Delete Permanently', dialog);
    assert.match(await dialog.innerText(), /cannot be undone/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.ok(e2e.sandbox.task(task.id), 'still in Tallyfy');
    assert.equal(e2e.sandbox.requests({ method: 'DELETE' }).length, deletes, 'nothing deleted');
  });

  it("keeps the list across a window reload, and marks the completed task's TODO", async () => {
    const { task, title, file } = await listedTask('Survive a reload');
    e2e.sandbox.setTaskStatus(task.id, 'completed');
    await runCommand(e2e.page, 'Tallyfy: Refresh Tasks');
    await row(title, 'Completed').waitFor();
    await runCommand(e2e.page, 'File: Save All Files');
    await e2e.page.reload();
    await e2e.page.locator('.monaco-workbench').waitFor();
    await signedInItem(e2e).waitFor({ timeout: 60_000 });
    await showView();
    await row(title, 'Completed').waitFor({ timeout: 60_000 });
    // The completed task's TODO carries an Information diagnostic, listed in the Problems view under its file.
    await openFile(e2e.page, file);
    await runCommand(e2e.page, 'View: Focus Problems (Errors, Warnings, Infos)');
    const problems = e2e.page.locator('.markers-panel');
    await problems.locator('.monaco-list-row', { hasText: file }).waitFor();
    await problems.locator('.monaco-list-row', { hasText: title }).waitFor();
  });

  it('asks to approve or reject when completing an approval, and completes it as approved', async () => {
    const { task, title } = await listedTask('Approve the release');
    // Tallyfy now has the task as an approval, in progress; "Refresh Tasks" brings both into the list.
    e2e.sandbox.updateTask(task.id, { task_type: 'approval' });
    e2e.sandbox.setTaskStatus(task.id, 'in-progress');
    await runCommand(e2e.page, 'Tallyfy: Refresh Tasks');
    const open = row(title, 'In progress');
    await open.waitFor();
    const dialog = e2e.page.locator('.monaco-dialog-box');
    const completes = () =>
      e2e.sandbox
        .requests({ method: 'POST', path: '/organizations/*/completed-tasks' })
        .filter((r) => (r.body as { task_id?: unknown } | undefined)?.task_id === task.id);
    await chooseFromContextMenu(e2e.page, open, 'Complete', dialog);
    assert.match(await dialog.innerText(), /is an approval\. Approve or reject it\?/);
    assert.equal(completes().length, 0, 'nothing sent before the answer');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await row(title, 'Completed').waitFor();
    const stored = e2e.sandbox.task(task.id);
    assert.equal(stored?.status, 'completed');
    assert.equal(stored?.is_approved, true);
    assert.deepEqual(completes().map((r) => r.body), [{ task_id: task.id, is_approved: true }]);
  });

  it('archives a task from its context menu, offers Restore instead of Complete, Reopen and Archive, and restores it', async () => {
    const { task, title } = await listedTask('Archive and restore me');
    const puts = e2e.sandbox.requests({ method: 'PUT' }).length;
    await chooseFromContextMenu(e2e.page, row(title), 'Archive', row(title, 'Archived'));
    assert.ok(e2e.sandbox.task(task.id)?.archived_at, 'archived in Tallyfy');

    await openMenuWith(e2e.page, row(title, 'Archived'), 'Restore');
    const items = (await e2e.page.locator('.context-view .monaco-menu .action-label').allInnerTexts()).map((text) => text.trim());
    for (const item of ['Restore', 'Delete Permanently', 'Go to TODO', 'Open in Tallyfy', 'Copy Task Id', 'Remove from This List']) {
      assert.ok(items.includes(item), `offers ${item}: ${items.join(', ')}`);
    }
    for (const item of ['Complete', 'Reopen', 'Archive']) {
      assert.equal(await menuItem(e2e.page, item).count(), 0, `does not offer ${item}: ${items.join(', ')}`);
    }
    if (!(await pressInMenu(e2e.page))) await chooseFromContextMenu(e2e.page, row(title, 'Archived'), 'Restore', row(title, 'Not started'));
    await row(title, 'Not started').waitFor();
    assert.equal(e2e.sandbox.task(task.id)?.archived_at, null, 'restored in Tallyfy');
    assert.deepEqual(
      e2e.sandbox.requests({ method: 'PUT' }).slice(puts).map((r) => r.path),
      [`/organizations/${e2e.sandbox.orgId}/tasks/${task.id}/restore`],
    );
  });

  it('shows within 2 s a task created in a second window on the same folder, and the other way round', async () => {
    await ensureSignedIn(e2e);
    await showView();
    // A second browser tab on the same folder: its own window and extension host, the same records file.
    const second = await e2e.page.context().newPage();
    second.setDefaultTimeout(30_000);
    try {
      await second.goto(e2e.page.url());
      const other = { ...e2e, page: second };
      await signedInItem(other).waitFor({ timeout: 60_000 });
      await showView(second);

      const fromSecond = uniqueTitle('Made in the second window');
      await createTaskFromTodo(other, fromSecond);
      await e2e.page.bringToFront();
      await rowOn(e2e.page, fromSecond).waitFor({ timeout: 2_000 });

      // Creating opened the Explorer in the second window: show its Tasks view again first.
      await second.bringToFront();
      await showView(second);
      await e2e.page.bringToFront();
      const fromFirst = uniqueTitle('Made in the first window');
      await createTaskFromTodo(e2e, fromFirst);
      await second.bringToFront();
      await rowOn(second, fromFirst).waitFor({ timeout: 2_000 });
    } finally {
      await second.close();
      await e2e.page.bringToFront();
    }
  });
});
