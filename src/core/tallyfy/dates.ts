// Dates on the wire. Requests carry ISO 8601 in UTC without milliseconds; answers come in several
// ISO forms (with or without milliseconds, `Z` or `+00:00`) and sometimes as `YYYY-MM-DD HH:MM:SS`
// in UTC. Everything passes through these two functions, so local-to-UTC conversion happens once.

/** Formats a date for a request: `2025-07-15T17:00:00Z` (UTC, whole seconds). Throws on an invalid date. */
export function formatApiDate(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) {
    throw new RangeError('Cannot format an invalid date.');
  }
  const whole = new Date(Math.floor(time / 1000) * 1000);
  return whole.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// date, optional time (T or space separated), optional fraction, optional zone (Z, ±HH:MM, ±HHMM, ±HH).
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses a date from an answer. Accepts ISO 8601 with or without milliseconds, with `Z` or an offset,
 * `YYYY-MM-DD HH:MM:SS` (read as UTC, like every zone-less time from the API) and a bare `YYYY-MM-DD`
 * (UTC midnight). Returns undefined for anything else, including impossible dates like Feb 30.
 */
export function parseApiDate(value: unknown): Date | undefined {
  if (value instanceof Date) {
    return Number.isFinite(value.getTime()) ? new Date(value.getTime()) : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = ISO_PATTERN.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return new Date(utc - zoneOffsetMinutes(zone) * 60_000);
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') {
    return 0;
  }
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

/** An answer's date normalized to the request form (`2025-07-15T17:00:00Z`), or undefined when absent or unreadable. */
export function normalizeApiDate(value: unknown): string | undefined {
  const date = parseApiDate(value);
  return date === undefined ? undefined : formatApiDate(date);
}
