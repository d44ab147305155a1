import assert from 'node:assert/strict';
import { contextMenuHas, editorLine, ensureSignedIn, openFile, quickCreateFromMenu, uniqueTitle, useE2E, writeSourceFile, writeTodoFile } from './workbench';

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
});
