import assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { editorLine, ensureSignedIn, ensureSignedOut, formFrame, openFile, runCommand, signIn, uniqueTitle, useE2E, webviewFrame, writeTodoFile } from './workbench';

describe('e2e: the task form', function () {
  const e2e = useE2E();

  /** A TODO of the test's own, in a file of its own, with the form open on it. */
  async function openForm(text: string, continuation?: string): Promise<{ form: Frame; title: string }> {
    await ensureSignedIn(e2e);
    const title = uniqueTitle(text);
    await openFile(e2e.page, writeTodoFile(e2e, title, continuation));
    return { form: await openFormAt(`TODO: ${title}`), title };
  }

  async function openFormAt(lineText: string): Promise<Frame> {
    await editorLine(e2e.page, lineText).click();
    await runCommand(e2e.page, 'Tallyfy: Create Task from TODO');
    return formFrame(e2e.page);
  }

  const creates = (title: string) =>
    e2e.sandbox
      .requests({ method: 'POST', path: '/organizations/*/tasks' })
      .filter((r) => (r.body as { title?: unknown } | undefined)?.title === title);

  it('opens beside the editor with the title and description prefilled', async () => {
    const { form, title } = await openForm('Prepare the Q3 report for the board', 'Include the churn numbers from the data team.');
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), title);
    assert.match(await form.getByLabel('Description', { exact: true }).inputValue(), /Include the churn numbers from the data team\./);
    assert.equal(await form.getByRole('button', { name: 'Create task' }).count(), 1);
    assert.equal(await e2e.page.locator('.editor-group-container').count(), 2, 'beside the editor');
  });

  it('says a title is required, next to the field, and sends nothing', async () => {
    const { form } = await openForm('Needs a title');
    const before = e2e.sandbox.requests({ method: 'POST' }).length;
    await form.getByLabel('Title', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Create task' }).click();
    await form.locator('#title-error', { hasText: 'Title is required.' }).waitFor();
    assert.equal(await form.getByLabel('Title', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(e2e.sandbox.requests({ method: 'POST' }).length, before);
  });

  it('shows a 422 from Tallyfy at the field it names and keeps the form', async () => {
    const { form, title } = await openForm('Rejected by Tallyfy');
    e2e.sandbox.injectFault({
      kind: 'status',
      status: 422,
      method: 'POST',
      path: '/organizations/*/tasks',
      body: { message: 'The given data was invalid.', errors: { title: ['The title has already been used today.'] } },
    });
    await form.getByRole('button', { name: 'Create task' }).click();
    await form.locator('#title-error', { hasText: 'The title has already been used today.' }).waitFor();
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), title);
    assert.equal(e2e.sandbox.tasks().filter((t) => t.title === title).length, 0);
  });

  it('keeps the form after a 500, says what happened, and sends nothing again', async () => {
    const { form, title } = await openForm('Lost in a 500');
    e2e.sandbox.injectFault({ kind: 'status', status: 500, method: 'POST', path: '/organizations/*/tasks' });
    await form.getByRole('button', { name: 'Create task' }).click();
    // A 500 on a create leaves its outcome unknown: the form offers to look for the task, never resends it.
    await form.getByRole('alert').filter({ hasText: /may or may not exist/ }).waitFor();
    assert.equal(await form.getByRole('button', { name: /Check for the task/i }).count(), 1);
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), title);
    assert.equal(creates(title).length, 1, 'sent once, not resent');
    assert.equal(e2e.sandbox.tasks().filter((t) => t.title === title).length, 0);
  });

  it('creates the task, shows it, and writes the reference into the TODO', async () => {
    const { form, title } = await openForm('Create me from the form');
    await form.getByRole('button', { name: 'Create task' }).click();
    await form.getByRole('heading', { name: 'Task created' }).waitFor();
    const created = e2e.sandbox.tasks().filter((t) => t.title === title);
    assert.equal(created.length, 1, 'exactly one task was created');
    const [task] = created;
    assert.ok(task);
    assert.ok(await form.getByText(task.id).count());
    // The default deadline is 17:00 where the user's Tallyfy profile says they live, not where VS Code runs.
    const due = new Intl.DateTimeFormat('en-GB', { timeZone: 'Pacific/Auckland', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(task.deadline));
    assert.equal(due, '17:00');
    await editorLine(e2e.page, 'TODO(tallyfy:').waitFor();
    const line = (await editorLine(e2e.page, 'TODO(tallyfy:').innerText()).replace(/\u00a0/g, ' ');
    assert.equal(line.trim(), `// TODO(tallyfy:${task.id}): ${title}`);
  });

  it('keeps a draft when the panel is closed right after typing, and brings it back for the same TODO', async () => {
    const { form, title } = await openForm('Keep my draft');
    await form.getByLabel('Title', { exact: true }).fill('A draft title that must survive');
    await e2e.page.keyboard.press('Control+W'); // closes the focused panel
    await e2e.page.locator('.editor-group-container').nth(1).waitFor({ state: 'detached' });
    const again = await openFormAt(`TODO: ${title}`);
    assert.equal(await again.getByLabel('Title', { exact: true }).inputValue(), 'A draft title that must survive');
    await again.getByRole('status').filter({ hasText: /draft/i }).waitFor();
  });

  it('keeps markup in a TODO as text', async () => {
    const { form, title } = await openForm('Escape <img src=x onerror=alert(1)> in labels');
    assert.equal(await form.getByLabel('Title', { exact: true }).inputValue(), title);
    assert.equal(await form.locator('img').count(), 0, 'no element was made from the TODO text');
  });

  it('fills in who you are and the people to choose from after signing in while it was open', async () => {
    await ensureSignedOut(e2e);
    const title = uniqueTitle('Opened before signing in');
    await openFile(e2e.page, writeTodoFile(e2e, title));
    const form = await openFormAt(`TODO: ${title}`);
    const chips = form.locator('#assignees-chips');
    assert.equal(await chips.locator('li').count(), 0, 'nobody to assign while signed out');
    await signIn(e2e);
    await chips.getByText('Ada Lovelace (you)').waitFor();
    await form.getByLabel('Assignees', { exact: true }).fill('Grace');
    await form.getByRole('option', { name: /Grace Hopper/ }).waitFor();
  });

  describe('form fields', () => {
    /** The form's nth form field ("Form field 1"…), added with "Add form field" in Advanced. */
    async function addField(form: Frame, n: number, label: string, type: string): Promise<Locator> {
      if ((await form.getByRole('button', { name: 'Add form field' }).isVisible()) === false) await form.getByText('Advanced', { exact: true }).click();
      await form.getByRole('button', { name: 'Add form field' }).click();
      const field = form.getByRole('group', { name: `Form field ${n}`, exact: true });
      await field.getByLabel('Label', { exact: true }).fill(label);
      await field.getByLabel('Type', { exact: true }).selectOption({ label: type });
      return field;
    }

    /** The task's details, opened from the palette by its id. */
    async function openDetails(id: string, title: string): Promise<Frame> {
      await runCommand(e2e.page, 'Tallyfy: Show Task Details');
      const box = e2e.page.locator('.quick-input-widget:visible input');
      await box.fill(id);
      await box.press('Enter');
      return webviewFrame(e2e.page, (frame) => frame.getByRole('heading', { name: title }), 'The task details');
    }

    it('creates a task with a required dropdown of three options and a text field, sends them exactly, and its details show them', async () => {
      const { form, title } = await openForm('Deploy with form fields');
      const environment = await addField(form, 1, 'Environment', 'Dropdown list');
      await environment.getByLabel('Required', { exact: true }).check();
      await environment.getByLabel('Options, one per line').fill('Staging\nProduction\nQA');
      await addField(form, 2, 'PR link', 'Short text');
      await form.getByRole('list', { name: 'Form fields' }).getByText('Environment: Dropdown list, required (Staging, Production, QA)').waitFor();
      await form.getByRole('button', { name: 'Create task' }).click();
      await form.getByRole('heading', { name: 'Task created' }).waitFor();

      const sent = creates(title);
      assert.equal(sent.length, 1);
      assert.deepEqual((sent[0]?.body as { form_fields?: unknown }).form_fields, [
        { label: 'Environment', field_type: 'dropdown', required: true, options: [{ text: 'Staging', id: 1 }, { text: 'Production', id: 2 }, { text: 'QA', id: 3 }] },
        { label: 'PR link', field_type: 'text', required: false },
      ]);
      const [task] = e2e.sandbox.tasks().filter((t) => t.title === title);
      assert.ok(task);

      const details = await openDetails(task.id, title);
      const fields = details.locator('.fields');
      await fields.locator('dt', { hasText: 'Environment' }).waitFor();
      assert.deepEqual(await fields.locator('dt').allTextContents(), ['Environmentrequired', 'PR link']);
      assert.deepEqual(await fields.locator('dd').allTextContents(), [
        'Not filled in yet', 'Dropdown list · Options: Staging, Production, QA',
        'Not filled in yet', 'Short text',
      ]);
    });

    it("shows a created table's columns in the task's details", async () => {
      const { form, title } = await openForm('Count the parts');
      const parts = await addField(form, 1, 'Parts', 'Table');
      await parts.getByLabel('Columns, one per line').fill('Name\nQty');
      await form.getByRole('button', { name: 'Create task' }).click();
      await form.getByRole('heading', { name: 'Task created' }).waitFor();
      assert.deepEqual((creates(title)[0]?.body as { form_fields?: unknown }).form_fields, [
        { label: 'Parts', field_type: 'table', required: false, columns: [{ label: 'Name', id: 1 }, { label: 'Qty', id: 2 }] },
      ]);
      const [task] = e2e.sandbox.tasks().filter((t) => t.title === title);
      assert.ok(task);
      const details = await openDetails(task.id, title);
      await details.locator('.fields .field-about', { hasText: 'Table · Columns: Name, Qty' }).waitFor();
    });

    it('refuses a radio with one option at the field, before anything is sent', async () => {
      const { form, title } = await openForm('Ask with one choice');
      const ship = await addField(form, 1, 'Ship it?', 'Radio buttons');
      const options = ship.getByLabel('Options, one per line');
      await options.fill('Yes');
      const before = e2e.sandbox.requests({ method: 'POST' }).length;
      await form.getByRole('button', { name: 'Create task' }).click();
      await ship.getByText('Radio buttons need at least 2 options.').waitFor();
      assert.equal(await options.getAttribute('aria-invalid'), 'true');
      assert.equal(await options.evaluate((node) => node === node.ownerDocument.activeElement), true, 'the field has the focus');
      assert.equal(e2e.sandbox.requests({ method: 'POST' }).length, before, 'nothing was sent');
      assert.equal(creates(title).length, 0);
    });
  });

  it('says next to the field when a search for people fails', async () => {
    const { form } = await openForm('Search while Tallyfy fails');
    e2e.sandbox.injectFault({ kind: 'status', status: 500, method: 'GET', path: '/organizations/*/users', count: 20 });
    try {
      await form.getByLabel('Assignees', { exact: true }).fill('Katherine');
      await form.locator('#assignees-search', { hasText: /^Could not search: Tallyfy had a problem answering/ }).waitFor();
    } finally {
      e2e.sandbox.clearFaults();
    }
  });
});
