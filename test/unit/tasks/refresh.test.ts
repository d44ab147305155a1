import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { answerFor } from '../../../src/core/records/merge';
import type { TaskRecord } from '../../../src/core/records/record';
import { RecordStore } from '../../../src/core/records/store';
import { TallyfyError } from '../../../src/core/tallyfy/errors';
import type { Task } from '../../../src/core/tallyfy/schema';
import { refreshRecords, type RefreshProgress, type TaskReader } from '../../../src/core/tasks/refresh';
import { OTHER_ORG_ID, type Sandbox, type SandboxTask } from '../../sandbox/server';
import { diskRecordFiles } from '../../../src/editor/records/diskFiles';
import { closedPort, instantSleep, metered, sandboxClient, staleRecordOf, useSandbox } from './helpers';

const LIST = '/organizations/*/tasks';
const ONE = '/organizations/*/tasks/*';

function seed(sandbox: Sandbox, count: number, input: Partial<SandboxTask> = {}): SandboxTask[] {
  return Array.from({ length: count }, (_, i) => sandbox.addTask({ title: `Task ${i + 1}`, ...input }));
}

describe('refreshing task records', () => {
  const sandbox = useSandbox();
  const s = (): Sandbox => sandbox.current;
  const records = (tasks: readonly SandboxTask[], overrides: Partial<TaskRecord> = {}): TaskRecord[] =>
    tasks.map((task) => staleRecordOf(task, s(), overrides));

  it('keeps a Complete made while its list answers were on the way, once its answers are merged', async () => {
    const dir = await fs.mkdtemp(path.join(tmpdir(), 'tallyfy-refresh-'));
    try {
      const store = new RecordStore(diskRecordFiles, path.join(dir, 'tasks.json'));
      const tasks = seed(s(), 3);
      const { client } = sandboxClient(s());
      for (const record of records(tasks)) await store.add(record);
      await store.merge((await refreshRecords(await store.all(), { clientFor: () => client })).answers);
      const [first] = tasks;

      s().injectFault({ kind: 'late', method: 'GET', path: LIST });
      const refreshing = refreshRecords(await store.all(), { clientFor: () => client });
      await s().whenLateHeld();
      assert.ok(s().requests({ method: 'GET', path: LIST }).some((r) => r.fault === 'late'), 'the held answer is the list\'s');
      // The list answer is computed; before it arrives, the task is completed and its record updated.
      await client.completeTask(s().orgId, first!.id);
      const asked = (await store.get(first!.id))!;
      await store.merge([answerFor(asked, await client.getTask(s().orgId, first!.id))]);
      assert.equal((await store.get(first!.id))?.status, 'completed');

      assert.equal(s().releaseLate(), 1);
      const result = await refreshing;
      assert.equal(result.records.find((r) => r.id === first!.id)?.status, 'not-started', 'the late answer is from before the Complete');
      const merged = await store.merge(result.answers);
      assert.equal(merged.dropped, 1);
      assert.equal((await store.get(first!.id))?.status, 'completed');
      assert.equal((await new RecordStore(diskRecordFiles, store.file).get(first!.id))?.status, 'completed');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('brings 250 records up to date with 3 list pages and no single-task requests', async () => {
    const tasks = seed(s(), 250);
    const { client } = sandboxClient(s());
    const progress: RefreshProgress[] = [];
    const result = await refreshRecords(records(tasks), { clientFor: () => client, onProgress: (p) => progress.push(p) });

    assert.equal(result.summary.total, 250);
    assert.equal(result.summary.updated, 250);
    assert.deepEqual(result.summary.failed, []);
    assert.deepEqual(result.summary.requests, { pages: 3, gets: 0, resent: 0, total: 3, pauses: 0 });
    const sent = s().requests();
    assert.equal(sent.length, 3);
    assert.ok(sent.every((r) => r.method === 'GET' && r.query['per_page'] === '100' && r.query['is_oneoff'] === 'true'));
    assert.deepEqual(sent.map((r) => r.query['page']).sort(), ['1', '2', '3']);
    for (const [i, fresh] of result.records.entries()) {
      assert.equal(fresh.id, tasks[i]?.id);
      assert.equal(fresh.title, tasks[i]?.title);
      assert.ok(fresh.lastSyncedAt);
      assert.equal(fresh.source?.line, 3, 'the link to the TODO stays');
    }
    assert.equal(result.answers.length, 250);
    assert.deepEqual(progress[0], { done: 0, total: 250 });
    assert.deepEqual(progress.at(-1), { done: 250, total: 250 });
  });

  it('shows a task completed in Tallyfy as completed', async () => {
    const [open, done] = seed(s(), 2);
    s().setTaskStatus(done!.id, 'completed');
    const { client } = sandboxClient(s());
    const result = await refreshRecords(records([open!, done!]), { clientFor: () => client });
    assert.equal(result.records[0]?.status, 'not-started');
    assert.equal(result.records[1]?.status, 'completed');
    assert.ok(result.records[1]?.completedAt);
    // The sandbox lists completed tasks, so the list was enough.
    assert.equal(s().requests({ path: ONE }).length, 0);
  });

  it('asks for single tasks when the list hides completed ones', async () => {
    const tasks = seed(s(), 5);
    s().setTaskStatus(tasks[1]!.id, 'completed');
    s().setTaskStatus(tasks[3]!.id, 'completed');
    const { client } = sandboxClient(s());
    const hidingCompleted: TaskReader = {
      listTasks: async (orgId, options) => {
        const page = await client.listTasks(orgId, options);
        return { ...page, items: page.items.filter((task) => !task.isCompleted) };
      },
      getTask: (orgId, id, options) => client.getTask(orgId, id, options),
    };
    const result = await refreshRecords(records(tasks), { clientFor: () => hidingCompleted });
    assert.equal(result.summary.updated, 5);
    assert.deepEqual(result.summary.requests, { pages: 1, gets: 2, resent: 0, total: 3, pauses: 0 });
    assert.deepEqual(
      s().requests({ path: ONE }).map((r) => r.path.split('/').at(-1)).sort(),
      [tasks[1]!.id, tasks[3]!.id].sort(),
    );
    assert.deepEqual(result.records.map((r) => r.status), ['not-started', 'completed', 'not-started', 'completed', 'not-started']);
  });

  it('marks a removed task deleted and keeps an archived one', async () => {
    const [kept, removed, archived] = seed(s(), 3);
    const stale = records([kept!, removed!, archived!]);
    s().removeTask(removed!.id);
    s().updateTask(archived!.id, { archived_at: new Date().toISOString(), title: 'Archived' });
    const { client } = sandboxClient(s());
    const result = await refreshRecords(stale, { clientFor: () => client });
    assert.equal(result.records.length, 3, 'nothing is dropped');
    assert.equal(result.records[0]?.deleted, undefined);
    assert.equal(result.records[1]?.deleted, true);
    assert.equal(result.records[1]?.title, 'old title');
    assert.equal(result.records[2]?.deleted, undefined);
    assert.equal(result.records[2]?.title, 'Archived');
    assert.equal(result.summary.updated, 2);
    assert.equal(result.summary.deleted, 1);
    assert.deepEqual(result.summary.requests, { pages: 1, gets: 2, resent: 0, total: 3, pauses: 0 });
  });

  it('records the archiving of a task the list leaves out from its single GET, and its restoring from the list', async () => {
    const [open, archived] = seed(s(), 2);
    const archivedAt = '2030-05-04T03:02:01.000Z';
    s().updateTask(archived!.id, { archived_at: archivedAt });
    const { client } = sandboxClient(s());
    const first = await refreshRecords(records([open!, archived!]), { clientFor: () => client });
    assert.equal(first.records[0]?.archivedAt, undefined);
    assert.equal(first.records[1]?.archivedAt, '2030-05-04T03:02:01Z');
    assert.equal(first.records[1]?.deleted, undefined, 'archived is not deleted');
    assert.deepEqual(
      s().requests({ path: ONE }).map((r) => r.path.split('/').at(-1)),
      [archived!.id],
      'only the task the list left out is asked for',
    );

    s().updateTask(archived!.id, { archived_at: null });
    s().clearRequests();
    const second = await refreshRecords(first.records, { clientFor: () => client });
    assert.equal(second.records[1]?.archivedAt, undefined, 'restored in Tallyfy');
    assert.equal('archivedAt' in (second.records[1] ?? {}), false);
    assert.deepEqual(second.summary.requests, { pages: 1, gets: 0, resent: 0, total: 1, pauses: 0 });
  });

  it('leaves archived records out of a background refresh, which is for open tasks', async () => {
    const [open, archived] = seed(s(), 2);
    s().updateTask(archived!.id, { archived_at: new Date().toISOString() });
    const { client } = sandboxClient(s());
    const stale = [...records([open!]), ...records([archived!], { archivedAt: '2030-05-04T03:02:01Z' })];
    const result = await refreshRecords(stale, { mode: 'background', clientFor: () => client });
    assert.equal(result.summary.total, 1);
    assert.equal(result.summary.updated, 1);
    assert.deepEqual(
      s().requests().map((r) => r.path.split('/').at(-1)),
      [open!.id],
      'one GET, for the open record; none for the archived one',
    );
    assert.equal(result.records[1], stale[1], 'the archived record is left as it was');
  });

  it('brings back a deleted record that the list shows again, without asking for it', async () => {
    const [a, b, c] = seed(s(), 3);
    const stale = records([a!, b!, c!]);
    stale[2] = { ...stale[2]!, deleted: true };
    const { client } = sandboxClient(s());
    const result = await refreshRecords(stale, { clientFor: () => client });
    assert.equal(result.summary.total, 2);
    assert.equal(result.summary.alsoRefreshed, 1);
    assert.equal(result.summary.revived, 1);
    assert.equal(result.records[2]?.deleted, undefined);
    assert.equal(s().requests().length, 1);
  });

  it('does not mark records deleted when the endpoint itself is unknown', async () => {
    const [task] = seed(s(), 1);
    s().injectFault({ kind: 'status', status: 404, path: ONE, body: { error: true, message: 'Endpoint not found.', code: 'ENDPOINT_NOT_FOUND' } });
    const { client } = sandboxClient(s());
    const result = await refreshRecords(records([task!]), { clientFor: () => client });
    assert.equal(result.records[0]?.deleted, undefined);
    assert.equal(result.summary.failed.length, 1);
    assert.equal(result.summary.failed[0]?.kind, 'not-found');
  });

  it('keeps every record after a 429 mid-refresh, sending only the pages and the refused tries again', async () => {
    const tasks = seed(s(), 250);
    const { client, sleeps } = sandboxClient(s());
    let lists = 0;
    const reader: TaskReader = {
      listTasks: async (orgId, options) => {
        const page = await client.listTasks(orgId, options);
        // After page 1: every try of pages 2 and 3 is refused three times, so the 429 gets past the client.
        if (++lists === 1) s().injectFault({ kind: 'rate-limit', retryAfter: 2, count: 6, path: LIST });
        return page;
      },
      getTask: (orgId, id, options) => client.getTask(orgId, id, options),
    };
    const pauses: number[] = [];
    const result = await refreshRecords(records(tasks), { clientFor: () => reader, sleep: instantSleep(pauses) });

    assert.equal(result.summary.updated, 250);
    assert.deepEqual(result.summary.failed, []);
    assert.ok(result.records.every((r, i) => r.title === tasks[i]?.title));
    assert.equal(result.summary.rateLimited, true);
    assert.equal(result.summary.retryAfterSeconds, 2);
    assert.deepEqual(result.summary.requests, { pages: 5, gets: 0, resent: 2, total: 5, pauses: 1 });
    assert.ok(pauses.length >= 1 && pauses.every((ms) => ms > 1500 && ms <= 2000), `waited ${pauses.join(', ')}`);
    assert.deepEqual(sleeps, [2000, 2000, 2000, 2000], "the client's own waits");
    const sent = s().requests();
    assert.equal(sent.length, 3 + 6, 'the 3 pages plus the 6 refused tries');
    assert.equal(sent.filter((r) => r.fault === 'rate-limit').length, 6);
    assert.equal(s().requests({ path: ONE }).length, 0);
  });

  it('stops after the bounded pauses and reports the records it could not refresh', async () => {
    const tasks = seed(s(), 3);
    s().injectFault({ kind: 'rate-limit', retryAfter: 1, count: 100 });
    const { client } = sandboxClient(s());
    const result = await refreshRecords(records(tasks), { clientFor: () => client, sleep: instantSleep([]), maxRateLimitPauses: 2 });
    assert.equal(result.summary.updated, 0);
    assert.equal(result.summary.failed.length, 3);
    assert.ok(result.summary.failed.every((f) => f.kind === 'rate-limited'));
    assert.equal(result.summary.requests.pages, 3, 'the first try and 2 after pauses');
    assert.equal(s().requests().length, 9);
  });

  it('does not wait out a Retry-After beyond the cap', async () => {
    const tasks = seed(s(), 3);
    s().injectFault({ kind: 'rate-limit', retryAfter: 3600 });
    const { client } = sandboxClient(s());
    const pauses: number[] = [];
    const result = await refreshRecords(records(tasks), { clientFor: () => client, sleep: instantSleep(pauses) });
    assert.deepEqual(pauses, []);
    assert.equal(result.summary.retryAfterSeconds, 3600);
    assert.equal(result.summary.failed.length, 3);
    assert.match(result.summary.failed[0]?.reason ?? '', /asks to wait 60 minutes/);
    assert.equal(s().requests().length, 1);
  });

  it('never has more than 4 requests in flight, across organizations', async () => {
    // Archived tasks are not listed: each needs its own request. Each answer takes a while.
    const mine = seed(s(), 24, { archived_at: new Date().toISOString() });
    const other = seed(s(), 24, { archived_at: new Date().toISOString(), orgId: OTHER_ORG_ID });
    s().injectFault({ kind: 'slow', delayMs: 15, path: ONE, count: 48 });
    const { client } = sandboxClient(s());
    const shared = { inFlight: 0, peak: 0 };
    const reader = metered(client, shared);
    const result = await refreshRecords(records([...mine, ...other]), { clientFor: () => reader });
    assert.equal(result.summary.updated, 48);
    assert.equal(reader.calls.list, 2, 'one page per organization');
    assert.equal(reader.calls.get, 48);
    assert.equal(shared.peak, 4);
  });

  it('reads several pages at once, still at most 4', async () => {
    const tasks = seed(s(), 1000);
    s().injectFault({ kind: 'slow', delayMs: 10, path: LIST, count: 20 });
    const { client } = sandboxClient(s());
    const shared = { inFlight: 0, peak: 0 };
    const result = await refreshRecords(records(tasks), { clientFor: () => metered(client, shared) });
    assert.equal(result.summary.updated, 1000);
    assert.equal(result.summary.requests.total, 10);
    assert.equal(shared.peak, 4);
  });

  it('stops promptly when cancelled and returns what was done', async () => {
    const tasks = seed(s(), 40, { archived_at: new Date().toISOString() });
    s().injectFault({ kind: 'slow', delayMs: 40, path: ONE, count: 40 });
    const { client } = sandboxClient(s());
    const controller = new AbortController();
    const started = Date.now();
    let abortedAt = 0;
    const result = await refreshRecords(records(tasks), {
      clientFor: () => client,
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done >= 8 && !controller.signal.aborted) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    assert.ok(Date.now() - abortedAt < 500, `resolved ${Date.now() - abortedAt} ms after the abort`);
    assert.equal(result.summary.cancelled, true);
    assert.ok(result.summary.updated >= 8 && result.summary.updated < 40, String(result.summary.updated));
    assert.equal(result.summary.updated + result.summary.skipped, 40);
    assert.deepEqual(result.summary.failed, []);
    assert.ok(s().requests().length < 20, `${s().requests().length} requests`);
    const refreshed = result.records.filter((r) => r.lastSyncedAt !== undefined).length;
    assert.equal(refreshed, result.summary.updated);
    assert.ok(Date.now() - started < 5_000);
    await s().settled();
  });

  it('returns at once when cancelled before it starts', async () => {
    const tasks = seed(s(), 5);
    const { client } = sandboxClient(s());
    const result = await refreshRecords(records(tasks), { clientFor: () => client, signal: AbortSignal.abort() });
    assert.equal(result.summary.cancelled, true);
    assert.equal(result.summary.skipped, 5);
    assert.equal(s().requests().length, 0);
    assert.deepEqual(result.records, records(tasks));
  });

  it('stops an organization whose token is refused, without one request per task', async () => {
    const tasks = seed(s(), 30, { archived_at: new Date().toISOString() });
    const { client } = sandboxClient(s(), { getToken: async () => 'not-the-token' });
    const result = await refreshRecords(records(tasks), { clientFor: () => client });
    assert.equal(result.summary.failed.length, 30);
    assert.ok(result.summary.failed.every((f) => f.kind === 'unauthorized'));
    assert.equal(s().requests().length, 1);
  });

  it('does not follow a list that cannot be reached with one request per task', async () => {
    const tasks = seed(s(), 5);
    const port = await closedPort();
    const { client } = sandboxClient(s(), { baseUrl: `http://127.0.0.1:${port}/api` });
    const reader = metered(client);
    const result = await refreshRecords(records(tasks), { clientFor: () => reader });
    assert.equal(result.summary.failed.length, 5);
    assert.ok(result.summary.failed.every((f) => f.kind === 'network'), JSON.stringify(result.summary.failed[0]));
    assert.deepEqual(reader.calls, { list: 1, get: 0 });
  });

  it('reports a failing client factory per record', async () => {
    const result = await refreshRecords(records(seed(s(), 2)), {
      clientFor: () => {
        throw new TallyfyError('configuration', 'The API address is not allowed.');
      },
    });
    assert.equal(result.summary.failed.length, 2);
    assert.equal(result.summary.failed[0]?.reason, 'The API address is not allowed.');
  });

  describe('background runs', () => {
    it('refreshes only open records, within the budget, stalest first', async () => {
      const tasks = seed(s(), 12, { archived_at: new Date().toISOString() });
      const stale = records(tasks).map((r, i) => ({ ...r, lastSyncedAt: new Date(Date.UTC(2030, 0, 1, 0, 59 - i)).toISOString() }));
      stale[0] = { ...stale[0]!, status: 'completed' };
      stale[1] = { ...stale[1]!, deleted: true };
      const { client } = sandboxClient(s());
      const result = await refreshRecords(stale, { clientFor: () => client, mode: 'background', requestBudget: 5 });
      assert.equal(result.summary.total, 10);
      assert.equal(result.summary.requests.total, 5);
      assert.equal(result.summary.budgetExhausted, true);
      assert.equal(result.summary.updated, 4);
      assert.equal(result.summary.skipped, 6);
      // Page 1, then the four records synced longest ago (the last ones here).
      const asked = s().requests({ path: ONE }).map((r) => r.path.split('/').at(-1));
      assert.deepEqual(asked.sort(), tasks.slice(8).map((t) => t.id).sort());
    });

    it('stops at the first 429 that gets past the client', async () => {
      const tasks = seed(s(), 10);
      s().injectFault({ kind: 'rate-limit', retryAfter: 30, count: 3 });
      const { client } = sandboxClient(s());
      const pauses: number[] = [];
      const result = await refreshRecords(records(tasks), { clientFor: () => client, mode: 'background', sleep: instantSleep(pauses) });
      assert.equal(result.summary.rateLimited, true);
      assert.equal(result.summary.retryAfterSeconds, 30);
      assert.deepEqual(pauses, []);
      assert.equal(s().requests().length, 3);
      assert.equal(result.summary.updated, 0);
    });
  });

  describe('planning (fake API)', () => {
    function fakeApi(tasks: readonly Task[], options: { totals?: boolean } = {}) {
      const log: string[] = [];
      const reader: TaskReader = {
        listTasks: async (_org, { page = 1, perPage = 10 }) => {
          log.push(`list ${page}`);
          const items = tasks.slice((page - 1) * perPage, page * perPage);
          const totalPages = Math.max(1, Math.ceil(tasks.length / perPage));
          return {
            items,
            pagination: options.totals === false
              ? { currentPage: page, hasNextLink: page < totalPages }
              : { currentPage: page, totalPages, perPage, total: tasks.length, hasNextLink: page < totalPages },
          };
        },
        getTask: async (_org, id) => {
          log.push(`get ${id}`);
          const task = tasks.find((t) => t.id === id);
          if (!task) throw new TallyfyError('not-found', undefined, { status: 404, code: 'RESOURCE_NOT_FOUND' });
          return task;
        },
      };
      return { reader, log };
    }
    const task = (id: string): Task => ({ id, title: id, status: 'in-progress', taskType: 'task', owners: { users: [], guests: [], groups: [] }, isCompleted: false, raw: {} });
    const recordFor = (id: string): TaskRecord => ({
      id, title: 'old', taskType: 'task', status: 'not-started', assignees: [], orgId: 'org', baseUrl: 'https://x/api', createdAt: '2030-01-01T00:00:00Z',
    });
    const others = (n: number): Task[] => Array.from({ length: n }, (_, i) => task(`other-${i}`));

    it('asks for a lone record directly', async () => {
      const { reader, log } = fakeApi([task('a')]);
      await refreshRecords([recordFor('a')], { clientFor: () => reader });
      assert.deepEqual(log, ['get a']);
    });

    it('stops reading pages when single requests cost less', async () => {
      // 3000 tasks in the organization (30 pages), ours not among the newest.
      const { reader, log } = fakeApi([...others(3000), task('a'), task('b'), task('c')], {});
      const result = await refreshRecords(['a', 'b', 'c'].map(recordFor), { clientFor: () => reader, perPage: 100 });
      assert.deepEqual(log.slice(0, 1), ['list 1']);
      assert.deepEqual(log.slice(1).sort(), ['get a', 'get b', 'get c']);
      assert.equal(result.summary.updated, 3);
    });

    it('keeps reading while pages pay off', async () => {
      const ours = Array.from({ length: 30 }, (_, i) => task(`t${i}`));
      const { reader, log } = fakeApi([...ours, ...others(970)]);
      const result = await refreshRecords(ours.map((t) => recordFor(t.id)), { clientFor: () => reader, perPage: 10 });
      assert.equal(result.summary.updated, 30);
      assert.deepEqual(log.filter((l) => l.startsWith('get')), []);
      assert.ok(log.length <= 4 + 3, log.join(', '));
    });

    it('follows links one page at a time when the pagination has no totals', async () => {
      const ours = Array.from({ length: 25 }, (_, i) => task(`t${i}`));
      const { reader, log } = fakeApi(ours, { totals: false });
      const result = await refreshRecords(ours.map((t) => recordFor(t.id)), { clientFor: () => reader, perPage: 10 });
      assert.equal(result.summary.updated, 25);
      assert.deepEqual(log, ['list 1', 'list 2', 'list 3']);
    });

    it('survives a progress callback that throws', async () => {
      const { reader } = fakeApi([task('a'), task('b')]);
      const result = await refreshRecords(['a', 'b'].map(recordFor), {
        clientFor: () => reader,
        onProgress: () => {
          throw new Error('boom');
        },
      });
      assert.equal(result.summary.updated, 2);
    });
  });
});
