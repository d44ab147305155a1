// The built review page in headless Chromium under its real CSP, with a stub `acquireVsCodeApi`: hostile
// titles stay text, checking and "Select all" post `check` (the latter for the filtered rows only), the
// Create button counts, the row list works from the keyboard, `rows` updates rows in place, and 2,000
// rows render (the first screen's at once, the rest in chunks) and work while the rest are being built.
// Skipped where Chromium is missing.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { REVIEW_READY_MARK, type FromReviewMessage, type ReviewInit, type RowView } from '../../../src/core/bulk/protocol';
import { ENGLISH } from './english';
import { bundlePage, launchChromium, openPage, postedBy, sendTo, until } from '../webviewPage';

const ORIGIN = 'https://review.test';
const HOSTILE = 'Fix <img src=x onerror="window.__pwned=1"> refunds';

const row = (path: string, line: number, title: string, extra: Partial<RowView> = {}): RowView => ({
  key: `${path}:${line + 1}`,
  path,
  line,
  title,
  checked: true,
  state: { kind: 'ready' },
  ...extra,
});

const ROWS: RowView[] = [
  row('src/a.ts', 2, HOSTILE, { assignees: 'Ada <b>Lovelace</b>' }),
  row('src/a.ts', 9, 'Fix refunds', { checked: false, duplicate: 'same-file' }),
  row('src/b.ts', 0, 'Linked already', { checked: false, state: { kind: 'linked', taskId: 'task-1' } }),
  row('src/c.ts', 4, 'Maybe made', { checked: false, state: { kind: 'unknown', message: 'No answer <i>came</i>.' } }),
  row('src/d.ts', 1, 'Add caching', { checked: true }),
];
const [HOSTILE_ROW, REFUNDS, , UNKNOWN, CACHING] = ROWS as [RowView, RowView, RowView, RowView, RowView];

const MANY = Array.from({ length: 2_000 }, (_, i) => row(`src/file${Math.floor(i / 20)}.ts`, i % 20, `Task number ${i}`, { checked: i % 3 !== 0 }));
const MANY_TITLES = MANY.map((r) => r.title);
const MANY_CHECKED = MANY.filter((r) => r.checked).length;
const LAST = MANY[1_999] as RowView;

const INIT: ReviewInit = {
  type: 'init',
  reviewId: 'review-1',
  strings: ENGLISH,
  scope: 'src/',
  rows: ROWS,
  defaults: { deadline: '2030-01-08', taskType: 'task', tags: [] },
  me: { id: 7, name: 'Ada Lovelace' },
  members: [{ id: 7, name: 'Ada Lovelace' }, { id: 8, name: 'Alan <u>Turing</u>' }],
  tags: [{ id: 't1', title: 'backend' }, { id: 't2', title: 'billing' }],
  run: { phase: 'review', done: 0, total: 0 },
};
const BIG: ReviewInit = { ...INIT, rows: MANY };

describe('bulk review page in a browser', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let bundle = '';
  let page: Page;

  before(async function () {
    bundle = await bundlePage('src/webview/bulk/main.ts');
    browser = await launchChromium('the page');
  });

  after(async () => {
    await browser?.close();
  });

  async function open(init: ReviewInit = INIT): Promise<Page> {
    assert.ok(browser);
    return openPage(
      browser,
      { origin: ORIGIN, bundle, script: 'review.js', style: 'review.css', strings: ENGLISH, init, consoleErrors: true },
      (p) => p.getByRole('heading', { name: ENGLISH.heading }).waitFor(),
    );
  }

  const posted = (p: Page = page): Promise<FromReviewMessage[]> => postedBy<FromReviewMessage>(p);
  const checks = async (p: Page = page): Promise<FromReviewMessage[]> => (await posted(p)).filter((m) => m.type === 'check');
  const send = (message: unknown, p: Page = page): Promise<void> => sendTo(p, message);
  const rows = (p: Page = page) => p.locator('.rows [role="row"]');
  const titles = (p: Page = page): Promise<string[]> => rows(p).locator('input[type="text"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const allRows = (p: Page = page): Promise<void> => until(async () => (await rows(p).count()) === MANY.length, 20_000);
  const box = (title: string, p: Page = page) => p.getByRole('checkbox', { name: title, exact: true });
  const focusedName = (p: Page = page): Promise<string | null> =>
    p.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null);

  beforeEach(async () => {
    page = await open();
  });

  afterEach(async () => {
    await page?.close();
  });

  it('says ready, then shows the heading, scope, summary, defaults and one row per TODO', async () => {
    assert.deepEqual((await posted())[0], { type: 'ready' });
    assert.equal(await rows().count(), ROWS.length);
    assert.equal(await page.getByText('src/', { exact: true }).count(), 1);
    assert.equal(await page.locator('#summary').textContent(), 'TODOs found: 5 · selected: 2 · already linked: 1');
    assert.equal(await page.getByRole('grid', { name: 'TODOs' }).count(), 1);
    const assignee = page.getByLabel('Assign to');
    assert.deepEqual(await assignee.locator('option').allTextContents(), ['Ada Lovelace (you)', 'Alan <u>Turing</u>']);
    assert.equal(await page.getByLabel('Deadline').inputValue(), '2030-01-08');
    assert.deepEqual(await page.getByLabel('Task type').locator('option').allTextContents(), ['Task', 'Approval', 'Expiring', 'Email', 'Expiring email']);
    assert.deepEqual(await page.getByLabel('Tags').locator('option').allTextContents(), ['backend', 'billing']);
    assert.equal(await page.getByRole('button', { name: 'src/a.ts:3' }).count(), 1);
    assert.equal(await page.getByText('Same title as an earlier TODO in this file').count(), 1);
  });

  it('keeps hostile titles, names and messages as text', async () => {
    for (const tag of ['img', 'b', 'i', 'u']) assert.equal(await page.locator(tag).count(), 0, tag);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.equal(await box(HOSTILE).count(), 1);
    assert.equal(await page.getByRole('textbox', { name: `Task title for "${HOSTILE}"` }).inputValue(), HOSTILE);
    assert.equal(await page.getByText('Ada <b>Lovelace</b>').count(), 1);
    assert.equal(await page.getByText('No answer <i>came</i>.').count(), 1);
  });

  it('drops invalid messages', async () => {
    await send({ type: 'rows', rows: [{ key: CACHING.key }] });
    await send({ type: 'somethingElse' });
    // Messages are handled in order: once a valid one shows, the invalid ones before it were handled.
    await send({ type: 'rows', rows: [{ ...REFUNDS, title: 'Fix refunds, checked' }] });
    await page.getByRole('checkbox', { name: 'Fix refunds, checked', exact: true }).waitFor();
    assert.equal(await rows().count(), ROWS.length);
    assert.equal(await box('Add caching').isChecked(), true);
  });

  it('posts check when a box is toggled, and shows it at once', async () => {
    await box('Fix refunds').click();
    assert.equal(await box('Fix refunds').isChecked(), true);
    assert.deepEqual((await checks()).at(-1), { type: 'check', keys: [REFUNDS.key], checked: true });
    await box(HOSTILE).click();
    assert.deepEqual((await checks()).at(-1), { type: 'check', keys: [HOSTILE_ROW.key], checked: false });
  });

  it('offers linked and unknown rows without a usable box and with a read-only title', async () => {
    assert.equal(await box('Linked already').getAttribute('aria-disabled'), 'true');
    assert.equal(await page.getByText('Linked to task-1').count(), 1);
    assert.equal(await box('Maybe made').getAttribute('aria-disabled'), 'true');
    assert.equal(await page.getByRole('textbox', { name: 'Task title for "Linked already"' }).getAttribute('readonly'), '');
    await box('Linked already').click({ force: true });
    assert.equal(await box('Linked already').isChecked(), false);
    assert.equal((await checks()).length, 0);
  });

  it('selects all and none among the rows the filter shows, only those that can be created', async () => {
    await page.getByLabel('Filter').fill('refunds');
    assert.equal(await rows().count(), 2);
    await page.getByRole('button', { name: 'Select all' }).click();
    assert.deepEqual((await checks()).at(-1), { type: 'check', keys: [HOSTILE_ROW.key, REFUNDS.key], checked: true });
    await page.getByLabel('Filter').fill('src/b src/c');
    assert.equal(await page.getByText('No TODOs match the filter.').isVisible(), true);
    await page.getByLabel('Filter').fill('made');
    assert.equal(await rows().count(), 1);
    await page.getByRole('button', { name: 'Select none' }).click();
    assert.equal((await checks()).length, 1, 'an unknown row is not selectable: nothing to post');
    await page.getByLabel('Filter').fill('');
    assert.equal(await rows().count(), ROWS.length);
    await page.getByRole('button', { name: 'Select none' }).click();
    assert.deepEqual((await checks()).at(-1), { type: 'check', keys: [HOSTILE_ROW.key, REFUNDS.key, CACHING.key], checked: false });
    assert.equal(await page.getByRole('button', { name: 'Create 0 tasks' }).isDisabled(), true);
  });

  it('sorts by title without rebuilding the rows', async () => {
    await rows().first().evaluate((node) => node.setAttribute('data-probe', '1'));
    await page.getByLabel('Sort by').selectOption('title');
    assert.deepEqual(await titles(), ['Add caching', HOSTILE, 'Fix refunds', 'Linked already', 'Maybe made']);
    assert.equal(await page.locator('[data-probe="1"]').count(), 1, 'the same node, moved');
  });

  it('counts the checked rows on the Create button and posts create', async () => {
    assert.equal(await page.getByRole('button', { name: 'Create 2 tasks' }).isEnabled(), true);
    await box(HOSTILE).click();
    const create = page.getByRole('button', { name: 'Create 1 task' });
    assert.equal(await create.isEnabled(), true);
    await create.click();
    assert.equal((await posted()).filter((m) => m.type === 'create').length, 1);
  });

  it('moves between rows with the arrow keys, Home and End, and toggles with Space', async () => {
    await box(HOSTILE).focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedName(), 'Fix refunds');
    await page.keyboard.press('Space');
    assert.deepEqual((await checks()).at(-1), { type: 'check', keys: [REFUNDS.key], checked: true });
    await page.keyboard.press('End');
    assert.equal(await focusedName(), 'Add caching');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedName(), 'Maybe made', 'a row that cannot be checked is still reached');
    await page.keyboard.press('Home');
    assert.equal(await focusedName(), HOSTILE);
    // The same column: from a title to the next row's title.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedName(), `Task title for "${HOSTILE}"`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedName(), 'Task title for "Fix refunds"');
    // Only the active row is in the tab order.
    const tabbable = await page.locator('.rows [tabindex="0"]').count();
    assert.equal(tabbable, 3);
  });

  it('sends a changed title after a pause, and at once when the field is left', async () => {
    const title = rows().nth(1).getByRole('textbox');
    assert.equal(await title.getAttribute('aria-label'), 'Task title for "Fix refunds"');
    await title.fill('Fix the refunds');
    assert.equal(await title.getAttribute('aria-label'), 'Task title for "Fix refunds"', 'the label holds while typing');
    await title.press('Tab');
    await until(async () => (await posted()).some((m) => m.type === 'title'));
    assert.deepEqual((await posted()).filter((m) => m.type === 'title'), [{ type: 'title', key: REFUNDS.key, title: 'Fix the refunds' }]);
    assert.equal(await title.getAttribute('aria-label'), 'Task title for "Fix the refunds"');
    assert.equal(await box('Fix the refunds').count(), 1);
    // Typing and pausing sends it too, without leaving the field.
    await title.focus();
    await title.fill('Fix all the refunds');
    await until(async () => (await posted()).filter((m) => m.type === 'title').length === 2);
    assert.deepEqual((await posted()).filter((m) => m.type === 'title').at(-1), { type: 'title', key: REFUNDS.key, title: 'Fix all the refunds' });
  });

  it('updates a row in place when the extension sends rows', async () => {
    await send({ type: 'rows', rows: [{ ...CACHING, state: { kind: 'created', taskId: 'task-9', written: true } }] });
    await page.getByText('Created task-9').waitFor();
    assert.equal(await box('Add caching').getAttribute('aria-disabled'), 'true');
    assert.equal(await page.getByRole('button', { name: 'Create 1 task' }).count(), 1);
    await send({ type: 'rows', rows: [{ ...REFUNDS, state: { kind: 'failed', message: 'Tallyfy said no.' } }] });
    await page.getByText('Tallyfy said no.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Retry failed' }).isVisible(), true);
    await page.getByRole('button', { name: 'Retry failed' }).click();
    assert.equal((await posted()).at(-1)?.type, 'retryFailed');
    assert.equal(await rows().count(), ROWS.length);
  });

  it('offers "Check for the task" on unknown rows', async () => {
    const check = page.getByRole('button', { name: 'Check for the task' });
    assert.equal(await check.count(), 1);
    await check.click();
    assert.deepEqual((await posted()).at(-1), { type: 'checkForTask', key: UNKNOWN.key });
    await send({ type: 'rows', rows: [{ ...UNKNOWN, state: { kind: 'ready' } }] });
    await check.waitFor({ state: 'detached' });
    assert.equal(await check.count(), 0);
  });

  it('shows the run: progress and Cancel while running, the message and Sign In after', async () => {
    await send({ type: 'run', run: { phase: 'running', done: 1, total: 4 } });
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    assert.equal(await page.getByText('Creating tasks: 1 of 4').isVisible(), true);
    assert.equal(await page.getByRole('button', { name: 'Create 2 tasks' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await posted()).at(-1)?.type, 'cancel');
    await send({ type: 'run', run: { phase: 'over', done: 1, total: 4, message: 'You are signed out.', signIn: true } });
    await page.getByRole('alert').filter({ hasText: 'You are signed out.' }).waitFor();
    assert.equal(await page.getByRole('alert').textContent(), 'You are signed out.');
    assert.equal(await bar.isVisible(), false);
    await page.getByRole('button', { name: 'Sign In' }).click();
    assert.equal((await posted()).at(-1)?.type, 'signIn');
  });

  it('posts the shared defaults when one changes, and takes late options', async () => {
    await page.getByLabel('Task type').selectOption('approval');
    assert.deepEqual((await posted()).at(-1), { type: 'defaults', defaults: { deadline: '2030-01-08', taskType: 'approval', tags: [] } });
    await page.getByLabel('Assign to').selectOption({ label: 'Alan <u>Turing</u>' });
    await page.getByLabel('Tags').selectOption(['t2']);
    await page.getByLabel('Deadline').fill('2030-02-01');
    assert.deepEqual((await posted()).at(-1), { type: 'defaults', defaults: { assignee: 8, deadline: '2030-02-01', taskType: 'approval', tags: ['t2'] } });
    await page.getByLabel('Assign to').selectOption({ label: 'Ada Lovelace (you)' });
    assert.deepEqual((await posted()).at(-1), { type: 'defaults', defaults: { deadline: '2030-02-01', taskType: 'approval', tags: ['t2'] } });
    await send({ type: 'options', me: { id: 7, name: 'Ada Lovelace' }, members: [{ id: 9, name: 'Grace Hopper' }], tags: [] });
    await page.getByLabel('Assign to').locator('option', { hasText: 'Grace Hopper' }).waitFor({ state: 'attached' });
    assert.deepEqual(await page.getByLabel('Assign to').locator('option').allTextContents(), ['Ada Lovelace (you)', 'Grace Hopper']);
    assert.equal(await page.getByText('No tags in this organization.').isVisible(), true);
  });

  it('keeps the filter and the sort across a reload', async () => {
    await page.getByLabel('Filter').fill('caching');
    await page.getByLabel('Sort by').selectOption('title');
    await page.reload();
    await page.getByRole('heading', { name: ENGLISH.heading }).waitFor();
    await until(async () => (await rows().count()) === 1);
    assert.equal(await page.getByLabel('Filter').inputValue(), 'caching');
    assert.equal(await page.getByLabel('Sort by').inputValue(), 'title');
    const state = JSON.parse((await page.evaluate(() => sessionStorage.getItem('state'))) ?? 'null') as Record<string, unknown>;
    assert.equal(state['reviewId'], 'review-1', 'the extension finds the review again by it');
  });

  it('says so when the scan found nothing', async () => {
    const empty = await open({ ...INIT, rows: [] });
    try {
      await empty.getByText('No TODOs found.').waitFor();
      assert.equal(await empty.getByRole('button', { name: 'Create 0 tasks' }).isDisabled(), true);
    } finally {
      await empty.close();
    }
  });

  it('renders 2,000 rows, all of them in order, and marks when the first are shown', async () => {
    const big = await open(BIG);
    try {
      await until(async () => (await big.evaluate((mark) => performance.getEntriesByName(mark).length, REVIEW_READY_MARK)) === 1);
      await allRows(big);
      assert.deepEqual(await titles(big), MANY_TITLES);
      const groups = await big.locator('.rows .chunk').evaluateAll((chunks) => chunks.map((chunk) => chunk.childElementCount));
      assert.deepEqual(groups, Array.from({ length: 40 }, () => 50), 'in groups of 50, each skipped off screen');
      assert.equal(await big.evaluate((mark) => performance.getEntriesByName(mark).length, REVIEW_READY_MARK), 1, 'only the first showing marks');
      assert.equal(await big.locator('#create').textContent(), `Create ${MANY_CHECKED} tasks`);
      await big.getByLabel('Filter').fill('number 1999');
      assert.equal(await rows(big).count(), 1);
      await big.getByLabel('Filter').fill('');
      assert.deepEqual(await titles(big), MANY_TITLES);
    } finally {
      await big.close();
    }
  });

  it('shows a rows update that came before its row was built, once it is', async () => {
    const created = { ...LAST, state: { kind: 'created', taskId: 'task-9', written: true } };
    // In one task, as if they came at once: the rest of the rows are built in the tasks that follow.
    const first = await page.evaluate((messages) => {
      for (const data of messages) window.dispatchEvent(new MessageEvent('message', { data }));
      return document.querySelectorAll('.rows [role="row"]').length;
    }, [BIG, { type: 'rows', rows: [created] }]);
    assert.ok(first < MANY.length, `only the first rows are built at once (${first})`);
    assert.equal(await page.locator('#create').textContent(), `Create ${MANY_CHECKED - 1} tasks`, 'counted from all rows, built or not');
    await allRows();
    assert.equal(await rows().last().getByText('Created task-9').count(), 1);
    assert.equal(await box(LAST.title).getAttribute('aria-disabled'), 'true');
    assert.deepEqual(await titles(), MANY_TITLES);
  });

  it('selects all 2,000 rows right after init, before the rest are built', async () => {
    const first = await page.evaluate((init) => {
      window.dispatchEvent(new MessageEvent('message', { data: init }));
      const built = document.querySelectorAll('.rows [role="row"]').length;
      document.getElementById('select-all')?.click();
      return built;
    }, BIG);
    assert.ok(first < MANY.length, `only the first rows are built at once (${first})`);
    assert.deepEqual((await checks()).at(-1), { type: 'check', keys: MANY.map((r) => r.key), checked: true });
    assert.equal(await page.locator('#create').textContent(), `Create ${MANY.length} tasks`);
    await allRows();
    const boxes = await rows().locator('input[type="checkbox"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked));
    assert.deepEqual(boxes, MANY.map(() => true), 'the rows built later are built checked');
  });

  it('filters all 2,000 rows when the filter changes before the rest are built', async () => {
    const shown = await page.evaluate((init) => {
      window.dispatchEvent(new MessageEvent('message', { data: init }));
      const filter = document.getElementById('filter') as HTMLInputElement;
      filter.value = '199';
      filter.dispatchEvent(new Event('input', { bubbles: true }));
      return [...document.querySelectorAll<HTMLInputElement>('.rows input[type="text"]')].map((input) => input.value);
    }, BIG);
    assert.deepEqual(shown, MANY_TITLES.filter((title) => title.includes('199')));
    await page.getByLabel('Filter').fill('');
    assert.deepEqual(await titles(), MANY_TITLES);
  });

  it('goes to the last of 2,000 rows with End, also before the rest are built', async () => {
    const moved = await page.evaluate((init) => {
      window.dispatchEvent(new MessageEvent('message', { data: init }));
      const built = document.querySelectorAll('.rows [role="row"]').length;
      const first = document.querySelector<HTMLElement>('.rows input[type="checkbox"]');
      first?.focus();
      first?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }));
      return { built, focused: document.activeElement?.getAttribute('aria-label'), rows: document.querySelectorAll('.rows [role="row"]').length };
    }, BIG);
    assert.ok(moved.built < MANY.length, `only the first rows are built at once (${moved.built})`);
    assert.deepEqual({ focused: moved.focused, rows: moved.rows }, { focused: LAST.title, rows: MANY.length });
    await page.keyboard.press('Home');
    assert.equal(await focusedName(), 'Task number 0');
    await page.keyboard.press('End');
    assert.equal(await focusedName(), LAST.title);
    assert.deepEqual(await titles(), MANY_TITLES);
  });
});
