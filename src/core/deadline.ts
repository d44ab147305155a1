// The default deadline: N calendar days ahead at 17:00 in the user's time zone. One rule for every path
// (the form, the quick create, the API): the editor decides the zone (see TaskService.defaultDeadline).
import { fixedZone, instantToLocal, localToInstant, localZone, type LocalDateTime, type ZoneOffset } from './zone';

export const DEFAULT_DEADLINE_HOUR = 17;

const DAY_MS = 86_400_000;
const UTC = fixedZone(0);

/** N calendar days after `now`'s date in `zone`, at 17:00 there, as a date and time in that zone. */
export function localDeadline(days: number, now: Date, zone: ZoneOffset = localZone): LocalDateTime {
  // `zone`'s wall clock read as UTC, where a calendar day is always 24 hours.
  const wall = now.getTime() + zone(now.getTime()) * 60_000;
  const { date } = instantToLocal(new Date(wall + days * DAY_MS), UTC);
  return { date, time: `${String(DEFAULT_DEADLINE_HOUR).padStart(2, '0')}:00` };
}

/** The default deadline's instant: N calendar days ahead at 17:00 in `zone` (the machine's by default). */
export function defaultDeadline(days: number, zone: ZoneOffset = localZone, now: Date = new Date()): Date {
  const { date, time } = localDeadline(days, now, zone);
  return localToInstant(date, time, zone) ?? now;
}
