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

  it('shows a restored draft with a way to discard it', async () => {
    const values = await page.evaluate('JSON.parse(sessionStorage.getItem("state")).state.values');
    await send({ type: 'draftRestored', values: { ...(values as object), title: 'From the draft' } });
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'From the draft');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), HOSTILE);
    assert.ok((await posted()).some((m) => m.type === 'discardDraft'));
  });
});
