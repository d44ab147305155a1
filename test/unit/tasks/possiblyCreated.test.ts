import assert from 'node:assert/strict';
import type { ListTasksOptions } from '../../../src/core/tallyfy/client';
import { findPossiblyCreated, type CreatedTaskReader } from '../../../src/core/tasks/possiblyCreated';
import type { Sandbox } from '../../sandbox/server';
import { HOUR, sandboxClient, useSandbox } from './helpers';

const TITLE = 'Ship the release notes';

describe('finding a task whose create had an unknown outcome', () => {
  const sandbox = useSandbox();
  const s = (): Sandbox => sandbox.current;
  const iso = (ms: number): string => new Date(ms).toISOString();

  /** `count` one-off tasks created over the hours before `before`, oldest first (as the sandbox lists them). */
  function olderTasks(count: number, before: number, title = (i: number) => `Older task ${i}`): void {
    for (let i = 0; i < count; i++) s().addTask({ title: title(i), created_at: iso(before - (count - i) * 60_000) });
  }

  /** A reader that drops `sort`, as a server that ignores it would. */
  const ignoringSort = (reader: CreatedTaskReader): CreatedTaskReader => ({
    listTasks: (orgId, { sort: _sort, ...rest }: ListTasksOptions) => reader.listTasks(orgId, rest),
  });

  it('finds the task among 150 older ones of the same day, newest first, with one page', async () => {
    const attempt = Date.now();
    olderTasks(150, attempt - 20 * 60_000);
    const made = s().addTask({ title: TITLE, created_at: iso(attempt + 2_000) });
    const { client } = sandboxClient(s());
    const found = await findPossiblyCreated(client, s().orgId, ` ${TITLE} `, new Date(attempt));
    assert.deepEqual(found.tasks.map((t) => t.id), [made.id]);
    assert.equal(found.complete, true);
    const [list, ...more] = s().requests({ method: 'GET' });
    assert.equal(more.length, 0, 'page 1 reaches back before the attempt');
    assert.equal(list?.query['sort'], 'newest');
    assert.equal(list?.query['is_oneoff'], 'true');
    assert.match(list?.query['created'] ?? '', /^\d{4}-\d{2}-\d{2}:\d{4}-\d{2}-\d{2}$/);
  });

  it('reads on to the last page when the server does not sort, and still finds it', async () => {
    const attempt = Date.now();
    olderTasks(250, attempt - 10 * 60_000 - 1, (i) => (i % 50 === 0 ? TITLE : `Older task ${i}`));
    const made = s().addTask({ title: TITLE, created_at: iso(attempt + 1_000) });
    const { client } = sandboxClient(s());
    const found = await findPossiblyCreated(ignoringSort(client), s().orgId, TITLE, new Date(attempt));
    assert.deepEqual(found.tasks.map((t) => t.id), [made.id], 'same-title tasks from before the attempt are not offered');
    assert.equal(found.complete, true);
    assert.equal(s().requests({ method: 'GET' }).length, 3);
  });

  it('offers the newest first when Tallyfy made two', async () => {
    const attempt = Date.now();
    const first = s().addTask({ title: TITLE, created_at: iso(attempt + 1_000) });
    const second = s().addTask({ title: TITLE, created_at: iso(attempt + 5_000) });
    const { client } = sandboxClient(s());
    const found = await findPossiblyCreated(ignoringSort(client), s().orgId, TITLE, new Date(attempt));
    assert.deepEqual(found.tasks.map((t) => t.id), [second.id, first.id]);
  });

  it('says the search was complete when nothing was made, and incomplete when it stopped at its bound', async () => {
    const attempt = Date.now();
    olderTasks(30, attempt);
    const { client } = sandboxClient(s());
    const none = await findPossiblyCreated(client, s().orgId, TITLE, new Date(attempt - HOUR));
    assert.deepEqual(none, { tasks: [], complete: true, read: 30 });

    const bounded = await findPossiblyCreated(ignoringSort(client), s().orgId, TITLE, new Date(attempt - HOUR), { maxPages: 1 });
    assert.equal(bounded.complete, true, 'one page of 30 is the last page');
    olderTasks(120, attempt);
    const stopped = await findPossiblyCreated(ignoringSort(client), s().orgId, TITLE, new Date(attempt - HOUR), { maxPages: 1 });
    assert.deepEqual({ complete: stopped.complete, read: stopped.read }, { complete: false, read: 100 });
  });
});
