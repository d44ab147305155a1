// The built form in headless Chromium under its real CSP, with a stub `acquireVsCodeApi`: controls are
// found by their labels, hostile text stays text, submit is sent once, failures keep the values, the
// success view replaces the form, and the state survives a reload. Skipped where Chromium is missing.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { FromWebviewMessage, InitMessage } from '../../../src/core/form/protocol';
import { ENGLISH } from './english';
import { bundlePage, launchChromium, openPage, postedBy, sendTo, until } from '../webviewPage';

const ORIGIN = 'https://form.test';
const HOSTILE = 'Fix <img src=x onerror="window.__pwned=1"> refunds';

const INIT: InitMessage = {
  type: 'init',
  formId: 'src/billing/refund.ts:4',
  title: HOSTILE,
  description: 'They fail after 30 days.',
  source: { path: 'src/billing/refund.ts', line: 4, snippet: { languageId: 'typescript', startLine: 3, text: '// TODO: <b>refunds</b>' } },
  defaultDeadline: '2030-01-08T17:00:00Z',
  me: { id: 7, name: 'Ada Lovelace', email: 'ada@example.com' },
  members: [{ id: 8, name: 'Alan Turing', email: 'alan@example.com' }],
  groups: [{ id: 'g1', name: 'Billing team' }],
  tags: [{ id: 'a'.repeat(32), title: 'backend' }],
  strings: ENGLISH,
};

describe('task form in a browser', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let bundle = '';
  let page: Page;

  before(async function () {
    bundle = await bundlePage('src/webview/main.ts');
    browser = await launchChromium('the form');
  });

  after(async () => {
    await browser?.close();
  });

  async function open(init: InitMessage = INIT): Promise<Page> {
    assert.ok(browser);
    return openPage(
      browser,
      { origin: ORIGIN, bundle, script: 'webview.js', style: 'form.css', strings: ENGLISH, init },
      (p) => p.getByLabel('Title', { exact: true }).waitFor(),
    );
  }

  const posted = (p: Page = page): Promise<FromWebviewMessage[]> => postedBy<FromWebviewMessage>(p);
  const send = (message: unknown, p: Page = page): Promise<void> => sendTo(p, message);

  beforeEach(async () => {
    page = await open();
  });

  afterEach(async () => {
    await page?.close();
  });

  it('finds every control by its visible label, and each main label names one control', async () => {
    for (const label of ['Title', 'Task type', 'Assignees', 'Deadline', 'Description']) {
      assert.equal(await page.getByLabel(label).count(), 1, label);
    }
    for (const label of ['Time', 'Start date', 'Start time', 'One task per assignee', 'Max assignable', 'Everyone must complete',
      'Only those assigned can complete', 'Prevent guest comments', 'Top secret', 'Tags', 'Webhook URL', 'Process (run) id',
      'Include the source location and code']) {
      assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
    }
    assert.equal(await page.getByRole('textbox', { name: 'Title' }).inputValue(), HOSTILE);
    assert.equal(await page.getByRole('combobox', { name: 'Assignees' }).count(), 1);
    assert.equal(await page.getByRole('radiogroup', { name: 'Task type' }).count(), 1);
    assert.equal(await page.getByRole('radio', { name: 'Expiring email' }).count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Create task' }).count(), 1);
  });

  it('keeps hostile text as text', async () => {
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('b').count(), 0);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    const preview = await page.locator('#preview').textContent();
    assert.ok(preview?.includes('// TODO: <b>refunds</b>'));
  });

  it('drops invalid messages', async () => {
    await send({ type: 'created', task: { title: 'no id' } });
    await send({ type: 'somethingElse' });
    assert.equal(await page.getByRole('heading', { name: 'Task created' }).isVisible(), false);
    assert.equal(await page.getByLabel('Title', { exact: true }).isVisible(), true);
  });

  it('submits once from Enter in the title; further clicks send nothing while sending', async () => {
    await page.getByLabel('Title', { exact: true }).fill('Fix refunds');
    await page.getByLabel('Title', { exact: true }).press('Enter');
    const button = page.getByRole('button', { name: 'Create task' });
    assert.equal(await button.isDisabled(), true);
    await button.click({ force: true }).catch(() => undefined);
    await page.getByLabel('Title', { exact: true }).press('Enter');
    const submits = (await posted()).filter((m) => m.type === 'submit');
    assert.equal(submits.length, 1);
    const submit = submits[0];
    assert.ok(submit?.type === 'submit');
    assert.equal(submit.task.title, 'Fix refunds');
    assert.deepEqual(submit.task.owners, { users: [7], groups: [], guests: [] });
    assert.match(submit.task.deadline, /Z$/);
    assert.ok(submit.task.description?.startsWith('They fail after 30 days.\n\nSource: src/billing/refund.ts:4'));
    assert.equal(await page.getByText('Creating the task…').isVisible(), true);
  });

  it('shows errors next to the fields and focuses the first', async () => {
    await page.getByLabel('Title', { exact: true }).fill('   ');
    await page.getByRole('button', { name: 'Remove Ada Lovelace (you)' }).click();
    await page.getByRole('button', { name: 'Create task' }).click();
    assert.equal((await posted()).filter((m) => m.type === 'submit').length, 0);
    const title = page.getByLabel('Title', { exact: true });
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#title-error').textContent(), 'Title is required.');
    assert.equal(await page.getByRole('combobox', { name: 'Assignees' }).getAttribute('aria-invalid'), 'true');
    assert.equal(await title.evaluate((node) => node === document.activeElement), true);
    const described = (await title.getAttribute('aria-describedby')) ?? '';
    assert.ok(described.split(' ').includes('title-error'));
  });

  it('picks assignees from the keyboard and adds a guest by email', async () => {
    const box = page.getByRole('combobox', { name: 'Assignees' });
    await box.fill('alan');
    await until(async () => (await posted()).some((m) => m.type === 'search' && m.kind === 'members' && m.q === 'alan'));
    await box.press('ArrowDown');
    await box.press('Enter');
    await box.fill('guest@example.com');
    await box.press('Enter');
    await page.getByLabel('Title', { exact: true }).press('Enter');
    const submit = (await posted()).find((m) => m.type === 'submit');
    assert.ok(submit?.type === 'submit');
    assert.deepEqual(submit.task.owners, { users: [7, 8], groups: [], guests: ['guest@example.com'] });
  });

  it('on failure keeps the values, shows server field errors and counts down "try again"', async () => {
    await page.getByLabel('Description').fill('Edited notes');
    await page.getByLabel('Title', { exact: true }).press('Enter');
    await send({ type: 'submitFailed', message: 'Too many requests.', action: 'retryAfter', retryAfterSeconds: 2, fieldErrors: { 'owners.users.0': ['Unknown user.'] } });
    await page.getByRole('alert').filter({ hasText: 'Too many requests.' }).waitFor();
    assert.equal(await page.getByLabel('Description').inputValue(), 'Edited notes');
    assert.equal(await page.locator('#assignees-error').textContent(), 'Unknown user.');
    const retry = page.getByRole('button', { name: /Try again in \d seconds?/ });
    assert.equal(await retry.isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Create task' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Try again', exact: true }).waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'Try again', exact: true }).click();
    assert.equal((await posted()).filter((m) => m.type === 'submit').length, 2);
  });

  it('offers "Sign in again" and "Check for the task"', async () => {
    await page.getByLabel('Title', { exact: true }).press('Enter');
    await send({ type: 'submitFailed', message: 'Token expired.', action: 'signIn' });
    await page.getByRole('button', { name: 'Sign in again' }).click();
    await send({ type: 'submitFailed', message: 'Unknown outcome.', action: 'checkForTask' });
    await page.getByRole('button', { name: 'Check for the task' }).click();
    const types = (await posted()).map((m) => m.type);
    assert.ok(types.includes('signIn') && types.includes('checkForTask'));
  });

  it('replaces the form by the success view', async () => {
    await page.getByLabel('Title', { exact: true }).press('Enter');
    await send({ type: 'created', task: { id: 'task-123', title: HOSTILE, deadline: '2030-01-08T17:00:00Z', assignees: ['Ada Lovelace'] } });
    await page.getByRole('heading', { name: 'Task created' }).waitFor();
    assert.equal(await page.getByLabel('Title', { exact: true }).isVisible(), false);
    assert.ok((await page.locator('.summary').textContent())?.includes('task-123'));
    assert.equal(await page.locator('img').count(), 0);
    await page.getByRole('button', { name: 'Open in Tallyfy' }).click();
    await page.getByRole('button', { name: 'Copy id' }).click();
    await page.getByRole('button', { name: 'Create another' }).click();
    const types = (await posted()).map((m) => m.type);
    assert.deepEqual(types.slice(-3), ['openInTallyfy', 'copyId', 'createAnother']);
    assert.equal(await page.getByLabel('Title', { exact: true }).isVisible(), true);
  });

  it('keeps typed values across a reload (hide and show) and saves a draft', async () => {
    await page.getByLabel('Title', { exact: true }).fill('Typed before hiding');
    await page.getByText('Advanced').click();
    await page.getByLabel('Max assignable').fill('3');
    await until(async () => (await posted()).some((m) => m.type === 'saveDraft' && m.values.advanced.maxAssignable === '3'));
    await page.reload();
    await page.getByLabel('Title', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Typed before hiding');
    assert.equal(await page.getByLabel('Max assignable').inputValue(), '3');
  });

  it('keeps typed values, focus and caret when init comes again for the same TODO, and starts over for another', async () => {
    const title = page.getByLabel('Title', { exact: true });
    await title.fill('Typed');
    await title.evaluate((el: HTMLInputElement) => el.setSelectionRange(2, 2));
    await send(INIT);
    assert.equal(await title.inputValue(), 'Typed');
    assert.deepEqual(
      await title.evaluate((el: HTMLInputElement) => [document.activeElement === el, el.selectionStart]),
      [true, 2],
      'the title keeps the focus and the caret',
    );
    await send({ ...INIT, formId: 'other.ts:1', title: 'Another TODO' });
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Another TODO');
  });

  describe('form fields', () => {
    /** The group of the form's nth form field ("Form field 1"…). */
    const group = (n: number) => page.getByRole('group', { name: `Form field ${n}`, exact: true });
    const focused = (): Promise<string> =>
      page.evaluate(() => {
        const node = document.activeElement;
        const legend = node?.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
        const label = node === null || node.id === '' ? null : document.querySelector(`label[for="${node.id}"]`);
        return `${legend}/${label?.textContent ?? node?.textContent ?? ''}`;
      });

    /** Opens Advanced from the keyboard and Tabs to "Add form field". */
    async function tabToAdd(): Promise<void> {
      await page.locator('.advanced-summary').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Add form field' }).focus();
    }

    it('builds, reorders and removes form fields with the keyboard alone, and sends them', async () => {
      await tabToAdd();
      await page.keyboard.press('Enter');
      assert.equal(await focused(), 'Form field 1/Label', 'the new field\'s label has the focus');
      await page.keyboard.type('Environment');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Form field 1/Type');
      // Type-ahead in the closed list, as a keyboard user picks a type.
      await page.keyboard.type('Drop');
      await group(1).getByLabel('Options, one per line').waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      assert.equal(await group(1).getByLabel('Required').isChecked(), true);
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Form field 1/Options, one per line');
      await page.keyboard.type('Staging\nProduction\nQA');
      // The second field: from the first one's buttons to "Add form field".
      await page.getByRole('button', { name: 'Add form field' }).focus();
      await page.keyboard.press('Enter');
      assert.equal(await focused(), 'Form field 2/Label');
      await page.keyboard.type('PR link');
      // Move it up: Tab past its type and "Required" to "Move up".
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Form field 2/Move up');
      await page.keyboard.press('Enter');
      assert.equal(await group(1).getByLabel('Label').inputValue(), 'PR link');
      assert.equal(await focused(), 'Form field 1/Move down', 'at the top, the focus goes to the row\'s other move button');
      assert.equal(await page.getByRole('status').filter({ hasText: 'Form field moved to position 1 of 2.' }).count(), 1);
      await page.keyboard.press('Enter');
      assert.equal(await group(2).getByLabel('Label').inputValue(), 'PR link');
      assert.equal(await focused(), 'Form field 2/Move up');
      // A third field, removed again: the focus goes to the field before it.
      await page.getByRole('button', { name: 'Add form field' }).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.type('Gone soon');
      await group(3).getByRole('button', { name: 'Remove field' }).focus();
      await page.keyboard.press('Enter');
      assert.equal(await group(3).count(), 0);
      assert.equal(await focused(), 'Form field 2/Label');

      await page.getByLabel('Title', { exact: true }).press('Enter');
      const submit = (await posted()).find((m) => m.type === 'submit');
      assert.ok(submit?.type === 'submit');
      assert.deepEqual(submit.task.form_fields, [
        { label: 'Environment', field_type: 'dropdown', required: true, options: [{ text: 'Staging' }, { text: 'Production' }, { text: 'QA' }] },
        { label: 'PR link', field_type: 'text', required: false },
      ]);
      assert.deepEqual(submit.values.advanced.formFields.map((f) => [f.label, f.type]), [['Environment', 'dropdown'], ['PR link', 'text']]);
    });

    it('labels every control of a field, and offers only the types Tallyfy shows', async () => {
      await tabToAdd();
      await page.keyboard.press('Enter');
      const field = group(1);
      for (const label of ['Label', 'Type', 'Required']) assert.equal(await field.getByLabel(label, { exact: true }).count(), 1, label);
      for (const name of ['Move up', 'Move down', 'Remove field']) assert.equal(await field.getByRole('button', { name }).count(), 1, name);
      assert.deepEqual(await field.getByLabel('Type').locator('option').allTextContents(), [
        'Short text', 'Long text', 'Date', 'Dropdown list', 'Checklist', 'Radio buttons', 'File upload', 'Table', 'Assignee picker',
      ]);
      assert.equal(await field.getByRole('button', { name: 'Move up' }).isDisabled(), true);
      assert.equal(await field.getByLabel('Options, one per line').isVisible(), false);
      await field.getByLabel('Type').selectOption('table');
      assert.equal(await field.getByLabel('Columns, one per line').isVisible(), true);
      assert.equal(await field.getByLabel('Options, one per line').isVisible(), false);
    });

    it('refuses a radio with one option at the field, sends nothing and focuses it', async () => {
      await page.getByText('Advanced').click();
      await page.getByRole('button', { name: 'Add form field' }).click();
      await group(1).getByLabel('Label').fill('Ship it?');
      await group(1).getByLabel('Type').selectOption('radio');
      const options = group(1).getByLabel('Options, one per line');
      await options.fill('Yes');
      await page.getByRole('button', { name: 'Create task' }).click();
      assert.equal((await posted()).filter((m) => m.type === 'submit').length, 0);
      await group(1).getByText('Radio buttons need at least 2 options.').waitFor();
      assert.equal(await options.getAttribute('aria-invalid'), 'true');
      assert.ok(((await options.getAttribute('aria-describedby')) ?? '').split(' ').some((id) => id.endsWith('-options-error')));
      assert.equal(await options.evaluate((node) => node === document.activeElement), true);
      await options.fill('Yes\nNo');
      assert.equal(await group(1).getByText('Radio buttons need at least 2 options.').count(), 0);
    });

    it("says a label is required once it was left, and that another field has it, under that field's label", async () => {
      await page.getByText('Advanced').click();
      await page.getByRole('button', { name: 'Add form field' }).click();
      await group(1).getByLabel('Label').fill('PR link');
      await page.getByRole('button', { name: 'Add form field' }).click();
      assert.equal(await group(2).locator('.error:visible').count(), 0, 'nothing said about a field nobody typed in yet');
      await group(2).getByLabel('Label').focus();
      await group(2).getByLabel('Type').focus();
      await group(2).getByText('Form field label is required.').waitFor();
      await group(2).getByLabel('Label').fill(' pr link');
      await group(2).getByText('Another form field is labelled "pr link".').waitFor();
    });

    it('shows the fields in "What will be sent", as text', async () => {
      await page.getByText('Advanced').click();
      await page.getByRole('button', { name: 'Add form field' }).click();
      await group(1).getByLabel('Label').fill('Environment <b>x</b>');
      await group(1).getByLabel('Type').selectOption('dropdown');
      await group(1).getByLabel('Required').check();
      await group(1).getByLabel('Options, one per line').fill('Staging\n\nProduction');
      const list = page.getByRole('list', { name: 'Form fields' });
      assert.deepEqual(await list.getByRole('listitem').allTextContents(), ['Environment <b>x</b>: Dropdown list, required (Staging, Production)']);
      assert.equal(await page.locator('.preview b').count(), 0);
    });

    it('keeps the fields in the draft and across a reload', async () => {
      await page.getByText('Advanced').click();
      await page.getByRole('button', { name: 'Add form field' }).click();
      await group(1).getByLabel('Label').fill('Parts');
      await group(1).getByLabel('Type').selectOption('table');
      await group(1).getByLabel('Columns, one per line').fill('Name\nQty');
      await until(async () => (await posted()).some((m) => m.type === 'saveDraft' && m.values.advanced.formFields[0]?.columns === 'Name\nQty'));
      await page.reload();
      await page.getByLabel('Title', { exact: true }).waitFor();
      assert.equal(await group(1).getByLabel('Label').inputValue(), 'Parts');
      assert.equal(await group(1).getByLabel('Type').inputValue(), 'table');
      assert.equal(await group(1).getByLabel('Columns, one per line').inputValue(), 'Name\nQty');
    });
  });

  it('shows a restored draft with a way to discard it', async () => {
    const values = await page.evaluate('JSON.parse(sessionStorage.getItem("state")).state.values');
    await send({ type: 'draftRestored', values: { ...(values as object), title: 'From the draft' } });
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'From the draft');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), HOSTILE);
    assert.ok((await posted()).some((m) => m.type === 'discardDraft'));
  });
});
