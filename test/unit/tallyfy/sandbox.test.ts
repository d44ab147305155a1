// The sandbox itself: the API quirks it must reproduce and its HTTP control interface.
import assert from 'node:assert/strict';
import { COMMENTS_PER_HOUR, OTHER_ORG_ID } from '../../sandbox/server';
import { DAY_MS, useSandbox } from './helpers';

describe('tallyfy sandbox', () => {
  const sandbox = useSandbox();

  async function api(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${sandbox.current.token}`,
      Accept: 'application/json',
      'X-Tallyfy-Client': 'APIClient',
      ...init.headers,
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${sandbox.current.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
  }

  async function control(path: string, method = 'GET', body?: unknown) {
    const response = await fetch(`${sandbox.current.controlUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  const validBody = () => ({
    title: 'T',
    task_type: 'task',
    owners: { users: [1001], guests: [], groups: [] },
    deadline: '2031-01-01T00:00:00Z',
  });

  it('has a 127.0.0.1 base URL, a 32-hex organization and seed data', () => {
    assert.match(sandbox.current.url, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
    assert.match(sandbox.current.orgId, /^[0-9a-f]{32}$/);
    assert.ok(sandbox.current.token.length > 20);
    assert.ok(sandbox.current.seed.members.length > 10);
    assert.ok(sandbox.current.seed.tags.every((tag) => /^[0-9a-f]{32}$/.test(tag.id)));
  });

  it('answers "endpoint not found" without X-Tallyfy-Client', async () => {
    const response = await api('/me', { headers: { 'X-Tallyfy-Client': '' } });
    assert.equal(response.status, 404);
    assert.deepEqual(response.body, { error: true, message: 'Endpoint not found.', code: 'ENDPOINT_NOT_FOUND' });
  });

  it('answers 401 to a wrong or missing token', async () => {
    assert.equal((await api('/me', { headers: { Authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await api('/me', { headers: { Authorization: '' } })).status, 401);
    assert.equal((await api('/me')).status, 200);
  });

  it('answers 201 with the documented body and a 32-hex id', async () => {
    const response = await api(`/organizations/${sandbox.current.orgId}/tasks`, { method: 'POST', body: validBody() });
    assert.equal(response.status, 201);
    const data = response.body?.['data'] as Record<string, unknown>;
    assert.match(String(data['id']), /^[0-9a-f]{32}$/);
    for (const key of ['increment_id', 'title', 'run_id', 'step_id', 'status', 'task_type', 'owners', 'deadline', 'started_at', 'created_at', 'last_updated']) {
      assert.ok(key in data, key);
    }
    assert.equal(data['status'], 'not-started');
    assert.match(response.headers.get('x-request-id') ?? '', /^sbx-\d+$/);
  });

  it('alternates the two 422 forms by default', async () => {
    const path = `/organizations/${sandbox.current.orgId}/tasks`;
    const first = await api(path, { method: 'POST', body: { ...validBody(), title: '' } });
    const second = await api(path, { method: 'POST', body: { ...validBody(), owners: { users: [5] } } });
    assert.equal(first.status, 422);
    assert.deepEqual(first.body, { error: true, errors: { title: 'The title field is required.' } });
    assert.equal(second.status, 422);
    assert.deepEqual(second.body, { message: 'The given data was invalid.', errors: { 'owners.users.0': ['The selected owners.users.0 is invalid.'] } });
  });

  it('nests 422 errors in the error-flag form', async () => {
    sandbox.current.configure({ validationForm: 'error-flag' });
    const response = await api(`/organizations/${sandbox.current.orgId}/tasks`, {
      method: 'POST',
      body: { ...validBody(), owners: { users: [5], guests: ['bad'] } },
    });
    assert.deepEqual(response.body, {
      error: true,
      errors: { owners: { users: { 0: 'The selected owners.users.0 is invalid.' }, guests: { 0: 'The owners.guests.0 must be a valid email address.' } } },
    });
  });

  it('alternates owners.users between objects and ids', async () => {
    const task = sandbox.current.addTask({ title: 't' });
    const path = `/organizations/${sandbox.current.orgId}/tasks/${task.id}`;
    const a = (await api(path)).body?.['data'] as { owners: { users: unknown[] } };
    const b = (await api(path)).body?.['data'] as { owners: { users: unknown[] } };
    assert.deepEqual(a.owners.users, [{ id: 1001, full_name: 'Ada Lovelace', profile_pic: null }]);
    assert.deepEqual(b.owners.users, [1001]);
  });

  it('caps per_page at 100 and defaults to 10', async () => {
    for (let i = 0; i < 105; i++) sandbox.current.addTask({ title: `t${i}` });
    const path = `/organizations/${sandbox.current.orgId}/tasks?is_oneoff=true`;
    const big = await api(`${path}&per_page=500`);
    assert.equal((big.body?.['data'] as unknown[]).length, 100);
    const small = await api(path);
    const meta = big.body?.['meta'] as { pagination: Record<string, unknown> };
    assert.equal((small.body?.['data'] as unknown[]).length, 10);
    assert.equal(meta.pagination['per_page'], 100);
    assert.equal(meta.pagination['total_pages'], 2);
  });

  it('is controllable over HTTP: info, faults, requests, tasks, config, reset', async () => {
    const info = (await control('')).body as { token: string; orgId: string; url: string };
    assert.equal(info.token, sandbox.current.token);
    assert.equal(info.url, sandbox.current.url);

    assert.equal((await control('/faults', 'POST', { kind: 'status', status: 503, method: 'GET', path: '/me' })).status, 200);
    assert.equal((await api('/me')).status, 503);
    assert.equal((await api('/me')).status, 200);

    const requests = (await control('/requests?method=GET&path=/me')).body as Array<{ headers: Record<string, string>; fault?: string }>;
    assert.equal(requests.length, 2);
    assert.equal(requests[0]?.fault, 'status');
    assert.equal(requests[0]?.headers['authorization'], `Bearer ${sandbox.current.token}`);

    const created = (await control('/tasks', 'POST', { title: 'from control' })).body as { id: string };
    const patched = (await control(`/tasks/${created.id}`, 'PATCH', { status: 'completed' })).body as { status: string; completed_at: string | null };
    assert.equal(patched.status, 'completed');
    assert.ok(patched.completed_at);
    assert.equal(((await control('/tasks')).body as unknown[]).length, 1);

    const behavior = (await control('/config', 'PUT', { ownersForm: 'ids' })).body as { ownersForm: string };
    assert.equal(behavior.ownersForm, 'ids');

    await control('/faults', 'POST', [{ kind: 'drop' }, { kind: 'slow', delayMs: 10 }]);
    assert.equal(((await control('/faults')).body as unknown[]).length, 2);
    assert.equal((await control('/faults', 'DELETE')).status, 200);
    assert.deepEqual((await control('/faults')).body, []);

    assert.equal((await control('/reset', 'POST')).status, 200);
    assert.deepEqual((await control('/tasks')).body, []);
    assert.deepEqual((await control('/requests')).body, []);
    assert.equal(sandbox.current.behavior().ownersForm, 'alternate');
    assert.equal((await control('/faults', 'POST', { kind: 'bogus' })).status, 400);
  });

  it('matches faults by method and path glob, for the given count', async () => {
    sandbox.current.injectFault({ kind: 'status', status: 502, method: 'GET', path: '/organizations/*/tags', count: 2 });
    const tags = `/organizations/${sandbox.current.orgId}/tags`;
    assert.equal((await api('/me')).status, 200);
    assert.equal((await api(tags)).status, 502);
    assert.equal((await api(tags)).status, 502);
    assert.equal((await api(tags)).status, 200);
  });

  it('tells a waiting test once a request has brought the tasks to a state, and not before', async () => {
    const task = sandbox.current.addTask({ title: 'Wait for me' });
    let done = false;
    const completed = sandbox.current.whenTasks(() => sandbox.current.task(task.id)?.completed_at !== null).then(() => (done = true));
    await api('/me');
    assert.equal(done, false, 'a request that changes nothing leaves it waiting');
    const answer = await api(`/organizations/${sandbox.current.orgId}/completed-tasks`, { method: 'POST', body: { task_id: task.id } });
    assert.equal(answer.status, 200);
    await completed;
    assert.equal(done, true);
  });
  describe('me/tasks', () => {
    const mine = { users: [1001], guests: [], groups: [] };
    const inFuture = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

    function seedMine() {
      const s = sandbox.current;
      const run = s.addRun({ name: 'Quarterly close' });
      const later = s.addTask({ title: 'later', owners: mine, deadline: inFuture(5), created_at: '2030-01-03T00:00:00.000Z' });
      const soon = s.addTask({ title: 'soon', owners: mine, deadline: inFuture(1), run_id: run.id, is_oneoff: false, created_at: '2030-01-01T00:00:00.000Z' });
      const late = s.addTask({ title: 'late', owners: mine, deadline: inFuture(-1), created_at: '2030-01-02T00:00:00.000Z' });
      s.addTask({ title: 'done', owners: mine, deadline: inFuture(-2), status: 'completed' });
      s.addTask({ title: 'archived', owners: mine, archived_at: new Date().toISOString() });
      s.addTask({ title: 'theirs', owners: { users: [1004], guests: [], groups: [] } });
      return { run, later, soon, late };
    }

    const titles = async (query: string) => {
      const answer = await api(`/organizations/${sandbox.current.orgId}/me/tasks${query}`);
      assert.equal(answer.status, 200);
      return (answer.body?.['data'] as Array<{ title: string }>).map((t) => t.title);
    };

    it('filters by the documented statuses, and answers any other with every task', async () => {
      seedMine();
      assert.deepEqual(await titles(''), ['later', 'soon', 'late', 'done']);
      assert.deepEqual(await titles('?status=active'), ['later', 'soon', 'late']);
      assert.deepEqual(await titles('?status=completed'), ['done']);
      assert.deepEqual(await titles('?status=overdue'), ['late']);
      for (const other of ['due_soon', 'due-soon', 'hasproblem', 'bogus']) {
        assert.deepEqual(await titles(`?status=${other}`), ['later', 'soon', 'late', 'done'], other);
      }
    });

    it('sorts by deadline either way and by newest, oldest first otherwise', async () => {
      seedMine();
      assert.deepEqual(await titles('?status=active&sort=deadline'), ['late', 'soon', 'later']);
      assert.deepEqual(await titles('?status=active&sort=-deadline'), ['later', 'soon', 'late']);
      assert.deepEqual(await titles('?status=active&sort=newest'), ['later', 'late', 'soon']);
      assert.deepEqual(await titles('?status=active&sort=problems'), ['later', 'soon', 'late']);
    });

    it('includes the process with with=run, as { data }, and only then', async () => {
      const { run } = seedMine();
      sandbox.current.addTask({ title: 'unknown run', owners: mine, run_id: 'cd'.repeat(16), is_oneoff: false });
      const plain = (await api(`/organizations/${sandbox.current.orgId}/me/tasks`)).body?.['data'] as Array<Record<string, unknown>>;
      assert.ok(plain.every((task) => !('run' in task) && !('threads' in task) && !('form_fields' in task)));
      const answer = await api(`/organizations/${sandbox.current.orgId}/me/tasks?status=active&with=run&per_page=100`);
      const byTitle = new Map((answer.body?.['data'] as Array<Record<string, unknown>>).map((task) => [task['title'], task]));
      assert.deepEqual(byTitle.get('soon')?.['run'], { data: { id: run.id, name: 'Quarterly close' } });
      assert.deepEqual(byTitle.get('later')?.['run'], { data: null });
      assert.deepEqual(byTitle.get('unknown run')?.['run'], { data: null });
      assert.equal(byTitle.get('soon')?.['threads'], undefined);
    });
  });

  describe('task relations (with=)', () => {
    const formFields = [
      { label: 'Decision', field_type: 'dropdown', required: true },
      { label: 'Notes', field_type: 'textarea', required: false },
    ];

    async function created() {
      const answer = await api(`/organizations/${sandbox.current.orgId}/tasks`, { method: 'POST', body: { ...validBody(), form_fields: formFields } });
      return (answer.body?.['data'] as { id: string }).id;
    }

    it('renders threads and form_fields only when with names them, wrapped in { data }', async () => {
      const id = await created();
      sandbox.current.addComment(id, { content: '<p>First</p>', createdAt: '2030-01-01T10:00:00Z' });
      const path = `/organizations/${sandbox.current.orgId}/tasks/${id}`;
      const plain = (await api(path)).body?.['data'] as Record<string, unknown>;
      for (const relation of ['threads', 'form_fields', 'run']) assert.equal(relation in plain, false, relation);
      const tagsOnly = (await api(`${path}?with=tags`)).body?.['data'] as Record<string, unknown>;
      assert.deepEqual(tagsOnly['tags'], []);
      assert.equal('threads' in tagsOnly, false);

      sandbox.current.configure({ dateForm: 'z' });
      const full = (await api(`${path}?with=threads,form_fields`)).body?.['data'] as Record<string, { data: Array<Record<string, unknown>> }>;
      assert.deepEqual(full['threads']?.data.map((t) => Object.keys(t).sort()), [['author_id', 'content', 'created_at', 'id', 'label']]);
      assert.equal(full['threads']?.data[0]?.['created_at'], '2030-01-01T10:00:00Z');
      const fields = full['form_fields']?.data ?? [];
      assert.deepEqual(fields.map((f) => [f['label'], f['field_type'], f['required'], f['value'], f['options'], f['columns']]), [
        ['Decision', 'dropdown', true, null, [], []],
        ['Notes', 'textarea', false, null, [], []],
      ]);
      assert.ok(fields.every((f) => /^[0-9a-f]{32}$/.test(String(f['id']))));
      const again = (await api(`${path}?with=form_fields`)).body?.['data'] as Record<string, { data: Array<Record<string, unknown>> }>;
      assert.deepEqual(again['form_fields']?.data.map((f) => f['id']), fields.map((f) => f['id']), 'stable ids');
    });

    it("renders a field's options and columns as the create sent them, and logs the body as it was sent", async () => {
      const sentFields = [
        { label: 'Environment', field_type: 'dropdown', required: true, options: [{ text: 'Staging', id: 1 }, { text: 'Production', id: 2 }] },
        { label: 'Parts', field_type: 'table', required: false, columns: [{ label: 'Name', id: 1 }, { label: 'Qty', id: 2 }] },
      ];
      const answer = await api(`/organizations/${sandbox.current.orgId}/tasks`, { method: 'POST', body: { ...validBody(), form_fields: sentFields } });
      const id = (answer.body?.['data'] as { id: string }).id;
      const read = (await api(`/organizations/${sandbox.current.orgId}/tasks/${id}?with=form_fields`)).body?.['data'] as Record<string, { data: Array<Record<string, unknown>> }>;
      assert.deepEqual(read['form_fields']?.data.map((f) => [f['label'], f['options'], f['columns']]), [
        ['Environment', sentFields[0]?.options, []],
        ['Parts', [], sentFields[1]?.columns],
      ]);
      // The stored fields got their ids; the request log still holds what was sent.
      assert.deepEqual((sandbox.current.requests({ method: 'POST' }).at(-1)?.body as { form_fields?: unknown }).form_fields, sentFields);
    });

    it("refuses a form field type Tallyfy's API does not know, and takes what it takes without checking options", async () => {
      const path = `/organizations/${sandbox.current.orgId}/tasks`;
      sandbox.current.configure({ validationForm: 'laravel' });
      const refused = await api(path, { method: 'POST', body: { ...validBody(), form_fields: [{ label: 'Count', field_type: 'number', required: true }] } });
      assert.equal(refused.status, 422);
      assert.deepEqual((refused.body?.['errors'] as Record<string, unknown>)['form_fields.0.field_type'], ['The selected form_fields.0.field_type is invalid.']);
      // As Tallyfy: `email` is taken (its web app cannot show it), and so are a dropdown without options and a radio with one.
      const taken = await api(path, {
        method: 'POST',
        body: {
          ...validBody(),
          form_fields: [
            { label: 'Contact', field_type: 'email', required: true },
            { label: 'Env', field_type: 'dropdown', required: true },
            { label: 'Ship?', field_type: 'radio', required: true, options: [{ text: 'Yes' }] },
          ],
        },
      });
      assert.equal(taken.status, 201);
    });

    it('renders the values setFieldValue captured, by label or id, on the task and run routes and in lists', async () => {
      const id = await created();
      const run = sandbox.current.addRun({ name: 'Onboarding' });
      sandbox.current.updateTask(id, { run_id: run.id, is_oneoff: false });
      const decision = sandbox.current.setFieldValue(id, 'Decision', { id: 1, text: 'Approved' });
      sandbox.current.setFieldValue(id, String(decision['id']), { id: 2, text: 'Rejected' });
      sandbox.current.setFieldValue(id, 'Notes', 'See <b>the log</b>');
      assert.throws(() => sandbox.current.setFieldValue(id, 'Nope', 1), /no form field/);
      const org = sandbox.current.orgId;
      const onRun = (await api(`/organizations/${org}/runs/${run.id}/tasks/${id}?with=form_fields,run`)).body?.['data'] as Record<string, { data: unknown }>;
      assert.deepEqual((onRun['form_fields']?.data as Array<{ value: unknown }>).map((f) => f.value), [{ id: 2, text: 'Rejected' }, 'See <b>the log</b>']);
      assert.deepEqual(onRun['run'], { data: { id: run.id, name: 'Onboarding' } });
      const listed = (await api(`/organizations/${org}/tasks?with=form_fields`)).body?.['data'] as Array<Record<string, { data: unknown[] }>>;
      assert.equal(listed[0]?.['form_fields']?.data.length, 2);
      const unlisted = (await api(`/organizations/${org}/tasks`)).body?.['data'] as Array<Record<string, unknown>>;
      assert.equal('form_fields' in (unlisted[0] ?? {}), false);
    });
  });

  describe('comments', () => {
    const commentPath = (id: string, org = sandbox.current.orgId) => `/organizations/${org}/tasks/${id}/comment`;

    it('stores a posted comment once, as sent, by the token\'s user, and answers 201 with the thread', async () => {
      const task = sandbox.current.addTask({ title: 'Discuss' });
      const content = '<p>Looks good @[1002]</p>  ';
      const answer = await api(commentPath(task.id), { method: 'POST', body: { content } });
      assert.equal(answer.status, 201);
      const data = answer.body?.['data'] as Record<string, unknown>;
      assert.match(String(data['id']), /^[0-9a-f]{32}$/);
      assert.equal(data['content'], content);
      assert.equal(data['author_id'], sandbox.current.seed.user.id);
      assert.equal(data['label'], 'comment');
      const stored = sandbox.current.comments(task.id);
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.content, content);
      assert.equal(stored[0]?.id, data['id']);
    });

    it('takes comments on process tasks, a label, and refuses unknown tasks and blank content', async () => {
      const run = sandbox.current.addRun({ name: 'Audit' });
      const step = sandbox.current.addTask({ title: 'Step', run_id: run.id, is_oneoff: false });
      const problem = await api(commentPath(step.id), { method: 'POST', body: { content: 'Blocked', label: 'problem' } });
      assert.equal(problem.status, 201);
      assert.equal(sandbox.current.comments(step.id)[0]?.label, 'problem');
      assert.equal((await api(commentPath('f'.repeat(32)), { method: 'POST', body: { content: 'x' } })).status, 404);
      sandbox.current.configure({ validationForm: 'laravel' });
      const blank = await api(commentPath(step.id), { method: 'POST', body: { content: '  ' } });
      assert.equal(blank.status, 422);
      assert.deepEqual((blank.body?.['errors'] as Record<string, unknown>)['content'], ['The content field is required.']);
      assert.equal((await api(commentPath(step.id), { method: 'POST', body: {} })).status, 422);
      assert.equal((await api(commentPath(step.id), { method: 'POST', body: { content: 'x', label: 'rant' } })).status, 422);
      assert.equal(sandbox.current.comments(step.id).length, 1);
    });

    it(`answers a comment request past ${COMMENTS_PER_HOUR} in an hour in an organization with 429 RATE_LIMIT_EXCEEDED`, async () => {
      const task = sandbox.current.addTask({ title: 'Chatty' });
      for (let i = 0; i < COMMENTS_PER_HOUR - 1; i++) {
        assert.equal((await api(commentPath(task.id), { method: 'POST', body: { content: `c${i}` } })).status, 201);
      }
      assert.equal((await api(commentPath(task.id), { method: 'POST', body: { content: '' } })).status, 422, 'a refused one counts too');
      const capped = await api(commentPath(task.id), { method: 'POST', body: { content: 'one more' } });
      assert.equal(capped.status, 429);
      assert.equal((capped.body as Record<string, unknown>)['error'], true);
      assert.equal((capped.body as Record<string, unknown>)['code'], 'RATE_LIMIT_EXCEEDED');
      const retryAfter = Number(capped.headers.get('retry-after'));
      assert.ok(retryAfter > 3500 && retryAfter <= 3600, String(retryAfter));
      assert.equal(sandbox.current.comments(task.id).length, COMMENTS_PER_HOUR - 1);
      assert.notEqual((await api(commentPath(task.id, OTHER_ORG_ID), { method: 'POST', body: { content: 'x' } })).status, 429, 'per organization');
      sandbox.current.reset();
      const fresh = sandbox.current.addTask({ title: 'After reset' });
      assert.equal((await api(commentPath(fresh.id), { method: 'POST', body: { content: 'again' } })).status, 201);
    });

    it('is controllable over HTTP: runs, comments and field values', async () => {
      const run = (await control('/runs', 'POST', { name: 'Launch' })).body as { id: string; name: string };
      assert.match(run.id, /^[0-9a-f]{32}$/);
      assert.deepEqual((await control('/runs')).body, [run]);
      const task = (await control('/tasks', 'POST', { title: 'T', run_id: run.id, is_oneoff: false, extra: { form_fields: [{ label: 'Due', field_type: 'date', required: false }] } })).body as { id: string };
      const made = await control(`/tasks/${task.id}/comments`, 'POST', { content: 'From the web app', authorId: 1003, createdAt: '2030-02-01T08:00:00Z', label: 'advice' });
      assert.equal(made.status, 201);
      assert.deepEqual((await control(`/tasks/${task.id}/comments`)).body, [
        { id: (made.body as { id: string }).id, content: 'From the web app', author_id: 1003, created_at: '2030-02-01T08:00:00.000Z', label: 'advice' },
      ]);
      const field = (await control(`/tasks/${task.id}/fields/Due`, 'PUT', { value: '2030-03-01T00:00:00Z' })).body as Record<string, unknown>;
      assert.equal(field['value'], '2030-03-01T00:00:00Z');
      assert.equal((await control(`/tasks/${task.id}/fields/Nope`, 'PUT', { value: 1 })).status, 400);
      assert.equal((await control(`/tasks/${task.id}/comments`, 'POST', {})).status, 400);
      assert.equal((await control('/reset', 'POST')).status, 200);
      assert.deepEqual((await control('/runs')).body, []);
      assert.deepEqual((await control(`/tasks/${task.id}/comments`)).body, []);
    });
  });
});
