// The task update (PUT) over real HTTP: the client sends only the documented fields, validated first;
// the sandbox refuses what Tallyfy's update-task page says it refuses, one-off and process tasks alike.
import assert from 'node:assert/strict';
import { isTallyfyError } from '../../../src/core/tallyfy/errors';
import { titleUpdateBody } from '../../../src/core/tasks/titleUpdate';
import { makeClient, rejection, useSandbox, validInput } from './helpers';

const RUN = 'cd'.repeat(16);
const DEADLINE = '2031-03-04T05:06:07.000Z';

/** An update body as the client takes it: the create's valid input, with the create-only `task_type` dropped on the way. */
function updateInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return validInput({ title: 'Renamed task', deadline: new Date(Date.UTC(2031, 5, 7, 8, 9, 10)), ...overrides });
}

describe('tallyfy task update', () => {
  const sandbox = useSandbox();

  it('sends exactly title, deadline and owners, and reads the task from the answer', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = sandbox.current.addTask({ title: 'Old title', summary: 'Kept as it is', last_updated: '2030-01-01T00:00:00.000Z' });

    const updated = await client.updateTask(org, task.id, updateInput({ title: '  Renamed task  ', top_secret: true }));

    const puts = sandbox.current.requests({ method: 'PUT' });
    assert.deepEqual(
      puts.map((r) => [r.path, r.headers['content-type']]),
      [[`/organizations/${org}/tasks/${task.id}`, 'application/json']],
    );
    assert.deepEqual(puts[0]?.body, {
      title: 'Renamed task',
      deadline: '2031-06-07T08:09:10Z',
      owners: { users: [1001], guests: [], groups: [] },
    });
    assert.equal(updated.id, task.id);
    assert.equal(updated.title, 'Renamed task');
    assert.equal(updated.deadline, '2031-06-07T08:09:10Z');
    assert.equal(updated.summary, 'Kept as it is');
    const stored = sandbox.current.task(task.id);
    assert.equal(stored?.title, 'Renamed task');
    assert.notEqual(stored?.last_updated, '2030-01-01T00:00:00.000Z');
  });

  it('sends summary when given, and it replaces the description', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = sandbox.current.addTask({ title: 'Described', summary: 'Old description' });

    const updated = await client.updateTask(org, task.id, updateInput({ summary: 'New description' }));

    assert.deepEqual(sandbox.current.requests({ method: 'PUT' })[0]?.body, {
      title: 'Renamed task',
      deadline: '2031-06-07T08:09:10Z',
      owners: { users: [1001], guests: [], groups: [] },
      summary: 'New description',
    });
    assert.equal(updated.summary, 'New description');
    assert.equal(sandbox.current.task(task.id)?.summary, 'New description');
  });

  it('replaces the whole list of owners: two assignees become one', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = sandbox.current.addTask({ title: 'Shared', owners: { users: [1001, 1002], guests: [], groups: [] } });

    const updated = await client.updateTask(org, task.id, updateInput({ owners: { users: [1002] } }));

    assert.deepEqual(updated.owners.users.map((user) => user.id), [1002]);
    assert.deepEqual(sandbox.current.task(task.id)?.owners, { users: [1002], guests: [], groups: [] });
  });

  for (const field of ['title', 'deadline', 'owners'] as const) {
    it(`refuses input without ${field} before sending anything`, async () => {
      const { client } = makeClient(sandbox.current);
      const task = sandbox.current.addTask({ title: 'Untouched' });

      const error = await rejection(() => client.updateTask(sandbox.current.orgId, task.id, updateInput({ [field]: undefined })));

      assert.ok(isTallyfyError(error, 'validation'));
      assert.deepEqual(Object.keys(error.fieldErrors ?? {}), [field]);
      assert.equal(sandbox.current.requests().length, 0);
      assert.equal(sandbox.current.task(task.id)?.title, 'Untouched');
    });
  }

  it('refuses a summary that is not text before sending anything', async () => {
    const { client } = makeClient(sandbox.current);
    const task = sandbox.current.addTask({ title: 'Untouched' });

    const error = await rejection(() => client.updateTask(sandbox.current.orgId, task.id, updateInput({ summary: ['a'] })));

    assert.ok(isTallyfyError(error, 'validation'));
    assert.deepEqual(error.fieldErrors, { summary: ['Summary must be text.'] });
    assert.equal(sandbox.current.requests().length, 0);
  });

  it('refuses owners naming no one before sending anything', async () => {
    const { client } = makeClient(sandbox.current);
    const task = sandbox.current.addTask({ title: 'Untouched' });

    const error = await rejection(() =>
      client.updateTask(sandbox.current.orgId, task.id, updateInput({ owners: { users: [], guests: [], groups: [] } })),
    );

    assert.ok(isTallyfyError(error, 'validation'));
    assert.match(error.fieldErrors?.['owners']?.[0] ?? '', /at least one assignee/);
    assert.equal(sandbox.current.requests().length, 0);
  });

  for (const validationForm of ['error-flag', 'laravel'] as const) {
    it(`maps the sandbox's 422 (${validationForm} form) to field errors and changes nothing`, async () => {
      const { client } = makeClient(sandbox.current);
      sandbox.current.configure({ validationForm });
      const task = sandbox.current.addTask({ title: 'Untouched', owners: { users: [1001], guests: [], groups: [] } });

      const error = await rejection(() => client.updateTask(sandbox.current.orgId, task.id, updateInput({ owners: { users: [1001, 4242] } })));

      assert.ok(isTallyfyError(error, 'validation'));
      assert.equal(error.status, 422);
      assert.deepEqual(error.fieldErrors, { 'owners.users.1': ['The selected owners.users.1 is invalid.'] });
      assert.equal(sandbox.current.requests({ method: 'PUT' }).length, 1);
      assert.equal(sandbox.current.task(task.id)?.title, 'Untouched');
      assert.deepEqual(sandbox.current.task(task.id)?.owners.users, [1001]);
    });
  }

  it('is refused for a completed task, and not sent again', async () => {
    const { client } = makeClient(sandbox.current);
    const task = sandbox.current.addTask({ title: 'Done already', status: 'completed' });

    const error = await rejection(() => client.updateTask(sandbox.current.orgId, task.id, updateInput()));

    assert.ok(isTallyfyError(error, 'validation'));
    assert.equal(error.status, 422);
    assert.match(error.serverMessage ?? '', /completed task cannot be updated/);
    assert.equal(sandbox.current.requests({ method: 'PUT' }).length, 1);
    assert.equal(sandbox.current.task(task.id)?.title, 'Done already');
  });

  it('does not find an archived task', async () => {
    const { client } = makeClient(sandbox.current);
    const task = sandbox.current.addTask({ title: 'Archived', archived_at: '2030-01-01T00:00:00.000Z' });

    const error = await rejection(() => client.updateTask(sandbox.current.orgId, task.id, updateInput()));

    assert.ok(isTallyfyError(error, 'not-found'));
    assert.equal(error.code, 'RESOURCE_NOT_FOUND');
    assert.equal(sandbox.current.task(task.id)?.title, 'Archived');
  });

  it("sends a process task's update to its run's route", async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = sandbox.current.addTask({ title: 'Process step', run_id: RUN, is_oneoff: false });

    const updated = await client.updateTask(org, task.id, updateInput({ title: 'Renamed step' }), { runId: RUN });

    assert.deepEqual(
      sandbox.current.requests().map((r) => `${r.method} ${r.path}`),
      [`PUT /organizations/${org}/runs/${RUN}/tasks/${task.id}`],
    );
    assert.equal(updated.title, 'Renamed step');
    assert.equal(updated.runId, RUN);
    assert.equal(sandbox.current.task(task.id)?.title, 'Renamed step');
  });

  it("does not find a process task on the organization's route, nor a one-off task on a run's", async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const inProcess = sandbox.current.addTask({ title: 'In a process', run_id: RUN, is_oneoff: false });
    const oneOff = sandbox.current.addTask({ title: 'On its own' });

    assert.ok(isTallyfyError(await rejection(() => client.updateTask(org, inProcess.id, updateInput())), 'not-found'));
    assert.ok(isTallyfyError(await rejection(() => client.updateTask(org, oneOff.id, updateInput(), { runId: RUN })), 'not-found'));

    assert.equal(sandbox.current.task(inProcess.id)?.title, 'In a process');
    assert.equal(sandbox.current.task(oneOff.id)?.title, 'On its own');
  });

  it('never resends an update whose outcome is unknown', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = sandbox.current.addTask({ title: 'Flaky' });
    sandbox.current.injectFault({ kind: 'status', status: 503, method: 'PUT', commit: true });
    sandbox.current.injectFault({ kind: 'drop', method: 'PUT', commit: true });

    const unavailable = await rejection(() => client.updateTask(org, task.id, updateInput({ title: 'First try' })));
    const dropped = await rejection(() => client.updateTask(org, task.id, updateInput({ title: 'Second try' })));

    assert.ok(isTallyfyError(unavailable, 'server'));
    assert.ok(isTallyfyError(dropped, 'network'));
    assert.equal(sandbox.current.requests({ method: 'PUT' }).length, 2);
    assert.equal(sandbox.current.task(task.id)?.title, 'Second try', 'both changes happened');
  });

  it('says bad-response when the 200 answer holds no task', async () => {
    const { client } = makeClient(sandbox.current);
    const task = sandbox.current.addTask({ title: 'Odd answer' });
    sandbox.current.injectFault({ kind: 'status', status: 200, body: { ok: true }, method: 'PUT', commit: true });

    const error = await rejection(() => client.updateTask(sandbox.current.orgId, task.id, updateInput()));

    assert.ok(isTallyfyError(error, 'bad-response'));
    assert.equal(sandbox.current.requests({ method: 'PUT' }).length, 1);
  });

  it('renames a task read from Tallyfy with titleUpdateBody, keeping its deadline and every assignee', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const groups = sandbox.current.seed.groups.map((group) => group.id).slice(0, 2);
    const owners = { users: [1001, 1002], guests: ['auditor@example.org'], groups };
    const task = sandbox.current.addTask({ title: 'Old name', deadline: DEADLINE, owners, summary: 'Stays' });

    const read = await client.getTask(org, task.id);
    await client.updateTask(org, task.id, titleUpdateBody(read, '  New name '));

    const stored = sandbox.current.task(task.id);
    assert.equal(stored?.title, 'New name');
    assert.equal(stored?.deadline, DEADLINE);
    assert.deepEqual(stored?.owners, owners);
    assert.equal(stored?.summary, 'Stays');
  });
});

describe("the sandbox's task update routes", () => {
  const sandbox = useSandbox();

  async function put(path: string, body: unknown) {
    const response = await fetch(`${sandbox.current.url}/organizations/${sandbox.current.orgId}${path}`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${sandbox.current.token}`,
        Accept: 'application/json',
        'X-Tallyfy-Client': 'APIClient',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const fullBody = () => ({
    title: 'Renamed',
    deadline: '2031-01-01T00:00:00Z',
    owners: { users: [1001], guests: [], groups: [] },
  });

  for (const field of ['title', 'deadline', 'owners'] as const) {
    it(`answers 422 to a one-off task's update without ${field}`, async () => {
      sandbox.current.configure({ validationForm: 'laravel' });
      const task = sandbox.current.addTask({ title: 'Untouched' });
      const { [field]: _left, ...body } = fullBody();

      const response = await put(`/tasks/${task.id}`, body);

      assert.equal(response.status, 422);
      assert.deepEqual(Object.keys(response.body['errors'] as object), [field]);
      assert.equal(sandbox.current.task(task.id)?.title, 'Untouched');
    });
  }

  it("answers 422 to a one-off task's update with an invalid deadline or a title over 600 characters", async () => {
    sandbox.current.configure({ validationForm: 'laravel' });
    const task = sandbox.current.addTask({ title: 'Untouched' });

    const response = await put(`/tasks/${task.id}`, { ...fullBody(), title: 'x'.repeat(601), deadline: 'soon' });

    assert.equal(response.status, 422);
    assert.deepEqual(response.body['errors'], {
      title: ['The title may not be greater than 600 characters.'],
      deadline: ['The deadline is not a valid date.'],
    });
  });

  it("updates a process task with only the fields sent, and empties a list of owners left out", async () => {
    const task = sandbox.current.addTask({
      title: 'Step',
      run_id: RUN,
      is_oneoff: false,
      deadline: DEADLINE,
      owners: { users: [1001], guests: ['auditor@example.org'], groups: [] },
    });

    const response = await put(`/runs/${RUN}/tasks/${task.id}`, { owners: { users: [1002] } });

    assert.equal(response.status, 200);
    const stored = sandbox.current.task(task.id);
    assert.equal(stored?.title, 'Step');
    assert.equal(stored?.deadline, DEADLINE);
    assert.deepEqual(stored?.owners, { users: [1002], guests: [], groups: [] });
  });

  it("validates the fields a process task's update sends, and refuses a completed one", async () => {
    sandbox.current.configure({ validationForm: 'laravel' });
    const open = sandbox.current.addTask({ title: 'Step', run_id: RUN, is_oneoff: false });
    const done = sandbox.current.addTask({ title: 'Done step', run_id: RUN, is_oneoff: false, status: 'completed' });

    const invalid = await put(`/runs/${RUN}/tasks/${open.id}`, { title: ' ', deadline: null });
    const refused = await put(`/runs/${RUN}/tasks/${done.id}`, { title: 'Renamed' });

    assert.equal(invalid.status, 422);
    assert.deepEqual(Object.keys(invalid.body['errors'] as object).sort(), ['deadline', 'title']);
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body, { error: true, message: 'A completed task cannot be updated.' });
    assert.equal(sandbox.current.task(done.id)?.title, 'Done step');
  });
});
