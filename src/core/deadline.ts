// The default deadline: N calendar days ahead at 17:00 in the user's time zone. One rule for every path
// (the form, the quick create, the API): the editor decides the zone (see TaskService.defaultDeadline).
import { localToInstant, localZone, type LocalDateTime, type ZoneOffset } from './zone';

export const DEFAULT_DEADLINE_HOUR = 17;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** N calendar days after `now`'s date in `zone`, at 17:00 there, as a date and time in that zone. */
export function localDeadline(days: number, now: Date, zone: ZoneOffset = localZone): LocalDateTime {
  const wall = new Date(now.getTime() + zone(now.getTime()) * 60_000);
  const target = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + days));
  return {
    date: `${pad(target.getUTCFullYear(), 4)}-${pad(target.getUTCMonth() + 1)}-${pad(target.getUTCDate())}`,
    time: `${pad(DEFAULT_DEADLINE_HOUR)}:00`,
  };
}

/** The default deadline's instant: N calendar days ahead at 17:00 in `zone` (the machine's by default). */
export function defaultDeadline(days: number, zone: ZoneOffset = localZone, now: Date = new Date()): Date {
  const { date, time } = localDeadline(days, now, zone);
  return localToInstant(date, time, zone) ?? now;
}
