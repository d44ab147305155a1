import assert from 'node:assert/strict';
import {
  clickNotificationButton,
  contextMenuHas,
  editorLine,
  ensureSignedIn,
  openFile,
  quickCreateBox,
  quickCreateFromMenu,
  runCommand,
  uniqueTitle,
  useE2E,
  writeSourceFile,
  writeTodoFile,
} from './workbench';

const MENU_ITEM = 'Create Tallyfy Task from TODO';

describe('e2e: a task from a TODO', function () {
  // The right-click item opens what tallyfy.createOpens says: here the quick create.
  const e2e = useE2E({ settings: { 'tallyfy.createOpens': 'quick' } });

  it('offers "Create Tallyfy Task from TODO" in the right-click menu on a TODO line only', async () => {
    const file = writeSourceFile(e2e, 'menu', [
      'export function quarterlyReport(): string {',
      '  // TODO: Prepare the yearly report',
      '  //   Include the churn numbers.',
      "  return 'draft';",
      '}',
      "export const labels = ['TODO: not a comment, a string'];",
    ]);
    await openFile(e2e.page, file);
    assert.equal(await contextMenuHas(e2e.page, 'TODO: Prepare the yearly report', MENU_ITEM, true), true, 'on the TODO');
    assert.equal(await contextMenuHas(e2e.page, "return 'draft'", MENU_ITEM, false), false, 'on code');
    // Each check that the item is absent follows one where it is there: the menu can show the previous
    // line's items for a moment (see contextMenuHas), so an absence is proven by the item going away.
    assert.equal(await contextMenuHas(e2e.page, 'Include the churn numbers', MENU_ITEM, true), true, 'on its continuation line');
    assert.equal(await contextMenuHas(e2e.page, 'not a comment, a string', MENU_ITEM, false), false, 'in a string');
  });

  it('offers it on the -- TODO of a .hs file, which VS Code shows as plain text without a Haskell extension', async () => {
    const file = writeSourceFile(e2e, 'haskell', ['module Main where', '', '-- TODO: Read the arguments', 'main = putStrLn "-- TODO: printed, not a comment"'], 'hs');
    await openFile(e2e.page, file);
    await e2e.page.locator('[id="status.editor.mode"]', { hasText: 'Plain Text' }).waitFor();
    assert.equal(await contextMenuHas(e2e.page, '-- TODO: Read the arguments', MENU_ITEM, true), true, 'on the comment');
    assert.equal(await contextMenuHas(e2e.page, 'printed, not a comment', MENU_ITEM, false), false, 'in a string');
  });

  it('creates the task from the menu and writes its reference into the comment', async () => {
    await ensureSignedIn(e2e);
    const title = uniqueTitle('Prepare the Q3 report for the board');
    const file = writeTodoFile(e2e, title, 'Include the churn numbers from the data team.');
    await openFile(e2e.page, file);
    const titleBox = await quickCreateFromMenu(e2e.page, `TODO: ${title}`);
    assert.equal(await titleBox.inputValue(), title);
    await titleBox.press('Enter');

    await editorLine(e2e.page, 'TODO(tallyfy:').waitFor({ state: 'visible' });
    const created = e2e.sandbox.tasks().filter((t) => t.title === title);
    assert.equal(created.length, 1, 'exactly one task was created');
    const [task] = created;
    assert.ok(task);
    const line = (await editorLine(e2e.page, 'TODO(tallyfy:').innerText()).replace(/\u00a0/g, ' ');
    assert.equal(line.trim(), `// TODO(tallyfy:${task.id}): ${title}`);
    assert.match(task.summary ?? '', /Include the churn numbers from the data team\./);
    assert.match(task.summary ?? '', new RegExp(`Source: src/${file.replace('.', '\\.')}:2`));
  });

  it('finds the task Tallyfy made when the connection dropped on the create, among 150 older ones, and creates no second one', async () => {
    await ensureSignedIn(e2e);
    const title = uniqueTitle('Survive a dropped connection');
    // 150 one-off tasks from earlier today: Tallyfy lists them oldest first unless asked otherwise.
    for (let i = 0; i < 150; i++) e2e.sandbox.addTask({ title: `Earlier task ${i}`, created_at: new Date(Date.now() - (150 - i) * 60_000).toISOString() });
    e2e.sandbox.injectFault({ kind: 'drop', method: 'POST', path: '/organizations/*/tasks', commit: true });
    const file = writeTodoFile(e2e, title);
    await openFile(e2e.page, file);
    await editorLine(e2e.page, `TODO: ${title}`).click();
    await runCommand(e2e.page, 'Tallyfy: Quick Create Task from TODO');
    await quickCreateBox(e2e.page).press('Enter');

    await clickNotificationButton(e2e.page, /may or may not exist/, 'Check for the Task');
    const pick = e2e.page.locator('.quick-input-widget', { hasText: 'Was the task created?' });
    await pick.waitFor();
    const [made, ...more] = e2e.sandbox.tasks().filter((t) => t.title === title);
    assert.ok(made && more.length === 0, 'Tallyfy made the task once');
    const first = pick.locator('.monaco-list-row').first();
    assert.match(await first.innerText(), new RegExp(made.id));
    await first.click();
    await editorLine(e2e.page, `TODO(tallyfy:${made.id})`).waitFor();
    assert.equal(e2e.sandbox.tasks().filter((t) => t.title === title).length, 1, 'no second task');
    assert.equal(e2e.sandbox.requests({ method: 'POST', path: '/organizations/*/tasks' }).filter((r) => (r.body as { title?: string }).title === title).length, 1, 'sent once');
  });
});
