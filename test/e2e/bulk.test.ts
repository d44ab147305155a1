// "Create Tasks from TODOs…" in the real workbench against the sandbox: the Explorer's menu on a folder
// reviews its TODOs and only them; a run survives a 429 burst and a dropped connection without creating
// a task twice; "Retry failed" creates only the failed rows; a sign-out stops the run and keeps the rest.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import {
  editorLine,
  ensureSignedIn,
  explorerRow,
  menuItem,
  openFile,
  REVIEW_ITEM,
  reviewFolder,
  reviewFrame,
  rightClickMenu,
  runCommand,
  reloadWindow,
  signInItem,
  uniqueTitle,
  useE2E,
  writeSourceFile,
  writeTodoFolder,
  type E2E,
} from './workbench';

const CREATE_PATH = '/organizations/*/tasks';

/** The review's row of a TODO, by its title. */
function row(frame: Frame, title: string) {
  return rows(frame).filter({ has: frame.getByRole('checkbox', { name: title, exact: true }) });
}

/** The review's rows (a state other than ready is in `data-state`). */
function rows(frame: Frame, state?: string) {
  return frame.locator(`.rows [role="row"]${state === undefined ? '' : `[data-state="${state}"]`}`);
}

function createdWithTitle(e2e: E2E, title: string): number {
  return e2e.sandbox.tasks().filter((task) => task.title === title).length;
}


/** Waits until the run is over (the page says so once every row's last state has reached it). */
async function runOver(frame: Frame): Promise<void> {
  await frame.locator('body[data-phase="over"]').waitFor({ timeout: 120_000 });
}

describe('e2e: many TODOs at once', function () {
  const e2e = useE2E();

  it('the Explorer menu on a folder reviews its TODOs and only them', async () => {
    await ensureSignedIn(e2e);
    const inside = writeTodoFolder(e2e, 'reviewed', 2, 3);
    const outside = writeTodoFolder(e2e, 'elsewhere', 1, 2);
    // Both folders listed first: one appearing while the other is right-clicked moves the rows under the pointer.
    await explorerRow(e2e.page, outside.name);
    const frame = await reviewFolder(e2e.page, inside.name);
    for (const title of inside.titles) await frame.getByRole('checkbox', { name: title, exact: true }).waitFor();
    assert.equal(await rows(frame).count(), inside.titles.length, 'one row per TODO of the folder');
    for (const title of outside.titles) assert.equal(await frame.getByRole('checkbox', { name: title, exact: true }).count(), 0, `${title} is not in the folder`);
    assert.ok(await frame.getByRole('button', { name: `Create ${inside.titles.length} tasks` }).isEnabled());
  });

  it('assigns a row to the member its TODO names, says when a name matches nobody, and creates each so', async () => {
    await ensureSignedIn(e2e);
    const folder = writeTodoFolder(e2e, 'owners', 1, 0);
    const named = uniqueTitle('Document the retry policy');
    const unknown = uniqueTitle('Benchmark the parser');
    writeFileSync(folder.paths[0] ?? '', ['export const x = 1;', `// TODO(grace): ${named}`, `// TODO(zed): ${unknown}`, ''].join('\n'));
    const frame = await reviewFolder(e2e.page, folder.name);
    await row(frame, named).filter({ hasText: 'Grace Hopper' }).waitFor();
    await row(frame, unknown).filter({ hasText: '"zed" matches no member' }).waitFor();
    await frame.getByRole('button', { name: 'Create 2 tasks' }).click();
    await runOver(frame);
    const owners = (title: string) => e2e.sandbox.tasks().find((task) => task.title === title)?.owners.users;
    assert.deepEqual(owners(named), [1002]);
    assert.deepEqual(owners(unknown), [1001], 'a name that matches nobody leaves the default, you');
  });

  it('with several folders selected in the Explorer, reviews the TODOs of all of them', async () => {
    await ensureSignedIn(e2e);
    const first = writeTodoFolder(e2e, 'first', 1, 2);
    const second = writeTodoFolder(e2e, 'second', 1, 2);
    const other = writeTodoFolder(e2e, 'other', 1, 1);
    const one = await explorerRow(e2e.page, first.name);
    const two = await explorerRow(e2e.page, second.name);
    await one.click();
    await two.click({ modifiers: ['Control'] });
    await rightClickMenu(e2e.page, two);
    await menuItem(e2e.page, REVIEW_ITEM).hover();
    await e2e.page.locator('.context-view .action-item.focused', { hasText: REVIEW_ITEM }).waitFor();
    await e2e.page.keyboard.press('Enter');
    const frame = await reviewFrame(e2e.page);
    for (const title of [...first.titles, ...second.titles]) await frame.getByRole('checkbox', { name: title, exact: true }).waitFor();
    assert.equal(await rows(frame).count(), 4);
    assert.equal(await frame.getByRole('checkbox', { name: other.titles[0] ?? '', exact: true }).count(), 0);
  });

  it('from the palette, reviews the TODOs of the selection when it spans several', async () => {
    await ensureSignedIn(e2e);
    const file = writeSourceFile(e2e, 'selection', [
      'export function work(): void {',
      '  // TODO: Selected first',
      '  // TODO: Selected second',
      '  // TODO: Not selected',
      '}',
    ]);
    await openFile(e2e.page, file);
    await editorLine(e2e.page, 'TODO: Selected first').click();
    await e2e.page.keyboard.press('Home');
    await e2e.page.keyboard.press('Shift+ArrowDown');
    await e2e.page.keyboard.press('Shift+End');
    await runCommand(e2e.page, `Tallyfy: ${REVIEW_ITEM}`);
    const frame = await reviewFrame(e2e.page);
    await frame.getByRole('checkbox', { name: 'Selected second', exact: true }).waitFor();
    assert.equal(await rows(frame).count(), 2);
    assert.match(await frame.getByText(/^The selection in /).innerText(), new RegExp(file.replace('.', '\\.')));
  });

  it('sends nothing for a TODO linked or removed after the review was made', async () => {
    await ensureSignedIn(e2e);
    const folder = writeTodoFolder(e2e, 'changed', 1, 3);
    const frame = await reviewFolder(e2e.page, folder.name);
    await frame.getByRole('button', { name: 'Create 3 tasks' }).waitFor();
    const [linked, removed, kept] = folder.titles as [string, string, string];
    // Meanwhile another window linked the first TODO, and the second was deleted.
    const path = folder.paths[0] ?? '';
    const other = 'f'.repeat(32);
    writeFileSync(path, readFileSync(path, 'utf8').replace(`// TODO: ${linked}`, `// TODO(tallyfy:${other}): ${linked}`).replace(`  // TODO: ${removed}\n`, ''));
    await frame.getByRole('button', { name: 'Create 3 tasks' }).click();
    await runOver(frame);
    await rows(frame, 'linked').filter({ has: frame.getByRole('checkbox', { name: linked, exact: true }) }).waitFor();
    await rows(frame, 'failed').filter({ has: frame.getByRole('checkbox', { name: removed, exact: true }) }).waitFor();
    assert.equal(createdWithTitle(e2e, linked) + createdWithTitle(e2e, removed), 0, 'nothing was created for them');
    assert.equal(createdWithTitle(e2e, kept), 1);
  });

  it('creates 20 through a 429 burst and a dropped connection: none twice, 19 references, the dropped row not resent', async () => {
    await ensureSignedIn(e2e);
    const folder = writeTodoFolder(e2e, 'burst', 4, 5);
    const frame = await reviewFolder(e2e.page, folder.name);
    await frame.getByRole('button', { name: 'Create 20 tasks' }).waitFor();
    e2e.sandbox.injectFault({ kind: 'rate-limit', method: 'POST', path: CREATE_PATH, count: 6, retryAfter: 1 });
    e2e.sandbox.injectFault({ kind: 'drop', method: 'POST', path: CREATE_PATH, commit: true });
    await frame.getByRole('button', { name: 'Create 20 tasks' }).click();
    await runOver(frame);

    for (const title of folder.titles) assert.equal(createdWithTitle(e2e, title), 1, `one task "${title}"`);
    const dropped = e2e.sandbox.requests({ method: 'POST', path: CREATE_PATH }).find((request) => request.fault === 'drop');
    const droppedTitle = (dropped?.body as { title?: string } | undefined)?.title;
    assert.ok(droppedTitle !== undefined, 'a create was dropped');
    const resent = e2e.sandbox.requests({ method: 'POST', path: CREATE_PATH }).filter((request) => request.seq > (dropped?.seq ?? 0) && (request.body as { title?: string }).title === droppedTitle);
    assert.equal(resent.length, 0, 'the dropped create was not sent again');
    assert.ok(e2e.sandbox.requests().some((request) => request.fault === 'rate-limit'), 'Tallyfy answered 429 on the way');
    await rows(frame, 'unknown').filter({ has: frame.getByRole('checkbox', { name: droppedTitle, exact: true }) }).waitFor();
    await row(frame, droppedTitle).getByRole('button', { name: 'Check for the task' }).waitFor();

    const text = folder.paths.map((path) => readFileSync(path, 'utf8')).join('\n');
    const references = text.match(/TODO\(tallyfy:[0-9a-f]+\)/g) ?? [];
    assert.equal(references.length, 19, 'every created task but the dropped one is referenced, on disk');
    for (const task of e2e.sandbox.tasks().filter((t) => folder.titles.includes(t.title) && t.title !== droppedTitle)) {
      assert.ok(text.includes(`// TODO(tallyfy:${task.id}): ${task.title}`), `reference of ${task.title} on its line`);
    }
    assert.ok(text.includes(`// TODO: ${droppedTitle}`), 'the dropped TODO is left as it was');

    // The user looks for it: the task Tallyfy made is picked, linked and referenced, and nothing is sent.
    const [made] = e2e.sandbox.tasks().filter((task) => task.title === droppedTitle);
    assert.ok(made);
    const posts = e2e.sandbox.requests({ method: 'POST', path: CREATE_PATH }).length;
    await row(frame, droppedTitle).getByRole('button', { name: 'Check for the task' }).click();
    const pick = e2e.page.locator('.quick-input-widget', { hasText: 'Was the task created?' });
    await pick.locator('.monaco-list-row', { hasText: made.id }).click();
    await rows(frame, 'created').filter({ has: frame.getByRole('checkbox', { name: droppedTitle, exact: true }) }).waitFor();
    assert.ok(folder.paths.some((path) => readFileSync(path, 'utf8').includes(`// TODO(tallyfy:${made.id}): ${droppedTitle}`)), 'its reference is written');
    assert.equal(e2e.sandbox.requests({ method: 'POST', path: CREATE_PATH }).length, posts, 'no create was sent');
  });

  it('"Retry failed" after a 500 creates only the failed rows', async () => {
    await ensureSignedIn(e2e);
    const folder = writeTodoFolder(e2e, 'retry', 2, 3);
    const frame = await reviewFolder(e2e.page, folder.name);
    await frame.getByRole('button', { name: 'Create 6 tasks' }).waitFor();
    // Refused before anything is made: the extension looks once, finds nothing, and the rows fail.
    e2e.sandbox.injectFault({ kind: 'status', status: 500, method: 'POST', path: CREATE_PATH, count: 2 });
    await frame.getByRole('button', { name: 'Create 6 tasks' }).click();
    await runOver(frame);
    const failed = rows(frame, 'failed');
    assert.equal(await failed.count(), 2);
    assert.equal(e2e.sandbox.tasks().filter((task) => folder.titles.includes(task.title)).length, 4);
    const before = e2e.sandbox.requests({ method: 'POST', path: CREATE_PATH }).length;

    await frame.getByRole('button', { name: 'Retry failed' }).click();
    // The page hears that the run started before its rows leave "failed": once none is failed, "over" is this run's.
    await failed.first().waitFor({ state: 'detached' });
    await runOver(frame);
    assert.equal(await rows(frame, 'created').count(), 6);
    assert.equal(e2e.sandbox.requests({ method: 'POST', path: CREATE_PATH }).length - before, 2, 'only the two failed rows were sent');
    for (const title of folder.titles) assert.equal(createdWithTitle(e2e, title), 1, `one task "${title}"`);
  });

  it('a sign-out mid-run stops it and keeps the rest checked with the reason', async () => {
    await ensureSignedIn(e2e);
    const folder = writeTodoFolder(e2e, 'signout', 3, 4);
    const frame = await reviewFolder(e2e.page, folder.name);
    await frame.getByRole('button', { name: 'Create 12 tasks' }).waitFor();
    // The first four creates are made and their answers held, so the sign-out comes mid-run.
    e2e.sandbox.injectFault({ kind: 'late', method: 'POST', path: CREATE_PATH, count: 4 });
    await frame.getByRole('button', { name: 'Create 12 tasks' }).click();
    await e2e.sandbox.whenLateHeld();
    await runCommand(e2e.page, 'Tallyfy: Sign Out');
    await signInItem(e2e.page).waitFor();
    e2e.sandbox.releaseLate();
    await frame.getByRole('alert').filter({ hasText: /signed out/ }).waitFor();
    await runOver(frame);

    const made = e2e.sandbox.tasks().filter((task) => folder.titles.includes(task.title));
    assert.ok(made.length >= 1 && made.length <= 4, `only the creates in flight were made (${made.length})`);
    assert.equal(await rows(frame, 'created').count(), made.length, 'every task made is shown as created');
    const rest = rows(frame, 'failed');
    assert.equal(await rest.count(), 12 - made.length, 'the rest are kept, failed with the reason');
    assert.ok(await rest.first().getByRole('checkbox').isChecked(), 'and still checked');
    assert.match(await rest.first().innerText(), /signed out/);
    await frame.getByRole('button', { name: 'Sign In' }).waitFor();
  });

  it('keeps its rows and their states when hidden and across a window reload, and "Retry failed" still creates only the rest', async () => {
    await ensureSignedIn(e2e);
    const folder = writeTodoFolder(e2e, 'reload', 1, 3);
    const frame = await reviewFolder(e2e.page, folder.name);
    await frame.getByRole('button', { name: 'Create 3 tasks' }).waitFor();
    e2e.sandbox.injectFault({ kind: 'status', status: 500, method: 'POST', path: CREATE_PATH });
    await frame.getByRole('button', { name: 'Create 3 tasks' }).click();
    await runOver(frame);
    assert.equal(await rows(frame, 'created').count(), 2);
    assert.equal(await rows(frame, 'failed').count(), 1);

    // Hidden behind a file, then shown again: the page is loaded anew and gets its rows back.
    writeFileSync(join(e2e.folder, 'src', `${folder.name}.md`), 'Another editor.\n');
    await openFile(e2e.page, `${folder.name}.md`);
    await e2e.page.locator('.tabs-container .tab', { hasText: 'Create Tallyfy tasks' }).click();
    const shown = await reviewFrame(e2e.page);
    await rows(shown, 'failed').waitFor();
    assert.equal(await rows(shown, 'created').count(), 2);

    await runCommand(e2e.page, 'File: Save All Files');
    // Reloaded as a user does: VS Code keeps the open editors, the review among them.
    await reloadWindow(e2e);
    const restored = await reviewFrame(e2e.page);
    await rows(restored, 'failed').waitFor();
    assert.equal(await rows(restored, 'created').count(), 2, 'the created rows are still shown as created');
    await restored.getByRole('button', { name: 'Retry failed' }).click();
    await rows(restored, 'failed').first().waitFor({ state: 'detached' });
    await runOver(restored);
    assert.equal(await rows(restored, 'created').count(), 3);
    for (const title of folder.titles) assert.equal(createdWithTitle(e2e, title), 1, `one task "${title}"`);
  });
});
