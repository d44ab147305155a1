// TODOs and tasks in step, in the real workbench against the sandbox: linking a TODO to a task that
// exists, owners written in the TODO, the title update, removals, and the tasks the code refers to.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { editorLine, ensureSignedIn, formFrame, notification, openFile, quickCreateBox, reloadWindow, runCommand, uniqueTitle, useE2E, writeSourceFile } from './workbench';

describe('e2e: TODOs and tasks in step', function () {
  const e2e = useE2E();

  const viewOn = (page: Page) => page.locator('.pane:has(.pane-header[aria-label^="Tasks"])');
  const row = (text: string) => viewOn(e2e.page).locator('.monaco-list-row', { hasText: text }).first();

  async function showView(): Promise<void> {
    if (!(await viewOn(e2e.page).isVisible())) await runCommand(e2e.page, 'Tallyfy: Focus on Tasks View');
    await viewOn(e2e.page).waitFor({ state: 'visible' });
  }

  /** A task of the sandbox's own (made by a teammate, say) and a file whose TODOs refer to it, once the view lists it. */
  async function referencedTasks(stem: string, titles: readonly string[]): Promise<{ ids: string[]; file: string }> {
    await ensureSignedIn(e2e);
    const ids = titles.map((title) => e2e.sandbox.addTask({ title }).id);
    const file = writeSourceFile(e2e, stem, [
      'export function work(): string {',
      ...ids.map((id, i) => `  // TODO(tallyfy:${id}): ${titles[i] ?? ''}`),
      "  return 'draft';",
      '}',
    ]);
    await showView();
    for (const title of titles) await row(title).waitFor();
    return { ids, file };
  }

  it('links a TODO to an existing task by a pasted id, creating nothing', async () => {
    await ensureSignedIn(e2e);
    const title = uniqueTitle('Rotate the signing keys');
    const task = e2e.sandbox.addTask({ title });
    const file = writeSourceFile(e2e, 'link', ['export const keys = 1;', '// TODO: rotate keys before the audit', '']);
    await openFile(e2e.page, file);
    await editorLine(e2e.page, 'TODO: rotate keys').click();
    e2e.sandbox.clearRequests();
    await runCommand(e2e.page, 'Tallyfy: Link TODO to Tallyfy Task…');
    const input = e2e.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`tallyfy:${task.id}`);
    await e2e.page.locator('.quick-input-widget .monaco-list-row', { hasText: `Task ${task.id}` }).or(
      e2e.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }),
    ).first().waitFor();
    await input.press('Enter');
    await editorLine(e2e.page, `TODO(tallyfy:${task.id}): rotate keys`).waitFor();
    await showView();
    await row(title).waitFor();
    assert.equal(e2e.sandbox.requests({ method: 'POST' }).length, 0, 'no task was created');
  });

  it('assigns the quick create to the member the TODO names', async () => {
    await ensureSignedIn(e2e);
    const title = uniqueTitle('Retire the legacy importer');
    const file = writeSourceFile(e2e, 'owner', ['export const importer = 1;', `// TODO(grace): ${title}`, '']);
    await openFile(e2e.page, file);
    await editorLine(e2e.page, `TODO(grace): ${title}`).click();
    await runCommand(e2e.page, 'Tallyfy: Quick Create Task from TODO');
    const box = quickCreateBox(e2e.page);
    await box.waitFor({ state: 'visible' });
    await e2e.page.locator('.quick-input-widget', { hasText: 'assigned to Grace Hopper' }).waitFor();
    await box.press('Enter');
    await editorLine(e2e.page, 'TODO(grace, tallyfy:').waitFor();
    const [task] = e2e.sandbox.tasks().filter((t) => t.title === title);
    assert.deepEqual(task?.owners.users, [1002]);
  });

  it('prefills the form with the member the TODO names', async () => {
    await ensureSignedIn(e2e);
    const title = uniqueTitle('Split the billing module');
    const file = writeSourceFile(e2e, 'owner-form', ['export const billing = 1;', `// TODO(@alan): ${title}`, '']);
    await openFile(e2e.page, file);
    await editorLine(e2e.page, `TODO(@alan): ${title}`).click();
    await runCommand(e2e.page, 'Tallyfy: Create Task from TODO');
    const form = await formFrame(e2e.page);
    const assignees = form.locator('[data-field="assignees"], #assignees').first();
    await form.getByText('Alan Turing').first().waitFor();
    assert.ok(!(await assignees.innerText()).includes('Ada Lovelace'), 'the TODO\'s owner replaces "you"');
  });

  it('offers an email the TODO names that is no member as a guest, added only when asked', async () => {
    await ensureSignedIn(e2e);
    const title = uniqueTitle('Share the audit export');
    const file = writeSourceFile(e2e, 'guest', ['export const audit = 1;', `// TODO(carl@example.net): ${title}`, '']);
    await openFile(e2e.page, file);
    await editorLine(e2e.page, `TODO(carl@example.net): ${title}`).click();
    await runCommand(e2e.page, 'Tallyfy: Create Task from TODO');
    const form = await formFrame(e2e.page);
    await form.getByText('carl@example.net is not a member of this organization').waitFor();
    const add = form.getByRole('button', { name: 'Add carl@example.net as a guest' });
    assert.equal(await form.getByRole('button', { name: /Remove carl@example\.net/ }).count(), 0, 'not added by itself');
    await add.click();
    await form.getByRole('button', { name: /Remove carl@example\.net/ }).waitFor();
    await add.waitFor({ state: 'detached' });
  });

  it('asks once when a save removes two linked TODOs, and completes both on "Complete"', async () => {
    const titles = [uniqueTitle('Drop the v1 endpoint'), uniqueTitle('Remove the feature flag')];
    const { ids, file } = await referencedTasks('removal', titles);
    await openFile(e2e.page, file);
    // Both TODO lines, selected with the keyboard and deleted, then saved.
    await editorLine(e2e.page, titles[0] ?? '').click();
    await e2e.page.keyboard.press('Home');
    await e2e.page.keyboard.press('Shift+ArrowDown');
    await e2e.page.keyboard.press('Shift+ArrowDown');
    await e2e.page.keyboard.press('Delete');
    await editorLine(e2e.page, titles[0] ?? '').waitFor({ state: 'detached' });
    await e2e.page.keyboard.press('Control+S');
    const asked = await notification(e2e.page, /You removed the TODOs of 2 Tallyfy tasks/);
    assert.equal(await e2e.page.locator('.notification-toast, .notifications-center .notification-list-item', { hasText: /You removed the TODO/ }).count(), 1);
    await asked.getByRole('button', { name: 'Complete' }).click();
    await e2e.sandbox.whenTasks(() => ids.every((id) => e2e.sandbox.task(id)?.completed_at !== null));
    assert.deepEqual(ids.map((id) => e2e.sandbox.task(id)?.status), ['completed', 'completed']);
  });

  it('asks nothing when a change on disk removes a linked TODO', async () => {
    const title = uniqueTitle('Pin the compiler version');
    const { ids, file } = await referencedTasks('disk', [title]);
    await openFile(e2e.page, file);
    // As a `git checkout` does: the file changes under the editor.
    writeFileSync(join(e2e.folder, 'src', file), "export function work(): string {\n  return 'draft';\n}\n");
    await editorLine(e2e.page, title).waitFor({ state: 'detached' });
    // The index has read the change when the view no longer lists the task.
    await row(title).waitFor({ state: 'detached' });
    assert.equal(await e2e.page.locator('.notification-toast', { hasText: /You removed the TODO/ }).count(), 0);
    assert.equal(e2e.sandbox.task(ids[0] ?? '')?.completed_at, null);
  });

  it('lists, in a fresh window, a task referenced in a file it never created', async () => {
    await ensureSignedIn(e2e);
    const title = uniqueTitle('Migrate the nightly job');
    const task = e2e.sandbox.addTask({ title, owners: { users: [1003], guests: [], groups: [] } });
    writeSourceFile(e2e, 'teammate', ['export const nightly = 1;', `// FIXME(tallyfy:${task.id}): ${title}`, '']);
    await reloadWindow(e2e);
    await showView();
    await viewOn(e2e.page).locator('.monaco-list-row', { hasText: title }).filter({ hasText: 'linked in code' }).first().waitFor();
  });

  it('offers the title update for an edited linked TODO, and sends one PUT', async () => {
    const title = uniqueTitle('Cache the rates');
    const { ids, file } = await referencedTasks('retitle', [title]);
    await openFile(e2e.page, file);
    await editorLine(e2e.page, title).click();
    await e2e.page.keyboard.press('End');
    await e2e.page.keyboard.type(' for an hour');
    await e2e.page.keyboard.press('Control+S');
    await e2e.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
    e2e.sandbox.clearRequests();
    // The extension host hears of the save a moment after the tab shows it: the hover is asked again
    // until it offers the update, which it does once the file is saved there.
    const hover = e2e.page.locator('.monaco-hover:visible');
    const update = hover.getByRole('link', { name: "Update the task's title" });
    await e2e.page.keyboard.press('Home');
    for (const until = Date.now() + 30_000; Date.now() < until; ) {
      await editorLine(e2e.page, `${title} for an hour`).hover({ position: { x: 100, y: 5 } });
      await hover.waitFor();
      if (await update.isVisible()) break;
      await e2e.page.mouse.move(0, 0);
      await hover.waitFor({ state: 'detached' });
    }
    await update.click();
    await e2e.sandbox.whenTasks(() => e2e.sandbox.task(ids[0] ?? '')?.title === `${title} for an hour`);
    assert.equal(e2e.sandbox.task(ids[0] ?? '')?.title, `${title} for an hour`);
    const puts = e2e.sandbox.requests({ method: 'PUT' });
    assert.equal(puts.length, 1);
    assert.deepEqual(Object.keys(JSON.parse(puts[0]?.bodyText ?? '{}') as object).sort(), ['deadline', 'owners', 'title']);
  });
});
