import assert from 'node:assert/strict';
import { editorLine, formFrame, openFromExplorer, runCommand, signIn, useE2E } from './workbench';

const TITLE = 'Prepare the Q3 report for the board';

describe('e2e: the task form', function () {
  const e2e = useE2E({}, async (e2e) => {
    await signIn(e2e);
    await openFromExplorer(e2e.page, 'src', 'report.ts');
  });

  async function openForm(lineText: string) {
    await editorLine(e2e.page, lineText).click();
    await runCommand(e2e.page, 'Tallyfy: Create Task from TODO');
    return formFrame(e2e.page);
  }

  it('opens beside the editor with the title and description prefilled', async () => {
    const form = await openForm('TODO: Prepare the Q3 report');
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), TITLE);
    assert.match(await form.getByLabel('Description', { exact: true }).inputValue(), /Include the churn numbers from the data team\./);
    assert.equal(await form.getByRole('button', { name: 'Create task' }).count(), 1);
  });

  it('says a title is required, next to the field, and sends nothing', async () => {
    const form = await formFrame(e2e.page);
    const before = e2e.sandbox.requests({ method: 'POST' }).length;
    await form.getByLabel('Title', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Create task' }).click();
    await form.locator('#title-error', { hasText: 'Title is required.' }).waitFor();
    assert.equal(await form.getByLabel('Title', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(e2e.sandbox.requests({ method: 'POST' }).length, before);
  });

  it('shows a 422 from Tallyfy at the field it names and keeps the form', async () => {
    const form = await formFrame(e2e.page);
    await form.getByLabel('Title', { exact: true }).fill(TITLE);
    e2e.sandbox.injectFault({
      kind: 'status',
      status: 422,
      method: 'POST',
      path: '/organizations/*/tasks',
      body: { message: 'The given data was invalid.', errors: { title: ['The title has already been used today.'] } },
    });
    await form.getByRole('button', { name: 'Create task' }).click();
    await form.locator('#title-error', { hasText: 'The title has already been used today.' }).waitFor();
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), TITLE);
  });

  it('keeps the form after a 500 and says what happened', async () => {
    const form = await formFrame(e2e.page);
    e2e.sandbox.injectFault({ kind: 'status', status: 500, method: 'POST', path: '/organizations/*/tasks' });
    await form.getByRole('button', { name: 'Create task' }).click();
    // A 500 on a create leaves its outcome unknown: the form offers to look for the task, never resends it.
    await form.getByRole('alert').filter({ hasText: /may or may not exist/ }).waitFor();
    assert.equal(await form.getByRole('button', { name: /Check for the task/i }).count(), 1);
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), TITLE);
    assert.equal(e2e.sandbox.requests({ method: 'POST', path: '/organizations/*/tasks' }).length, 2, 'the 422 and the 500, nothing resent');
    assert.equal(e2e.sandbox.tasks().filter((t) => t.title === TITLE).length, 0);
  });

  it('creates the task, shows it, and writes the reference into the TODO', async () => {
    const form = await formFrame(e2e.page);
    await form.getByRole('button', { name: 'Create task' }).click();
    await form.getByRole('heading', { name: 'Task created' }).waitFor();
    const created = e2e.sandbox.tasks().filter((t) => t.title === TITLE);
    assert.equal(created.length, 1, 'exactly one task was created');
    const [task] = created;
    assert.ok(task);
    assert.ok(await form.getByText(task.id).count());
    await editorLine(e2e.page, 'TODO(tallyfy:').waitFor();
    const line = (await editorLine(e2e.page, 'TODO(tallyfy:').innerText()).replace(/\u00a0/g, ' ');
    assert.equal(line.trim(), `// TODO(tallyfy:${task.id}): ${TITLE}`);
  });

  it('keeps a draft when the panel is closed, and brings it back for the same TODO', async () => {
    await openFromExplorer(e2e.page, 'markup.ts');
    let form = await openForm('Escape <img');
    const title = form.getByLabel('Title', { exact: true });
    await title.fill('A draft title that must survive');
    await e2e.page.waitForTimeout(1000); // the form saves its draft shortly after typing
    await e2e.page.keyboard.press('Control+W'); // closes the focused panel
    await e2e.page.waitForTimeout(500);
    form = await openForm('Escape <img');
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), 'A draft title that must survive');
  });

  it('keeps markup in a TODO as text', async () => {
    const form = await formFrame(e2e.page);
    await form.getByRole('button', { name: /Discard/i }).first().click().catch(() => undefined);
    await form.getByLabel('Title', { exact: true }).fill('Escape <img src=x onerror=alert(1)> in labels');
    assert.equal(await form.locator('img').count(), 0, 'no element was made from the TODO text');
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), 'Escape <img src=x onerror=alert(1)> in labels');
  });
});
