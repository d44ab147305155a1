import assert from 'node:assert/strict';
import {
  isArchived,
  isCompleted,
  isOpen,
  isOpenState,
  openCount,
  STATE_PRESENTATION,
  statePresentation,
  taskState,
  TASK_STATES,
} from '../../../src/core/tasks/status';
import { record } from './helpers';

const NOW = Date.parse('2030-06-10T12:00:00Z');

describe('task states', () => {
  it('maps Tallyfy statuses', () => {
    assert.equal(taskState(record({ status: 'not-started' }), NOW), 'not-started');
    assert.equal(taskState(record({ status: 'in-progress' }), NOW), 'in-progress');
    assert.equal(taskState(record({ status: 'active' }), NOW), 'in-progress');
    assert.equal(taskState(record({ status: 'In Progress' }), NOW), 'in-progress');
    assert.equal(taskState(record({ status: 'completed' }), NOW), 'completed');
    assert.equal(taskState(record({ status: 'complete' }), NOW), 'completed');
    assert.equal(taskState(record({ status: 'something-new' }), NOW), 'not-started');
  });

  it('treats a completion time as completed whatever the status says', () => {
    assert.equal(taskState(record({ status: 'in-progress', completedAt: '2030-06-01T00:00:00Z' }), NOW), 'completed');
  });

  it('shows skipped tasks as closed', () => {
    assert.equal(taskState(record({ status: 'skipped' }), NOW), 'completed');
    assert.equal(taskState(record({ status: 'auto-skipped' }), NOW), 'completed');
    assert.equal(isOpen(record({ status: 'auto-skipped' })), false);
  });

  it('is overdue when open and the deadline has passed, not at the deadline itself', () => {
    const deadline = '2030-06-10T12:00:00Z';
    assert.equal(taskState(record({ deadline }), NOW), 'not-started');
    assert.equal(taskState(record({ deadline }), NOW + 1), 'overdue');
    assert.equal(taskState(record({ deadline, status: 'in-progress' }), new Date(NOW + 1)), 'overdue');
    assert.equal(taskState(record({ deadline, status: 'completed' }), NOW + 1), 'completed');
  });

  it('ignores an unreadable deadline', () => {
    assert.equal(taskState(record({ deadline: 'next week' }), NOW), 'not-started');
  });

  it('shows an archived task as archived whatever its status or deadline, and not as open or completed', () => {
    const archivedAt = '2030-06-09T00:00:00Z';
    const archived = record({ status: 'in-progress', deadline: '2030-06-01T00:00:00Z', archivedAt });
    assert.equal(taskState(archived, NOW), 'archived');
    assert.equal(isArchived(archived), true);
    assert.equal(isOpen(archived), false);
    assert.equal(isCompleted(archived), false, 'archiving is not completing (no completed-TODO diagnostic)');
    assert.equal(taskState(record({ status: 'completed', archivedAt }), NOW), 'archived');
    assert.equal(isCompleted(record({ status: 'completed', archivedAt })), true);
    assert.equal(taskState(record({ status: 'not-started', archivedAt: '' }), NOW), 'not-started', 'an empty date is no archiving');
    assert.equal(isArchived(record()), false);
  });

  it('calls a state open exactly when its record is open', () => {
    const records = [
      record(),
      record({ status: 'in-progress' }),
      record({ deadline: '2030-06-01T00:00:00Z' }),
      record({ status: 'completed' }),
      record({ status: 'auto-skipped' }),
      record({ completedAt: '2030-06-01T00:00:00Z' }),
      record({ archivedAt: '2030-06-09T00:00:00Z' }),
      record({ deleted: true }),
    ];
    for (const r of records) assert.equal(isOpenState(taskState(r, NOW)), isOpen(r), JSON.stringify(r));
    assert.deepEqual(TASK_STATES.filter(isOpenState), ['not-started', 'in-progress', 'overdue']);
  });

  it('puts deleted before everything else', () => {
    assert.equal(taskState(record({ deleted: true, archivedAt: '2030-06-09T00:00:00Z' }), NOW), 'deleted');
    assert.equal(taskState(record({ deleted: true, status: 'completed' }), NOW), 'deleted');
    assert.equal(taskState(record({ deleted: true, deadline: '2000-01-01T00:00:00Z' }), NOW), 'deleted');
  });

  it('has an icon and a theme colour for every state', () => {
    for (const state of TASK_STATES) {
      const { icon, color } = statePresentation(state);
      assert.match(icon, /^[a-z][a-z-]*$/);
      assert.match(color, /^[a-zA-Z]+(\.[a-zA-Z]+)*$/);
    }
    assert.deepEqual(STATE_PRESENTATION.completed, { icon: 'pass-filled', color: 'testing.iconPassed' });
    assert.deepEqual(STATE_PRESENTATION.deleted, { icon: 'trash', color: 'disabledForeground' });
    assert.equal(STATE_PRESENTATION.overdue.color, 'charts.red');
    assert.deepEqual(STATE_PRESENTATION.archived, { icon: 'archive', color: 'descriptionForeground' });
  });

  it('counts open records for the badge', () => {
    const records = [
      record({ status: 'not-started' }),
      record({ status: 'in-progress', deadline: '2030-06-01T00:00:00Z' }),
      record({ status: 'completed' }),
      record({ status: 'not-started', deleted: true }),
      record({ status: 'skipped' }),
      record({ status: 'active' }),
      record({ status: 'in-progress', archivedAt: '2030-06-09T00:00:00Z' }),
    ];
    assert.equal(openCount(records), 3);
    assert.equal(openCount([]), 0);
  });
});
