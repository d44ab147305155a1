import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { SandboxTask } from '../sandbox/server';
import { clickNotificationButton, ensureSignedIn, openFile, reloadWindow, runCommand, uniqueTitle, useE2E, webviewFrame } from './workbench';

const DAY = 86_400_000;
const ME = 1001;
const GRACE = 1002;

describe("e2e: editing a task from its details", function () {
  const e2e = useE2E();

  /** A one-off task of this test's own, assigned to the signed-in user and Grace Hopper unless told otherwise. */
  function addTask(text: string, extra: Partial<SandboxTask> = {}): SandboxTask {
    return e2e.sandbox.addTask({
      title: uniqueTitle(text),
      owners: { users: [ME, GRACE], guests: [], groups: [] },
      deadline: new Date(Date.now() + 10 * DAY).toISOString(),
      ...extra,
    });
  }

  /** The task's details panel, opened from the palette, in Edit. */
  async function editDetails(task: SandboxTask): Promise<Frame> {
    await ensureSignedIn(e2e);
    await runCommand(e2e.page, 'Tallyfy: Show Task Details');
    const box = e2e.page.locator('.quick-input-widget:visible input');
    await box.fill(task.id);
    await box.press('Enter');
    const frame = await webviewFrame(e2e.page, (f) => f.getByRole('heading', { name: task.title }), 'The task details');
    await frame.getByRole('button', { name: 'Edit', exact: true }).click();
    return frame;
  }

  const puts = (task: SandboxTask) => e2e.sandbox.requests({ method: 'PUT', path: `/organizations/*/tasks/${task.id}` });
  /** A date `days` from now as the date box takes it (the workbench's zone is UTC, as the sandbox's). */
  const dateIn = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

  it('sends one PUT with the title, the new deadline and every assignee, and the panel shows the new deadline', async () => {
    const task = addTask('Move my deadline');
    const frame = await editDetails(task);
    await frame.getByLabel('Deadline', { exact: true }).fill(dateIn(30));
    await frame.getByLabel('Time', { exact: true }).fill('15:30');
    await frame.getByRole('button', { name: 'Save', exact: true }).click();
    await frame.getByText('Saved to Tallyfy.').waitFor();
    await frame.getByText(/in 30 days/).waitFor();
    const sent = puts(task);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]?.body, {
      title: task.title,
      deadline: `${dateIn(30)}T15:30:00Z`,
      owners: { users: [ME, GRACE], groups: [], guests: [] },
    });
    assert.equal(e2e.sandbox.task(task.id)?.deadline, `${dateIn(30)}T15:30:00.000Z`);
    assert.equal(await frame.getByRole('button', { name: 'Save', exact: true }).count(), 0, 'out of Edit');
  });

  it('sends the remaining assignee only when one of two is removed', async () => {
    const task = addTask('Reassign me');
    const frame = await editDetails(task);
    await frame.getByRole('button', { name: 'Remove Grace Hopper', exact: true }).click();
    // The focus goes to the picker's box, whose suggestions open; Escape closes them.
    await frame.getByRole('combobox', { name: 'Assignees' }).press('Escape');
    await frame.getByRole('button', { name: 'Save', exact: true }).click();
    await frame.getByText('Saved to Tallyfy.').waitFor();
    assert.deepEqual((puts(task)[0]?.body as { owners?: unknown } | undefined)?.owners, { users: [ME], groups: [], guests: [] });
    assert.deepEqual(e2e.sandbox.task(task.id)?.owners, { users: [ME], groups: [], guests: [] });
  });

  it('does not overwrite a task changed in Tallyfy meanwhile, and offers to reload', async () => {
    const task = addTask('Changed under me');
    const frame = await editDetails(task);
    await frame.getByLabel('Title', { exact: true }).fill(`${task.title} (mine)`);
    const theirs = `${task.title} (theirs)`;
    e2e.sandbox.updateTask(task.id, { title: theirs, last_updated: new Date(Date.now() + 1000).toISOString() });
    await frame.getByRole('button', { name: 'Save', exact: true }).click();
    await frame.getByRole('alert').filter({ hasText: 'changed in Tallyfy since it was loaded' }).waitFor();
    assert.equal(puts(task).length, 0, 'nothing written');
    assert.equal(e2e.sandbox.task(task.id)?.title, theirs);
    assert.equal(await frame.getByLabel('Title', { exact: true }).inputValue(), `${task.title} (mine)`, 'the edit is kept');
    await frame.getByRole('button', { name: 'Reload', exact: true }).click();
    await frame.getByRole('heading', { name: theirs }).waitFor();
  });

  it('shows a 422 on the deadline at the field and keeps the edits', async () => {
    const task = addTask('Refuse my deadline');
    const frame = await editDetails(task);
    await frame.getByLabel('Title', { exact: true }).fill(`${task.title}, renamed`);
    await frame.getByLabel('Deadline', { exact: true }).fill(dateIn(3));
    e2e.sandbox.injectFault({
      kind: 'status',
      status: 422,
      method: 'PUT',
      path: `/organizations/*/tasks/${task.id}`,
      body: { error: true, errors: { deadline: ['The deadline falls on a day the organization does not work.'] } },
    });
    await frame.getByRole('button', { name: 'Save', exact: true }).click();
    const error = frame.locator('#deadline-error');
    await error.filter({ hasText: 'does not work' }).waitFor();
    assert.equal(await frame.getByLabel('Deadline', { exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.getByLabel('Title', { exact: true }).inputValue(), `${task.title}, renamed`);
    assert.equal(await frame.getByLabel('Deadline', { exact: true }).inputValue(), dateIn(3));
    assert.equal(puts(task).length, 1, 'sent once, not again');
    assert.equal(e2e.sandbox.task(task.id)?.title, task.title);
  });

  it('says a completed task must be reopened first, and sends nothing', async () => {
    const task = addTask('Already finished', { status: 'completed', completed_at: new Date().toISOString() });
    const frame = await editDetails(task);
    await frame.getByRole('alert').filter({ hasText: 'reopen it to edit it' }).waitFor();
    assert.equal(await frame.getByRole('button', { name: 'Save', exact: true }).count(), 0);
    assert.equal(puts(task).length, 0);
  });

  it('keeps the edits when hidden and across a window reload, and asks when the panel is closed with them', async () => {
    const task = addTask('Keep my edits');
    const frame = await editDetails(task);
    const edited = `${task.title}, edited`;
    await frame.getByLabel('Title', { exact: true }).fill(edited);
    const shows = async (what: string): Promise<Frame> => {
      const shown = await webviewFrame(e2e.page, (f) => f.getByRole('heading', { name: task.title }), what);
      await shown.getByLabel('Title', { exact: true }).waitFor();
      assert.equal(await shown.getByLabel('Title', { exact: true }).inputValue(), edited, what);
      return shown;
    };

    // Hidden behind a file, then shown again: the page is loaded anew, in Edit with the edits.
    await openFile(e2e.page, 'report.ts');
    await e2e.page.locator('.tabs-container .tab', { hasText: task.title }).click();
    await shows('The task details shown again');

    // Reloaded as a user does: VS Code keeps the open editors, the panel among them.
    await runCommand(e2e.page, 'File: Save All Files');
    await reloadWindow(e2e);
    await shows('The restored task details');

    // Closed: VS Code does not let an extension refuse it, so it asks after, and Reopen brings the edits back.
    await e2e.page.locator('.tabs-container .tab', { hasText: task.title }).click();
    await runCommand(e2e.page, 'View: Close Editor');
    await clickNotificationButton(e2e.page, /Your edits to .* were not saved/, 'Reopen with My Edits');
    await shows('The reopened task details');
    assert.equal(puts(task).length, 0, 'nothing saved by itself');
  });
});
