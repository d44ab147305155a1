// Time zones as offsets: the wall-clock time of an instant in a zone, and back. A zone is a function so
// that any zone (the machine's, a fixed offset, an IANA name) converts the same way, across
// daylight-saving changes too.

/** Minutes to add to UTC to get local wall-clock time at the instant `utcMs` (UTC+2 → 120, New York in winter → -300). */
export type ZoneOffset = (utcMs: number) => number;

/** The zone of the machine running this code (the webview's browser, the extension host, Node in tests). */
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
 * The zone named `timeZone` (IANA, e.g. `Pacific/Auckland`), or undefined when this runtime does not
 * know the name.
 */
export function ianaZone(timeZone: string): ZoneOffset | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  return (utcMs) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(utcMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
    const offset = Math.round((wall - Math.floor(utcMs / 1000) * 1000) / MINUTE);
    return offset === 0 ? 0 : offset;
  };
}
