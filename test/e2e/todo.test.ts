import assert from 'node:assert/strict';
import { contextMenuHas, editorLine, openFromExplorer, quickCreateFromMenu, signIn, useE2E } from './workbench';

const MENU_ITEM = 'Create Tallyfy Task from TODO';

describe('e2e: a task from a TODO', function () {
  // The right-click item opens what tallyfy.createOpens says: here the quick create.
  const e2e = useE2E({ settings: { 'tallyfy.createOpens': 'quick' } }, async (e2e) => {
    await openFromExplorer(e2e.page, 'src', 'report.ts');
  });

  it('offers "Create Tallyfy Task from TODO" in the right-click menu on a TODO line only', async () => {
    assert.equal(await contextMenuHas(e2e.page, 'TODO: Prepare the Q3 report', MENU_ITEM, true), true, 'on the TODO');
    assert.equal(await contextMenuHas(e2e.page, "return 'draft'", MENU_ITEM, false), false, 'on code');
    assert.equal(await contextMenuHas(e2e.page, 'not a comment, a string', MENU_ITEM, false), false, 'in a string');
    assert.equal(await contextMenuHas(e2e.page, 'Include the churn numbers', MENU_ITEM, true), true, 'on its continuation line');
  });

  it('creates the task from the menu and writes its reference into the comment', async () => {
    await signIn(e2e);
    const titleBox = await quickCreateFromMenu(e2e.page, 'TODO: Prepare the Q3 report');
    assert.equal(await titleBox.inputValue(), 'Prepare the Q3 report for the board');
    await titleBox.press('Enter');

    await editorLine(e2e.page, 'TODO(tallyfy:').waitFor({ state: 'visible' });
    const [task] = e2e.sandbox.tasks().filter((t) => t.title === 'Prepare the Q3 report for the board');
    assert.ok(task, 'the sandbox holds the task');
    const line = (await editorLine(e2e.page, 'TODO(tallyfy:').innerText()).replace(/\u00a0/g, ' ');
    assert.equal(line.trim(), `// TODO(tallyfy:${task.id}): Prepare the Q3 report for the board`);
    assert.match(task.summary ?? '', /Include the churn numbers from the data team\./);
    assert.match(task.summary ?? '', /Source: src\/report\.ts:2/);
  });
});
