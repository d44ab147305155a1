import assert from 'node:assert/strict';
import { formatRelativeDeadline, relativeDeadline, type RelativeDeadline } from '../../../src/core/tasks/relativeDeadline';

const NOW = Date.parse('2030-06-10T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = { utcOffsetMinutes: () => 0 };

function text(deadline: number | undefined, now = NOW, options = utc): string {
  return formatRelativeDeadline(relativeDeadline(deadline, now, options));
}

describe('relative deadlines', () => {
  it('gives a structured value', () => {
    assert.deepEqual(relativeDeadline(NOW + 3 * DAY, NOW, utc), { kind: 'due', amount: 3, unit: 'day' });
    assert.deepEqual(relativeDeadline(NOW - 5 * HOUR, NOW, utc), { kind: 'overdue', amount: 5, unit: 'hour' });
    assert.deepEqual(relativeDeadline(undefined, NOW, utc), { kind: 'none' });
    assert.deepEqual(relativeDeadline(Number.NaN, NOW, utc), { kind: 'none' });
  });

  it('counts calendar days ahead: today, tomorrow, in N days', () => {
    assert.equal(text(NOW + HOUR), 'due today');
    assert.equal(text(Date.parse('2030-06-10T23:59:59Z')), 'due today');
    assert.equal(text(Date.parse('2030-06-11T00:00:00Z')), 'due tomorrow');
    assert.equal(text(Date.parse('2030-06-11T23:59:59Z')), 'due tomorrow');
    assert.equal(text(Date.parse('2030-06-12T00:00:00Z')), 'due in 2 days');
    assert.equal(text(NOW + 3 * DAY), 'due in 3 days');
  });

  it('counts minutes in the last hour', () => {
    assert.equal(text(NOW), 'due now');
    assert.equal(text(NOW + 59 * 1000), 'due now');
    assert.equal(text(NOW + MIN), 'due in 1 minute');
    assert.equal(text(NOW + 59 * MIN + 59_000), 'due in 59 minutes');
    assert.equal(text(NOW + HOUR), 'due today');
  });

  it('counts elapsed time when overdue: minutes, hours, days', () => {
    assert.equal(text(NOW - 1), 'overdue by 1 minute');
    assert.equal(text(NOW - 2 * MIN), 'overdue by 2 minutes');
    assert.equal(text(NOW - HOUR + 1), 'overdue by 59 minutes');
    assert.equal(text(NOW - HOUR), 'overdue by 1 hour');
    assert.equal(text(NOW - 5 * HOUR - 59 * MIN), 'overdue by 5 hours');
    assert.equal(text(NOW - DAY + 1), 'overdue by 23 hours');
    assert.equal(text(NOW - DAY), 'overdue by 1 day');
    assert.equal(text(NOW - 2 * DAY - 3 * HOUR), 'overdue by 2 days');
  });

  it('uses the given time zone for today and tomorrow', () => {
    const late = Date.parse('2030-06-10T22:00:00Z'); // 01:00 on the 11th at UTC+3
    const deadline = Date.parse('2030-06-11T12:00:00Z');
    assert.equal(text(deadline, late, utc), 'due tomorrow');
    assert.equal(text(deadline, late, { utcOffsetMinutes: () => 180 }), 'due today');
    assert.equal(text(deadline, late, { utcOffsetMinutes: () => -600 }), 'due tomorrow');
    assert.equal(text(Date.parse('2030-06-12T10:00:00Z'), late, { utcOffsetMinutes: () => -600 }), 'due in 2 days');
  });

  it('lets the editor localize through its own formatter', () => {
    const german = (value: RelativeDeadline): string =>
      value.kind === 'overdue' ? `seit ${value.amount} ${value.unit === 'day' ? 'Tagen' : 'Stunden'} überfällig` : 'fällig';
    assert.equal(german(relativeDeadline(NOW - 2 * DAY, NOW, utc)), 'seit 2 Tagen überfällig');
  });

  it('has no text without a deadline', () => {
    assert.equal(text(undefined), '');
  });
});
