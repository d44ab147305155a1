// The sandbox itself: the API quirks it must reproduce and its HTTP control interface.
import assert from 'node:assert/strict';
import { useSandbox } from './helpers';

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
});
