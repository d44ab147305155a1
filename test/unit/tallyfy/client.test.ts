import assert from 'node:assert/strict';
import { taskComments, taskProcess } from '../../../src/core/tallyfy/details';
import { isHourlyCap, isTallyfyError } from '../../../src/core/tallyfy/errors';
import { COMMENTS_PER_HOUR } from '../../sandbox/server';
import { makeClient, rejection, useSandbox, validInput } from './helpers';

describe('tallyfy client against the sandbox', () => {
  const sandbox = useSandbox();

  it('reads the signed-in user and their organizations', async () => {
    const { client } = makeClient(sandbox.current);
    const me = await client.me();
    assert.equal(me.id, 1001);
    assert.equal(me.email, 'ada.lovelace@example.com');
    assert.equal(me.displayName, 'Ada Lovelace');
    const orgs = await client.organizations();
    assert.deepEqual(
      orgs.map((org) => org.id),
      sandbox.current.seed.organizations.map((org) => org.id),
    );
    assert.match(orgs[0]?.id ?? '', /^[0-9a-f]{32}$/);
  });

  it('sends the documented headers, Content-Type only with a body, and the token nowhere else', async () => {
    const { client } = makeClient(sandbox.current);
    await client.me();
    await client.createTask(sandbox.current.orgId, validInput());
    const [get, post] = sandbox.current.requests();
    assert.ok(get && post);
    for (const request of [get, post]) {
      assert.equal(request.headers['authorization'], `Bearer ${sandbox.current.token}`);
      assert.equal(request.headers['accept'], 'application/json');
      assert.equal(request.headers['x-tallyfy-client'], 'APIClient');
      assert.equal(request.headers['user-agent'], 'tallyfy-todo-tests/0.0.0');
    }
    assert.equal(get.headers['content-type'], undefined);
    assert.equal(post.headers['content-type'], 'application/json');
    for (const request of [get, post]) {
      assert.ok(!request.url.includes(sandbox.current.token), 'no token in the URL');
      assert.ok(!request.bodyText.includes(sandbox.current.token), 'no token in the body');
    }
  });

  it('never hands the token to the logger, and logs the request id', async () => {
    const { client, logs } = makeClient(sandbox.current);
    await client.me();
    await rejection(() => client.getTask(sandbox.current.orgId, 'f'.repeat(32)));
    assert.ok(logs.length > 0);
    assert.ok(logs.every((line) => !line.message.includes(sandbox.current.token)));
    assert.ok(logs.some((line) => /X-Request-Id sbx-\d+/.test(line.message)));
  });

  it('creates a one-off task and reads the 201 answer', async () => {
    const { client } = makeClient(sandbox.current);
    const deadline = new Date(Date.UTC(2031, 0, 2, 3, 4, 5, 678));
    const task = await client.createTask(
      sandbox.current.orgId,
      validInput({ title: '  Remove the retry hack ', deadline, description: 'From src/a.ts:3', owners: { users: [1001, 1002], guests: ['auditor@example.org'] } }),
    );
    assert.match(task.id, /^[0-9a-f]{32}$/);
    assert.equal(task.title, 'Remove the retry hack');
    assert.equal(task.status, 'not-started');
    assert.equal(task.summary, 'From src/a.ts:3');
    assert.equal(task.deadline, '2031-01-02T03:04:05Z');
    assert.deepEqual(
      task.owners.users.map((user) => user.id),
      [1001, 1002],
    );
    assert.deepEqual(task.owners.guests, ['auditor@example.org']);
    const [post] = sandbox.current.requests({ method: 'POST' });
    assert.deepEqual(post?.body, {
      title: 'Remove the retry hack',
      task_type: 'task',
      owners: { users: [1001, 1002], guests: ['auditor@example.org'], groups: [] },
      deadline: '2031-01-02T03:04:05Z',
      description: 'From src/a.ts:3',
      summary: 'From src/a.ts:3',
    });
    assert.equal(sandbox.current.tasks().length, 1);
  });

  it('reads owners.users as ids or objects and dates in every form the sandbox sends', async () => {
    const { client } = makeClient(sandbox.current);
    const created = await client.createTask(sandbox.current.orgId, validInput({ deadline: new Date(Date.UTC(2030, 5, 1, 12)) }));
    for (const ownersForm of ['ids', 'objects'] as const) {
      for (const dateForm of ['z', 'offset', 'millis', 'space'] as const) {
        sandbox.current.configure({ ownersForm, dateForm });
        const task = await client.getTask(sandbox.current.orgId, created.id);
        assert.equal(task.deadline, '2030-06-01T12:00:00Z', `${ownersForm}/${dateForm}`);
        assert.equal(task.owners.users[0]?.id, 1001);
        assert.equal(task.owners.users[0]?.fullName, ownersForm === 'objects' ? 'Ada Lovelace' : undefined);
      }
    }
  });

  it('completes, reopens, archives, restores and deletes a task', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = await client.createTask(org, validInput());
    const done = await client.completeTask(org, task.id);
    assert.equal(done?.isCompleted, true);
    assert.equal(done?.status, 'completed');
    assert.deepEqual(sandbox.current.requests({ method: 'POST', path: '/organizations/*/completed-tasks' })[0]?.body, { task_id: task.id });
    const reopened = await client.reopenTask(org, task.id);
    assert.equal(reopened?.status, 'in-progress');
    assert.equal(reopened?.isCompleted, false);
    await client.archiveTask(org, task.id);
    assert.equal((await client.listTasks(org)).items.length, 0);
    assert.ok(sandbox.current.task(task.id)?.archived_at);
    const restored = await client.restoreTask(org, task.id);
    assert.equal(restored?.archivedAt, undefined);
    assert.equal((await client.listTasks(org)).items.length, 1);
    await client.deleteTask(org, task.id);
    assert.equal(sandbox.current.task(task.id), undefined);
    const gone = await rejection(() => client.getTask(org, task.id));
    assert.ok(isTallyfyError(gone, 'not-found'));
    assert.equal(gone.code, 'RESOURCE_NOT_FOUND');
  });

  it('restores an archived task with PUT …/tasks/{id}/restore, and reads archived_at before and after', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = await client.createTask(org, validInput());
    assert.equal(task.archivedAt, undefined);
    await client.archiveTask(org, task.id);
    const archived = await client.getTask(org, task.id);
    assert.match(archived.archivedAt ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'Tallyfy still answers for an archived task');
    sandbox.current.clearRequests();

    const restored = await client.restoreTask(org, task.id);

    assert.deepEqual(
      sandbox.current.requests().map((r) => [r.method, r.path, r.bodyText]),
      [['PUT', `/organizations/${org}/tasks/${task.id}/restore`, '']],
    );
    assert.equal(restored?.id, task.id);
    assert.equal(restored?.archivedAt, undefined);
    assert.equal(sandbox.current.task(task.id)?.archived_at, null);
    assert.equal((await client.getTask(org, task.id)).archivedAt, undefined);
    const unknown = await rejection(() => client.restoreTask(org, 'f'.repeat(32)));
    assert.ok(isTallyfyError(unknown, 'not-found'));
  });

  it('sends is_approved when completing an approval', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const task = await client.createTask(org, validInput({ task_type: 'approval' }));
    const refused = await rejection(() => client.completeTask(org, task.id));
    assert.ok(isTallyfyError(refused, 'validation'));
    assert.ok(refused.fieldErrors?.['is_approved']);
    const done = await client.completeTask(org, task.id, { isApproved: true });
    assert.equal(done?.isCompleted, true);
    assert.equal(sandbox.current.task(task.id)?.is_approved, true);
  });

  it('sees status changes made in Tallyfy', async () => {
    const { client } = makeClient(sandbox.current);
    const task = await client.createTask(sandbox.current.orgId, validInput());
    sandbox.current.setTaskStatus(task.id, 'completed');
    const fresh = await client.getTask(sandbox.current.orgId, task.id);
    assert.equal(fresh.isCompleted, true);
    assert.ok(fresh.completedAt);
  });

  it('lists one-off tasks and my tasks', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    sandbox.current.addTask({ title: 'mine', owners: { users: [1001], guests: [], groups: [] } });
    sandbox.current.addTask({ title: 'theirs', owners: { users: [1004], guests: [], groups: [] } });
    sandbox.current.addTask({ title: 'process step', is_oneoff: false });
    const all = await client.listTasks(org);
    assert.deepEqual(all.items.map((t) => t.title).sort(), ['mine', 'theirs']);
    assert.equal(sandbox.current.requests()[0]?.query['is_oneoff'], 'true');
    const everything = await client.listTasks(org, { isOneoff: false });
    assert.equal(everything.items.length, 3);
    const mine = await client.listMyTasks(org);
    assert.deepEqual(mine.items.map((t) => t.title).sort(), ['mine', 'process step']);
  });

  it('lists and searches members, groups, guests and tags', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const firstPage = await client.listUsers(org);
    assert.equal(firstPage.items.length, 10);
    assert.equal(firstPage.pagination?.totalPages, 2);
    const allUsers = await client.listUsers(org, { all: true, perPage: 5 });
    assert.equal(allUsers.items.length, sandbox.current.seed.members.length);
    const grace = await client.listUsers(org, { q: 'hopper' });
    assert.deepEqual(grace.items.map((m) => m.fullName), ['Grace Hopper']);
    assert.equal(sandbox.current.requests({ path: '/organizations/*/users' }).at(-1)?.query['q'], 'hopper');
    const light = await client.listUsersLight(org);
    assert.equal(light.length, sandbox.current.seed.members.length);
    const groups = await client.listGroups(org, { q: 'eng' });
    assert.deepEqual(groups.items.map((g) => g.name), ['Engineering']);
    assert.deepEqual(groups.items[0]?.members, [1001, 1002, 1003]);
    const guests = await client.listGuests(org);
    assert.deepEqual(guests.items.map((g) => g.email), ['auditor@example.org', 'contractor@example.net']);
    const tags = await client.listTags(org, { q: 'SEC' });
    assert.deepEqual(tags.items.map((t) => t.title), ['security']);
    assert.match(tags.items[0]?.id ?? '', /^[0-9a-f]{32}$/);
  });

  it('is signed out without a token and sends nothing', async () => {
    const { client } = makeClient(sandbox.current, { getToken: async () => undefined });
    const error = await rejection(() => client.me());
    assert.ok(isTallyfyError(error, 'signed-out'));
    assert.equal(sandbox.current.requests().length, 0);
  });

  it('refuses empty ids before sending', async () => {
    const { client } = makeClient(sandbox.current);
    const error = await rejection(() => client.getTask(sandbox.current.orgId, '  '));
    assert.ok(isTallyfyError(error, 'configuration'));
    assert.equal(sandbox.current.requests().length, 0);
  });
  it('lists my tasks with status, sort and with=run in the query', async () => {
    const { client } = makeClient(sandbox.current);
    const org = sandbox.current.orgId;
    const run = sandbox.current.addRun({ name: 'Release 2.0' });
    sandbox.current.addTask({ title: 'step', run_id: run.id, is_oneoff: false, deadline: '2031-01-02T00:00:00.000Z' });
    sandbox.current.addTask({ title: 'first', deadline: '2031-01-01T00:00:00.000Z' });
    sandbox.current.addTask({ title: 'done', status: 'completed' });
    const page = await client.listMyTasks(org, { status: 'active', sort: 'deadline', with: ['run', ' '], perPage: 5 });
    assert.deepEqual(sandbox.current.requests()[0]?.query, { status: 'active', sort: 'deadline', with: 'run', page: '1', per_page: '5' });
    assert.deepEqual(page.items.map((t) => t.title), ['first', 'step']);
    assert.deepEqual(page.items.map((t) => taskProcess(t.raw)), [undefined, { id: run.id, name: 'Release 2.0' }]);
    await client.listMyTasks(org, { perPage: 3 });
    assert.deepEqual(sandbox.current.requests()[1]?.query, { page: '1', per_page: '3' });
  });

  describe('commentOnTask', () => {
    const commentPath = '/organizations/*/tasks/*/comment';

    it('sends { content } once, as given, and reads the comment back', async () => {
      const { client } = makeClient(sandbox.current);
      const org = sandbox.current.orgId;
      const task = sandbox.current.addTask({ title: 'Discuss' });
      const comment = await client.commentOnTask(org, task.id, '<p>Ship it</p>\n');
      const posts = sandbox.current.requests({ method: 'POST' });
      assert.deepEqual(posts.map((r) => [r.path, r.body]), [[`/organizations/${org}/tasks/${task.id}/comment`, { content: '<p>Ship it</p>\n' }]]);
      assert.equal(comment?.content, '<p>Ship it</p>\n');
      assert.equal(comment?.authorId, 1001);
      assert.equal(comment?.label, 'comment');
      assert.match(comment?.createdAt ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.equal(sandbox.current.comments(task.id).length, 1);
      sandbox.current.addComment(task.id, { content: 'Earlier, in the web app', createdAt: '2020-01-01T00:00:00Z', authorId: 1002 });
      const read = await client.getTask(org, task.id, { with: ['threads'] });
      assert.deepEqual(taskComments(read.raw).map((c) => [c.content, c.authorId]), [
        ['Earlier, in the web app', 1002],
        ['<p>Ship it</p>\n', 1001],
      ]);
    });

    it('comments on a process task through the organization\'s route, and reads a 200 answer too', async () => {
      const { client } = makeClient(sandbox.current);
      const org = sandbox.current.orgId;
      const step = sandbox.current.addTask({ title: 'Step', run_id: 'ab'.repeat(16), is_oneoff: false });
      sandbox.current.injectFault({ kind: 'status', status: 200, commit: true, path: commentPath, body: { data: { id: 'c1', content: 'Done', user: { data: { id: 1001, full_name: 'Ada Lovelace' } } } } });
      const comment = await client.commentOnTask(org, step.id, 'Done');
      assert.deepEqual(comment, { id: 'c1', content: 'Done', authorId: 1001, authorName: 'Ada Lovelace' });
      assert.equal(sandbox.current.requests()[0]?.path, `/organizations/${org}/tasks/${step.id}/comment`);
      assert.equal(sandbox.current.comments(step.id).length, 1);
    });

    it('sends nothing for blank content: a validation error on content', async () => {
      const { client } = makeClient(sandbox.current);
      const task = sandbox.current.addTask({ title: 'Quiet' });
      for (const content of ['', '  \n\t']) {
        const error = await rejection(() => client.commentOnTask(sandbox.current.orgId, task.id, content));
        assert.ok(isTallyfyError(error, 'validation'));
        assert.ok(error.fieldErrors?.['content']?.length);
      }
      assert.equal(sandbox.current.requests().length, 0);
    });

    it('is outcome-unknown, and not resent, when the connection drops after Tallyfy stored it', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      const task = sandbox.current.addTask({ title: 'Flaky network' });
      sandbox.current.injectFault({ kind: 'drop', commit: true, method: 'POST', path: commentPath });
      const error = await rejection(() => client.commentOnTask(sandbox.current.orgId, task.id, 'Once only'));
      assert.ok(isTallyfyError(error, 'outcome-unknown'));
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 1);
      assert.equal(sandbox.current.comments(task.id).length, 1);
      assert.deepEqual(sleeps, []);
    });

    it('retries a short throttle after its Retry-After, as for any create, and stores the comment once', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      const task = sandbox.current.addTask({ title: 'Busy' });
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: 1, method: 'POST', path: commentPath });
      await client.commentOnTask(sandbox.current.orgId, task.id, 'After a pause');
      assert.deepEqual(sleeps, [1000]);
      assert.equal(sandbox.current.requests({ method: 'POST' }).length, 2);
      assert.equal(sandbox.current.comments(task.id).length, 1);
    });

    it(`fails at once past ${COMMENTS_PER_HOUR} comments an hour, with an error isHourlyCap recognises`, async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      const org = sandbox.current.orgId;
      const task = sandbox.current.addTask({ title: 'Chatty' });
      for (let i = 0; i < COMMENTS_PER_HOUR; i++) await client.commentOnTask(org, task.id, `c${i}`);
      sandbox.current.clearRequests();
      const error = await rejection(() => client.commentOnTask(org, task.id, 'one too many'));
      assert.ok(isHourlyCap(error));
      assert.equal(error.kind, 'rate-limited');
      assert.equal(error.code, 'RATE_LIMIT_EXCEEDED');
      assert.ok((error.retryAfterSeconds ?? 0) > 3500, String(error.retryAfterSeconds));
      assert.match(error.message, /hourly limit/);
      assert.equal(sandbox.current.requests().length, 1, 'not retried');
      assert.deepEqual(sleeps, []);
      assert.equal(sandbox.current.comments(task.id).length, COMMENTS_PER_HOUR);
      assert.equal(isHourlyCap(await rejection(() => client.getTask(org, 'f'.repeat(32)))), false);
    });

    it('does not retry an hourly cap whose Retry-After is short or missing', async () => {
      const { client, sleeps } = makeClient(sandbox.current);
      const task = sandbox.current.addTask({ title: 'Capped' });
      const cap = { error: true, message: 'Hourly limit reached.', code: 'RATE_LIMIT_EXCEEDED' };
      sandbox.current.injectFault({ kind: 'rate-limit', retryAfter: 2, body: cap, method: 'POST', path: commentPath, count: 3 });
      const short = await rejection(() => client.commentOnTask(sandbox.current.orgId, task.id, 'Hello'));
      assert.ok(isHourlyCap(short));
      assert.equal(short.retryAfterSeconds, 2);
      sandbox.current.clearFaults();
      sandbox.current.injectFault({ kind: 'status', status: 429, body: cap, method: 'POST', path: commentPath, count: 3 });
      const missing = await rejection(() => client.commentOnTask(sandbox.current.orgId, task.id, 'Hello'));
      assert.ok(isHourlyCap(missing));
      assert.equal(missing.retryAfterSeconds, undefined);
      assert.equal(sandbox.current.requests().length, 2, 'one request each');
      assert.deepEqual(sleeps, []);
      assert.equal(sandbox.current.comments(task.id).length, 0);
    });
  });
});
