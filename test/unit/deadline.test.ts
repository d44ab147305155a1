import assert from 'node:assert/strict';
import { defaultDeadline } from '../../src/core/deadline';
import { ianaZone } from '../../src/core/zone';

describe('default deadline', () => {
  it('is N calendar days ahead at 17:00 local time', () => {
    const due = defaultDeadline(7, undefined, new Date(2026, 0, 28, 9, 30));
    assert.equal(due.getFullYear(), 2026);
    assert.equal(due.getMonth(), 1);
    assert.equal(due.getDate(), 4);
    assert.equal(due.getHours(), 17);
    assert.equal(due.getMinutes(), 0);
  });

  it('is today at 17:00 with 0 days, even late in the day', () => {
    const due = defaultDeadline(0, undefined, new Date(2026, 5, 1, 23, 59));
    assert.equal(due.getDate(), 1);
    assert.equal(due.getHours(), 17);
  });

  it('is 17:00 in the zone it is given, whatever the machine\'s', () => {
    const auckland = ianaZone('Pacific/Auckland');
    assert.ok(auckland);
    // 2026-12-01 20:00 UTC is already 2 December, 09:00, in Auckland (NZDT, UTC+13).
    const due = defaultDeadline(7, auckland, new Date('2026-12-01T20:00:00Z'));
    assert.equal(due.toISOString(), '2026-12-09T04:00:00.000Z', '9 December 17:00 in Auckland');
    // In June Auckland is UTC+12.
    assert.equal(defaultDeadline(0, auckland, new Date('2026-06-10T01:00:00Z')).toISOString(), '2026-06-10T05:00:00.000Z');
  });

  it('knows IANA zones by name, and says when it does not', () => {
    assert.equal(ianaZone('Asia/Kathmandu')?.(Date.parse('2026-01-01T00:00:00Z')), 345);
    assert.equal(ianaZone('America/New_York')?.(Date.parse('2026-01-15T12:00:00Z')), -300);
    assert.equal(ianaZone('America/New_York')?.(Date.parse('2026-07-15T12:00:00Z')), -240);
    assert.equal(ianaZone('UTC')?.(Date.parse('2026-07-15T12:00:00Z')), 0);
    assert.equal(ianaZone('Not/AZone'), undefined);
  });
});
