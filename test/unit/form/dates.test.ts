import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  fixedZone,
  instantToLocal,
  localDeadline,
  localToInstant,
  presetDeadline,
  type ZoneOffset,
} from '../../../src/core/form/dates';

/** New York in 2025: EDT (-4h) from 9 March 07:00Z to 2 November 06:00Z, else EST (-5h). */
const newYork: ZoneOffset = (ms) =>
  ms >= Date.UTC(2025, 2, 9, 7) && ms < Date.UTC(2025, 10, 2, 6) ? -240 : -300;

/** Lord Howe Island style: a 30-minute change (UTC+10:30 ↔ UTC+11), here from 6 April 2025 15:00Z back to +10:30. */
const halfHour: ZoneOffset = (ms) => (ms < Date.UTC(2025, 3, 5, 15) ? 660 : 630);

const iso = (date: Date | undefined): string | undefined => date?.toISOString();

describe('form dates', () => {
  describe('local date and time to an instant', () => {
    const cases: ReadonlyArray<readonly [string, number, string, string, string]> = [
      ['UTC', 0, '2025-07-15', '17:00', '2025-07-15T17:00:00.000Z'],
      ['Berlin summer (+2)', 120, '2025-07-15', '17:00', '2025-07-15T15:00:00.000Z'],
      ['India (+5:30)', 330, '2025-07-15', '17:00', '2025-07-15T11:30:00.000Z'],
      ['Nepal (+5:45)', 345, '2025-07-15', '00:10', '2025-07-14T18:25:00.000Z'],
      ['Kiribati (+14) crosses the date line back', 840, '2025-01-01', '09:00', '2024-12-31T19:00:00.000Z'],
      ['Baker Island (-12) moves a day forward', -720, '2025-12-31', '17:00', '2026-01-01T05:00:00.000Z'],
      ['Los Angeles winter (-8)', -480, '2025-02-28', '23:30', '2025-03-01T07:30:00.000Z'],
    ];
    for (const [name, offset, date, time, expected] of cases) {
      it(name, () => assert.equal(iso(localToInstant(date, time, fixedZone(offset))), expected));
    }

    it('round-trips through instantToLocal', () => {
      for (const offset of [-720, -300, 0, 330, 840]) {
        const instant = localToInstant('2025-03-31', '08:05', fixedZone(offset));
        assert.ok(instant);
        assert.deepEqual(instantToLocal(instant, fixedZone(offset)), { date: '2025-03-31', time: '08:05' });
      }
    });

    it('refuses impossible or malformed values', () => {
      for (const [date, time] of [['2025-02-30', '10:00'], ['2025-13-01', '10:00'], ['2025-01-01', '24:00'], ['2025-01-01', '10:60'], ['15/07/2025', '10:00'], ['', '10:00'], ['2025-01-01', '']]) {
        assert.equal(localToInstant(date as string, time as string, fixedZone(0)), undefined, `${date} ${time}`);
      }
    });
  });

  describe('daylight-saving changes (offset injected)', () => {
    it('uses the summer offset after spring forward and the winter one before', () => {
      assert.equal(iso(localToInstant('2025-03-08', '17:00', newYork)), '2025-03-08T22:00:00.000Z');
      assert.equal(iso(localToInstant('2025-03-10', '17:00', newYork)), '2025-03-10T21:00:00.000Z');
    });

    it('moves a time skipped by spring forward ahead by the gap, like the browser', () => {
      // 02:30 does not exist on 9 March in New York: it becomes 03:30 EDT.
      const instant = localToInstant('2025-03-09', '02:30', newYork);
      assert.equal(iso(instant), '2025-03-09T07:30:00.000Z');
      assert.deepEqual(instantToLocal(instant as Date, newYork), { date: '2025-03-09', time: '03:30' });
    });

    it('takes the first of two times repeated by fall back', () => {
      assert.equal(iso(localToInstant('2025-11-02', '01:30', newYork)), '2025-11-02T05:30:00.000Z');
      assert.equal(iso(localToInstant('2025-11-02', '02:30', newYork)), '2025-11-02T07:30:00.000Z');
    });

    it('handles half-hour changes', () => {
      assert.equal(iso(localToInstant('2025-04-06', '01:45', halfHour)), '2025-04-05T14:45:00.000Z');
      assert.equal(iso(localToInstant('2025-04-07', '17:00', halfHour)), '2025-04-07T06:30:00.000Z');
    });
  });

  describe('presets and the default deadline', () => {
    const now = new Date('2025-03-08T15:00:00Z'); // Saturday 10:00 in New York, Saturday 20:30 in India

    it('today, tomorrow and next week at 17:00 local', () => {
      assert.deepEqual(presetDeadline('today', now, newYork), { date: '2025-03-08', time: '17:00' });
      assert.deepEqual(presetDeadline('tomorrow', now, newYork), { date: '2025-03-09', time: '17:00' });
      assert.deepEqual(presetDeadline('nextWeek', now, newYork), { date: '2025-03-15', time: '17:00' });
    });

    it('"today" is the viewer\'s today: already tomorrow east of the date line', () => {
      const late = new Date('2025-03-08T23:00:00Z');
      assert.deepEqual(presetDeadline('today', late, fixedZone(-300)), { date: '2025-03-08', time: '17:00' });
      assert.deepEqual(presetDeadline('today', late, fixedZone(660)), { date: '2025-03-09', time: '17:00' });
    });

    it('17:00 across a daylight-saving change is still 17:00 local, one hour apart in UTC', () => {
      const before = presetDeadline('today', now, newYork);
      const after = presetDeadline('tomorrow', now, newYork);
      assert.equal(iso(localToInstant(before.date, before.time, newYork)), '2025-03-08T22:00:00.000Z');
      assert.equal(iso(localToInstant(after.date, after.time, newYork)), '2025-03-09T21:00:00.000Z');
    });

    it('crosses month and year ends', () => {
      assert.deepEqual(localDeadline(7, new Date('2025-12-28T12:00:00Z'), fixedZone(0)), { date: '2026-01-04', time: '17:00' });
      assert.deepEqual(localDeadline(1, new Date('2024-02-28T12:00:00Z'), fixedZone(0)), { date: '2024-02-29', time: '17:00' });
    });
  });

  describe('in real time zones (a child process per TZ)', () => {
    const script = join(__dirname, 'fixtures', 'zoneProbe.ts');
    const run = (tz: string): Record<string, string> => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
      return JSON.parse(out) as Record<string, string>;
    };

    it('the machine zone matches the browser rules and core/deadline in New York', function () {
      this.timeout(20_000);
      const result = run('America/New_York');
      assert.equal(result['gap'], '2025-03-09T07:30:00.000Z');
      assert.equal(result['gapNative'], result['gap']);
      assert.equal(result['overlap'], '2025-11-02T05:30:00.000Z');
      assert.equal(result['overlapNative'], result['overlap']);
      assert.equal(result['preset'], '2025-03-09 17:00');
      assert.equal(result['presetMatchesDefaultDeadline'], 'true');
    });

    it('and in Kolkata, Sydney and UTC', function () {
      this.timeout(30_000);
      for (const tz of ['Asia/Kolkata', 'Australia/Sydney', 'UTC']) {
        const result = run(tz);
        assert.equal(result['gapNative'], result['gap'], tz);
        assert.equal(result['overlapNative'], result['overlap'], tz);
        assert.equal(result['presetMatchesDefaultDeadline'], 'true', tz);
      }
    });
  });
});
