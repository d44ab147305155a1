// The title-only update: Tallyfy needs title, deadline and owners on every update of a one-off task, and
// the owners sent replace the whole list, so the body repeats the task's deadline and every assignee.
import assert from 'node:assert/strict';
import { parseTask, validateUpdateTaskInput, type Task } from '../../../src/core/tallyfy/schema';
import { titleUpdateBody } from '../../../src/core/tasks/titleUpdate';

const GROUP_A = '6e010000000000000000000000000000';
const GROUP_B = '6e020000000000000000000000000000';

/** A task as the client reads it from an answer. */
function taskFrom(raw: Record<string, unknown>): Task {
  const task = parseTask({ id: 'a'.repeat(32), title: 'Old title', status: 'in-progress', ...raw });
  assert.ok(task);
  return task;
}

describe('title update body', () => {
  it('keeps every owner: users given as objects and as ids, guests, groups', () => {
    const task = taskFrom({
      deadline: '2031-02-03T04:05:06Z',
      owners: {
        users: [{ id: 1001, full_name: 'Ada Lovelace', profile_pic: null }, 1002, '1003'],
        guests: ['auditor@example.org', { email: 'contractor@example.net' }],
        groups: [GROUP_A, { id: GROUP_B, name: 'Quality' }],
      },
    });

    const body = titleUpdateBody(task, 'New title');

    assert.deepEqual(body.owners, {
      users: [1001, 1002, 1003],
      guests: ['auditor@example.org', 'contractor@example.net'],
      groups: [GROUP_A, GROUP_B],
    });
  });

  it('trims the title and keeps the deadline, and nothing else is in the body', () => {
    const task = taskFrom({
      deadline: '2031-02-03 04:05:06',
      summary: 'Not repeated',
      owners: { users: [1001], guests: [], groups: [] },
    });

    const body = titleUpdateBody(task, '  Renamed \n');

    assert.deepEqual(body, {
      title: 'Renamed',
      deadline: '2031-02-03T04:05:06Z',
      owners: { users: [1001], guests: [], groups: [] },
    });
  });

  it('is a body the update schema accepts as it is', () => {
    const task = taskFrom({
      deadline: '2031-02-03T04:05:06+00:00',
      owners: { users: [{ id: 1004 }], guests: ['auditor@example.org'], groups: [GROUP_A] },
    });

    const validation = validateUpdateTaskInput(titleUpdateBody(task, ' Checked '));

    assert.deepEqual(validation, {
      ok: true,
      body: {
        title: 'Checked',
        deadline: '2031-02-03T04:05:06Z',
        owners: { users: [1004], guests: ['auditor@example.org'], groups: [GROUP_A] },
      },
    });
  });

  it('does not touch the task it reads', () => {
    const task = taskFrom({ deadline: '2031-02-03T04:05:06Z', owners: { users: [1001], guests: ['auditor@example.org'], groups: [GROUP_A] } });

    const body = titleUpdateBody(task, 'Renamed');
    (body.owners.guests as string[]).push('someone@example.com');
    (body.owners.users as number[]).push(1009);

    assert.deepEqual(task.owners.guests, ['auditor@example.org']);
    assert.deepEqual(task.owners.users.map((user) => user.id), [1001]);
    assert.equal(task.title, 'Old title');
  });

  it('throws a RangeError for a task without a deadline', () => {
    const task = taskFrom({ owners: { users: [1001], guests: [], groups: [] } });
    assert.equal(task.deadline, undefined);

    assert.throws(() => titleUpdateBody(task, 'Renamed'), (error: unknown) => {
      assert.ok(error instanceof RangeError);
      assert.match(error.message, /has no deadline/);
      return true;
    });
  });

  it('throws a RangeError for a task whose deadline cannot be read', () => {
    const task = taskFrom({ deadline: 'next week', owners: { users: [1001], guests: [], groups: [] } });

    assert.throws(() => titleUpdateBody(task, 'Renamed'), RangeError);
  });
});
