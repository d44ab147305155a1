import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { SandboxTask } from '../sandbox/server';
import { chooseFromContextMenu, createTaskFromTodo, ensureSignedIn, ensureSignedOut, openFile, reloadWindow, runCommand, uniqueTitle, useE2E, webviewFrame } from './workbench';

const DAY = 86_400_000;
const ME = 1001;
const COLLEAGUE = 1004;

describe('e2e: Assigned to Me and a task\'s details', function () {
  const e2e = useE2E();

  const view = () => e2e.page.locator('.pane:has(.pane-header[aria-label^="Assigned to Me"])');
  const row = (text: string) => view().locator('.monaco-list-row', { hasText: text }).first();

  /** The view, shown and read again, once `title` (or any row) is listed in it. */
  async function showAssigned(title?: string): Promise<void> {
    await ensureSignedIn(e2e);
    if (!(await view().isVisible())) await runCommand(e2e.page, 'Tallyfy: Focus on Assigned to Me View');
    await view().waitFor({ state: 'visible' });
    await runCommand(e2e.page, 'Tallyfy: Refresh Assigned to Me');
    await (title === undefined ? view().locator('.monaco-list-row').first() : row(title)).waitFor();
  }

  /** A task of this test's own in the sandbox, assigned to the signed-in user unless told otherwise. */
  function addTask(text: string, extra: Partial<SandboxTask> = {}): SandboxTask {
    return e2e.sandbox.addTask({
      title: uniqueTitle(text),
      owners: { users: [ME], guests: [], groups: [] },
      deadline: new Date(Date.now() + 10 * DAY).toISOString(),
      ...extra,
    });
  }

  /**
   * The details panel of a task: from the palette with its id, or by a click on its row in "Assigned to
   * Me" (for a task with no TODO, due soon so that its row is drawn near the top of the view).
   */
  async function openDetails(task: SandboxTask, from: 'palette' | 'row' = 'palette'): Promise<Frame> {
    if (from === 'row') {
      await showAssigned(task.title);
      await row(task.title).click();
    } else {
      await ensureSignedIn(e2e);
      await runCommand(e2e.page, 'Tallyfy: Show Task Details');
      const box = e2e.page.locator('.quick-input-widget:visible input');
      await box.fill(task.id);
      await box.press('Enter');
    }
    return webviewFrame(e2e.page, (frame) => frame.getByRole('heading', { name: task.title }), 'The task details');
  }

  it("lists the user's open tasks in their groups by deadline, and not a colleague's or a completed one", async () => {
    const overdue = addTask('Overdue review', { deadline: new Date(Date.now() - DAY).toISOString() });
    const soon = addTask('Sign off the release', { deadline: new Date(Date.now() + DAY).toISOString() });
    const later = addTask('Update the runbook', { deadline: new Date(Date.now() + 20 * DAY).toISOString() });
    const theirs = addTask('Not mine', { owners: { users: [COLLEAGUE], guests: [], groups: [] } });
    const done = addTask('Already done', { status: 'completed' });
    await showAssigned(later.title);
    const rows = (await view().locator('.monaco-list-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    const at = (text: string): number => rows.findIndex((r) => r.startsWith(text) || r.includes(text));
    const order = ['Overdue', overdue.title, 'Due soon', soon.title, 'Later', later.title].map(at);
    assert.ok(order.every((index) => index >= 0), rows.join(' | '));
    assert.deepEqual([...order].sort((a, b) => a - b), order, rows.join(' | '));
    assert.equal(at(theirs.title), -1, 'a colleague\'s task is not listed');
    assert.equal(at(done.title), -1, 'a completed task is not listed');
    const asked = e2e.sandbox.requests({ method: 'GET', path: '/organizations/*/me/tasks' }).at(-1);
    assert.equal(asked?.query['status'], 'active');
    assert.equal(asked?.query['sort'], 'deadline');
  });

  it('lists a task created here from a TODO without being asked, and a click on it goes to the TODO', async () => {
    const shown = addTask('Already listed');
    await showAssigned(shown.title);
    const title = uniqueTitle('Made from a TODO');
    const reads = () => e2e.sandbox.requests({ method: 'GET', path: '/organizations/*/me/tasks' }).length;
    const before = reads();
    await createTaskFromTodo(e2e, title);
    await runCommand(e2e.page, 'View: Close All Editor Groups');
    // Opening the TODO's file showed the Explorer: the view is shown again (no Refresh asked for).
    await runCommand(e2e.page, 'Tallyfy: Focus on Assigned to Me View');
    await row(title).waitFor();
    assert.ok(reads() > before, 'the view read the tasks again by itself');
    await row(title).click();
    await e2e.page.locator('.tabs-container .tab.active', { hasText: /^todo-\d+\.ts/ }).waitFor();
  });

  it('reads a page of 25 at a time, and "Load more…" reads the next', async () => {
    // Due after every other test's task, so they come last in the deadline order, past the first page.
    const far = Array.from({ length: 30 }, (_, i) => addTask(`Far away ${i + 1}`, { deadline: new Date(Date.now() + (200 + i) * DAY).toISOString() }));
    const last = far.at(-1)!;
    try {
      await readAllPages(last.title);
    } finally {
      // Thirty more rows would push other tests' rows out of the view: they go.
      for (const task of far) e2e.sandbox.removeTask(task.id);
    }
  });

  /** Reads the pages of "Assigned to Me" with "Load more…" until `title` shows, checking what was asked. */
  async function readAllPages(title: string): Promise<void> {
    const reads = () => e2e.sandbox.requests({ method: 'GET', path: '/organizations/*/me/tasks' });
    await showAssigned();
    const before = reads().length;
    // The view draws only the rows that fit: End in its tree goes to the last row, "Load more…" while
    // more pages follow, and Enter on it reads the next page.
    for (let pages = 1; !(await row(title).isVisible()); pages++) {
      assert.ok(pages < 10, 'the last task shows within a few pages');
      const read = reads().length;
      await runCommand(e2e.page, 'Tallyfy: Focus on Assigned to Me View');
      await e2e.page.keyboard.press('End');
      const more = row('Load more…');
      if (await row(title).isVisible()) break;
      await more.waitFor();
      await e2e.page.keyboard.press('Enter');
      await e2e.sandbox.whenTasks(() => reads().length > read);
      await e2e.page.keyboard.press('End');
    }
    const asked = reads().slice(before);
    assert.ok(asked.some((r) => r.query['page'] === '2'), `pages read: ${asked.map((r) => r.query['page']).join(', ')}`);
    assert.ok(reads().every((r) => r.query['per_page'] === '25'), 'a page of 25 each time');
  }

  it('completes a one-off task and a process task from the view, each through its own route, once', async () => {
    const oneOff = addTask('Complete me from the view');
    const run = e2e.sandbox.addRun({ name: 'Release 4.2 sign-off' });
    const step = addTask('Approve the changelog', { run_id: run.id, is_oneoff: false });
    await showAssigned(step.title);
    assert.match(await row(step.title).innerText(), /Release 4\.2 sign-off/);
    const completes = (id: string) =>
      e2e.sandbox.requests({ method: 'POST' }).filter((r) => r.path.endsWith('/completed-tasks') && (r.body as { task_id?: unknown } | undefined)?.task_id === id);

    await chooseFromContextMenu(e2e.page, row(oneOff.title), 'Complete', row(oneOff.title), 'detached');
    assert.equal(e2e.sandbox.task(oneOff.id)?.status, 'completed');
    assert.deepEqual(completes(oneOff.id).map((r) => r.path), [`/organizations/${e2e.sandbox.orgId}/completed-tasks`]);

    await chooseFromContextMenu(e2e.page, row(step.title), 'Complete', row(step.title), 'detached');
    assert.equal(e2e.sandbox.task(step.id)?.status, 'completed');
    assert.deepEqual(completes(step.id).map((r) => r.path), [`/organizations/${e2e.sandbox.orgId}/runs/${run.id}/completed-tasks`]);
  });

  it("opens a task's details from its row and shows its description, form fields and comments as text, markup included", async () => {
    const task = addTask('Read my details', {
      deadline: new Date(Date.now() + DAY / 2).toISOString(),
      summary: '<p>Check the <b>refund</b> path.</p><img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
      extra: { form_fields: [{ label: 'Pull request', field_type: 'text', required: true }] },
    });
    e2e.sandbox.setFieldValue(task.id, 'Pull request', 'https://example.com/pr/7');
    e2e.sandbox.addComment(task.id, { content: 'First, from <strong>Grace</strong>', authorId: 1002, createdAt: new Date(Date.now() - 2 * DAY).toISOString() });
    e2e.sandbox.addComment(task.id, { content: '<img src=x onerror="window.__pwned=1">Second <a href="javascript:alert(1)">link</a>', authorId: ME });
    const frame = await openDetails(task, 'row');
    await frame.getByText('Check the refund path.').waitFor();
    await frame.getByText('Pull request').waitFor();
    await frame.getByText('https://example.com/pr/7').waitFor();
    const comments = frame.locator('text=First, from Grace');
    await comments.waitFor();
    const text = await frame.locator('body').innerText();
    assert.ok(text.indexOf('First, from Grace') < text.indexOf('Second link'), 'oldest first');
    assert.ok(text.includes('Grace Hopper'), 'the author is named');
    assert.equal(await frame.locator('#app img, #app script').count(), 0, 'no markup from Tallyfy');
    assert.equal(await frame.locator('a[href^="javascript"]').count(), 0);
    assert.equal(await frame.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined);
  });

  it('posts a comment once and shows it', async () => {
    const task = addTask('Comment on me');
    const frame = await openDetails(task);
    const box = frame.getByLabel('Comment', { exact: true });
    await box.fill('Looks good <b>to me</b>');
    const add = frame.getByRole('button', { name: 'Add comment' });
    await add.click();
    await frame.getByText('Looks good <b>to me</b>').waitFor();
    assert.equal(await box.inputValue(), '');
    const posts = e2e.sandbox.requests({ method: 'POST', path: `/organizations/*/tasks/${task.id}/comment` });
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0]?.body, { content: 'Looks good &lt;b&gt;to me&lt;/b&gt;' });
    assert.equal(e2e.sandbox.comments(task.id).length, 1);
  });

  it("keeps the comment's text when Tallyfy's hourly cap refuses it", async () => {
    const task = addTask('Too many comments');
    const frame = await openDetails(task);
    e2e.sandbox.injectFault({
      kind: 'status',
      status: 429,
      method: 'POST',
      path: `/organizations/*/tasks/${task.id}/comment`,
      body: { error: true, message: 'Too many comments.', code: 'RATE_LIMIT_EXCEEDED' },
    });
    const box = frame.getByLabel('Comment', { exact: true });
    await box.fill('Please keep this text');
    await frame.getByRole('button', { name: 'Add comment' }).click();
    await frame.getByText(/120 comments an hour/).waitFor();
    assert.equal(await box.inputValue(), 'Please keep this text');
    assert.equal(e2e.sandbox.comments(task.id).length, 0);
    assert.equal(e2e.sandbox.requests({ method: 'POST', path: `/organizations/*/tasks/${task.id}/comment` }).length, 1, 'sent once, not retried');
  });

  it('says the task is not available once signed out, and shows it again after signing in', async () => {
    const task = addTask('Hide me when signed out');
    const frame = await openDetails(task);
    await ensureSignedOut(e2e);
    await frame.getByText('Sign in to Tallyfy to see this task.').waitFor();
    assert.equal(await frame.getByRole('heading', { name: task.title }).count(), 0, 'nothing read before stays shown');
    await frame.getByRole('button', { name: 'Sign In' }).waitFor();
    await ensureSignedIn(e2e);
    await frame.getByRole('heading', { name: task.title }).waitFor();
  });

  it('keeps the comment being typed when hidden and across a window reload, where the panel comes back', async () => {
    const task = addTask('Survive a reload with a draft');
    const frame = await openDetails(task);
    await frame.getByLabel('Comment', { exact: true }).fill('Half-written thought');
    // Leaving the box keeps its text in the page's state at once.
    await e2e.page.keyboard.press('Tab');

    // Hidden behind a file, then shown again: the page is loaded anew, with the text.
    await openFile(e2e.page, 'report.ts');
    await e2e.page.locator('.tabs-container .tab', { hasText: task.title }).click();
    const shown = await webviewFrame(e2e.page, (f) => f.getByRole('heading', { name: task.title }), 'The task details shown again');
    assert.equal(await shown.getByLabel('Comment', { exact: true }).inputValue(), 'Half-written thought');

    // Reloaded as a user does: VS Code keeps the open editors, the panel among them.
    await runCommand(e2e.page, 'File: Save All Files');
    await reloadWindow(e2e);
    const back = await webviewFrame(e2e.page, (f) => f.getByRole('heading', { name: task.title }), 'The restored task details');
    assert.equal(await back.getByLabel('Comment', { exact: true }).inputValue(), 'Half-written thought');
    assert.equal(e2e.sandbox.comments(task.id).length, 0, 'a draft is not posted');
  });
});
