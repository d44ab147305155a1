// "Assigned to Me": the groups by deadline, their order, and the pages read so far.
import assert from 'node:assert/strict';
import { AssignedList, groupAssigned, groupOf, type AssignedTask } from '../../../src/core/assigned/assigned';

const NOW = Date.parse('2030-03-10T12:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number): string => new Date(NOW + hours * HOUR).toISOString();

function task(id: string, deadline: string | undefined, extra: Partial<AssignedTask> = {}): AssignedTask {
  return { id, title: `Task ${id}`, status: 'not-started', deadline, ...extra };
}

describe('assigned tasks', () => {
  it('groups a deadline as overdue, due within three days, or later', () => {
    assert.equal(groupOf(at(-0.01), NOW), 'overdue');
    assert.equal(groupOf(at(0), NOW), 'dueSoon');
    assert.equal(groupOf(at(72), NOW), 'dueSoon');
    assert.equal(groupOf(at(72.01), NOW), 'later');
    assert.equal(groupOf(undefined, NOW), 'later');
    assert.equal(groupOf('not a date', NOW), 'later');
  });

  it('sorts each group by deadline, tasks without one last, and leaves closed tasks out', () => {
    const groups = groupAssigned(
      [
        task('a', at(100)),
        task('b', undefined),
        task('c', at(-5)),
        task('d', at(-50)),
        task('e', at(10)),
        task('f', at(2)),
        task('done', at(1), { completedAt: at(-1) }),
        task('status-done', at(1), { status: 'completed' }),
        task('skipped', at(1), { status: 'auto-skipped' }),
        task('archived', at(1), { archivedAt: at(-2) }),
      ],
      NOW,
    );
    assert.deepEqual(groups.overdue.map((t) => t.id), ['d', 'c']);
    assert.deepEqual(groups.dueSoon.map((t) => t.id), ['f', 'e']);
    assert.deepEqual(groups.later.map((t) => t.id), ['a', 'b']);
  });

  it('breaks ties by title, then id', () => {
    const same = at(5);
    const groups = groupAssigned([task('2', same, { title: 'B' }), task('1', same, { title: 'B' }), task('3', same, { title: 'A' })], NOW);
    assert.deepEqual(groups.dueSoon.map((t) => t.id), ['3', '1', '2']);
  });

  it('keeps the pages read, once per task, and knows whether more follow', () => {
    const list = new AssignedList<AssignedTask>();
    assert.equal(list.loaded, false);
    list.replace([{ items: [task('a', at(1)), task('b', at(2))], hasMore: true }]);
    assert.equal(list.hasMore, true);
    // A task completed meanwhile shifted "b" onto the next page: it is listed once, as that page has it.
    list.append({ items: [task('b', at(3)), task('c', at(4))], hasMore: false });
    assert.equal(list.hasMore, false);
    assert.equal(list.pageCount, 2);
    assert.deepEqual(list.tasks().map((t) => [t.id, t.deadline]), [['a', at(1)], ['b', at(3)], ['c', at(4)]]);
  });

  it('takes in what an action changed until the next refresh, and forgets everything on clear', () => {
    const list = new AssignedList<AssignedTask>();
    list.replace([{ items: [task('a', at(1)), task('b', at(2))], hasMore: false }]);
    list.update(task('a', at(1), { status: 'completed', completedAt: at(0) }));
    list.update(task('unknown', at(1)));
    assert.deepEqual(groupAssigned(list.tasks(), NOW).dueSoon.map((t) => t.id), ['b']);
    assert.equal(list.find('unknown'), undefined);
    list.replace([{ items: [task('a', at(1))], hasMore: false }]);
    assert.equal(list.find('a')?.completedAt, undefined);
    list.clear();
    assert.equal(list.loaded, false);
    assert.deepEqual(list.tasks(), []);
  });
});
