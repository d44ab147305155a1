// "due tomorrow", "overdue by 5 hours": a structured value computed without any locale, and a default
// English formatter. The editor localizes by passing its own formatter.

export type DeadlineUnit = 'minute' | 'hour' | 'day';

export type RelativeDeadline =
  | { readonly kind: 'none' }
  /**
   * Due in the future (or right now). `day` amounts count calendar days in the user's time zone: 0 is
   * today, 1 tomorrow. `minute` is used when less than an hour is left (0: due now).
   */
  | { readonly kind: 'due'; readonly amount: number; readonly unit: DeadlineUnit }
  /** Past the deadline by at least `amount` units of elapsed time (minutes under an hour, hours under a day). */
  | { readonly kind: 'overdue'; readonly amount: number; readonly unit: DeadlineUnit };

export type DeadlineFormatter = (deadline: RelativeDeadline) => string;

export interface RelativeDeadlineOptions {
  /**
   * Minutes to add to UTC to get the user's wall clock at an instant (e.g. 120 for UTC+2), for "today"
   * and "tomorrow". Defaults to the time zone of the running process.
   */
  readonly utcOffsetMinutes?: (epochMs: number) => number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const localUtcOffsetMinutes = (epochMs: number): number => -new Date(epochMs).getTimezoneOffset();

/** Where `deadline` (epoch ms, or undefined) stands relative to `now`. */
export function relativeDeadline(
  deadline: number | undefined,
  now: number,
  options: RelativeDeadlineOptions = {},
): RelativeDeadline {
  if (deadline === undefined || !Number.isFinite(deadline) || !Number.isFinite(now)) return { kind: 'none' };
  const diff = deadline - now;
  if (diff < 0) {
    const late = -diff;
    if (late < HOUR) return { kind: 'overdue', amount: Math.max(1, Math.floor(late / MINUTE)), unit: 'minute' };
    if (late < DAY) return { kind: 'overdue', amount: Math.floor(late / HOUR), unit: 'hour' };
    return { kind: 'overdue', amount: Math.floor(late / DAY), unit: 'day' };
  }
  if (diff < HOUR) return { kind: 'due', amount: Math.floor(diff / MINUTE), unit: 'minute' };
  const offset = options.utcOffsetMinutes ?? localUtcOffsetMinutes;
  const dayOf = (t: number): number => Math.floor((t + offset(t) * MINUTE) / DAY);
  return { kind: 'due', amount: Math.max(0, dayOf(deadline) - dayOf(now)), unit: 'day' };
}

function plural(amount: number, unit: DeadlineUnit): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/** English: "due now", "due in 25 minutes", "due today", "due tomorrow", "due in 3 days", "overdue by 2 days". */
export const formatRelativeDeadline: DeadlineFormatter = (deadline) => {
  switch (deadline.kind) {
    case 'none':
      return '';
    case 'overdue':
      return `overdue by ${plural(deadline.amount, deadline.unit)}`;
    case 'due':
      if (deadline.unit === 'day') {
        if (deadline.amount === 0) return 'due today';
        if (deadline.amount === 1) return 'due tomorrow';
      }
      if (deadline.amount === 0) return 'due now';
      return `due in ${plural(deadline.amount, deadline.unit)}`;
  }
};
