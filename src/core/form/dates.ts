// Local date and time as the form shows them (`YYYY-MM-DD`, `HH:MM`) and their conversion to an
// instant. "Local" is the time zone of whoever shows the form (the webview's), given as a function so
// the conversion can be tested for any zone and across daylight-saving changes.
import { DEFAULT_DEADLINE_HOUR, defaultDeadline } from '../deadline';

/** Minutes to add to UTC to get local wall-clock time at the instant `utcMs` (UTC+2 → 120, New York in winter → -300). */
export type ZoneOffset = (utcMs: number) => number;

/** The zone of the machine running this code (the webview's browser, or Node in tests). */
export const localZone: ZoneOffset = (utcMs) => {
  const offset = -new Date(utcMs).getTimezoneOffset();
  return offset === 0 ? 0 : offset; // no -0
};

/** A zone with one fixed offset, e.g. `fixedZone(330)` for India. */
export function fixedZone(offsetMinutes: number): ZoneOffset {
  return () => offsetMinutes;
}

export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** `HH:MM` (24-hour) */
  readonly time: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** The wall-clock value as if it were UTC, in ms; undefined for an impossible date or time. */
function wallClockMs(date: string, time: string): number | undefined {
  const d = DATE_PATTERN.exec(date.trim());
  const t = TIME_PATTERN.exec(time.trim());
  if (!d || !t) return undefined;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [hour, minute, second] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms;
}

/**
 * The instant a local date and time name in `zone`, or undefined when either is not a valid value.
 * Like the browser's `new Date(y, m, d, h, min)`: a time skipped by a spring-forward change moves
 * forward by the gap (02:30 → 03:30), and a time repeated by a fall-back change is its first occurrence.
 */
export function localToInstant(date: string, time: string, zone: ZoneOffset = localZone): Date | undefined {
  const wall = wallClockMs(date, time);
  if (wall === undefined) return undefined;
  const before = zone(wall - DAY);
  const after = zone(wall + DAY);
  const candidates = [...new Set([before, after, zone(wall)])]
    .map((offset) => wall - offset * MINUTE)
    .filter((utc) => wall - zone(utc) * MINUTE === utc)
    .sort((a, b) => a - b);
  const first = candidates[0];
  // No candidate: the time falls in a gap; read it with the offset in force before the change.
  return new Date(first ?? wall - before * MINUTE);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** The local date and time of an instant in `zone`, as the form's inputs want them. */
export function instantToLocal(instant: Date, zone: ZoneOffset = localZone): LocalDateTime {
  const wall = new Date(instant.getTime() + zone(instant.getTime()) * MINUTE);
  return {
    date: `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
  };
}

/**
 * N calendar days after `now`'s local date, at 17:00 local: the semantics of `defaultDeadline` in
 * `core/deadline`, which is used as is for the machine's own zone.
 */
export function localDeadline(days: number, now: Date, zone: ZoneOffset = localZone): LocalDateTime {
  if (zone === localZone) {
    return instantToLocal(defaultDeadline(days, now), localZone);
  }
  const today = instantToLocal(now, zone).date;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1, d + days));
  return {
    date: `${pad(target.getUTCFullYear(), 4)}-${pad(target.getUTCMonth() + 1)}-${pad(target.getUTCDate())}`,
    time: `${pad(DEFAULT_DEADLINE_HOUR)}:00`,
  };
}

export const DEADLINE_PRESETS = ['today', 'tomorrow', 'nextWeek'] as const;
export type DeadlinePreset = (typeof DEADLINE_PRESETS)[number];

export const PRESET_DAYS: Readonly<Record<DeadlinePreset, number>> = { today: 0, tomorrow: 1, nextWeek: 7 };

/** Today 17:00, tomorrow 17:00 or in 7 days at 17:00, in `zone`. */
export function presetDeadline(preset: DeadlinePreset, now: Date, zone: ZoneOffset = localZone): LocalDateTime {
  return localDeadline(PRESET_DAYS[preset], now, zone);
}

/** A date for people, in their locale and the local zone (`Jul 15, 2025, 5:00 PM`); the input when unreadable. */
export function formatInstant(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (!Number.isFinite(date.getTime())) return iso;
  try {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
    if (timeZone !== undefined) options.timeZone = timeZone;
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return date.toISOString();
  }
}
