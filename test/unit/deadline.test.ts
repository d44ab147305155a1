import assert from 'node:assert/strict';
import { defaultDeadline } from '../../src/core/deadline';

describe('default deadline', () => {
  it('is N calendar days ahead at 17:00 local time', () => {
    const due = defaultDeadline(7, new Date(2026, 0, 28, 9, 30));
    assert.equal(due.getFullYear(), 2026);
    assert.equal(due.getMonth(), 1);
    assert.equal(due.getDate(), 4);
    assert.equal(due.getHours(), 17);
    assert.equal(due.getMinutes(), 0);
  });

  it('is today at 17:00 with 0 days, even late in the day', () => {
    const due = defaultDeadline(0, new Date(2026, 5, 1, 23, 59));
    assert.equal(due.getDate(), 1);
    assert.equal(due.getHours(), 17);
  });
});
