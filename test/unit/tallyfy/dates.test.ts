import assert from 'node:assert/strict';
import { formatApiDate, normalizeApiDate, parseApiDate } from '../../../src/core/tallyfy/dates';

describe('tallyfy dates', () => {
  it('formats request dates as ISO 8601 UTC without milliseconds', () => {
    assert.equal(formatApiDate(new Date(Date.UTC(2025, 6, 15, 17, 0, 0, 0))), '2025-07-15T17:00:00Z');
    assert.equal(formatApiDate(new Date(Date.UTC(2025, 6, 15, 17, 0, 5, 999))), '2025-07-15T17:00:05Z');
    assert.equal(formatApiDate(new Date('2025-07-15T19:30:00+02:00')), '2025-07-15T17:30:00Z');
  });

  it('refuses to format an invalid date', () => {
    assert.throws(() => formatApiDate(new Date('nope')), RangeError);
  });

  const expected = Date.UTC(2025, 6, 15, 17, 0, 0);
  const forms: Array<[string, number]> = [
    ['2025-07-15T17:00:00Z', expected],
    ['2025-07-15T17:00:00.000Z', expected],
    ['2025-07-15T17:00:00.123456Z', expected + 123],
    ['2025-07-15T17:00:00+00:00', expected],
    ['2025-07-15T17:00:00.000+00:00', expected],
    ['2025-07-15T19:00:00+02:00', expected],
    ['2025-07-15T12:00:00-0500', expected],
    ['2025-07-15 17:00:00', expected],
    ['2025-07-15T17:00:00', expected],
    ['2025-07-15T17:00Z', expected],
    ['2025-07-15', Date.UTC(2025, 6, 15)],
  ];
  for (const [text, time] of forms) {
    it(`parses ${text}`, () => {
      assert.equal(parseApiDate(text)?.getTime(), time);
    });
  }

  it('returns undefined for unreadable or impossible dates', () => {
    for (const bad of ['', 'tomorrow', '2025-02-30T00:00:00Z', '2025-13-01', '2025-07-15T25:00:00Z', 42, null, undefined, {}]) {
      assert.equal(parseApiDate(bad), undefined, String(bad));
    }
  });

  it('normalizes answer dates to the request form', () => {
    assert.equal(normalizeApiDate('2025-07-15 17:00:00'), '2025-07-15T17:00:00Z');
    assert.equal(normalizeApiDate('2025-07-15T17:00:00.000+00:00'), '2025-07-15T17:00:00Z');
    assert.equal(normalizeApiDate(null), undefined);
  });
});
