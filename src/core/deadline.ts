// The default deadline: N calendar days ahead at 17:00 in the local time zone of whoever computes it.

export const DEFAULT_DEADLINE_HOUR = 17;

export function defaultDeadline(days: number, now: Date = new Date()): Date {
  const due = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, DEFAULT_DEADLINE_HOUR, 0, 0, 0);
  return due;
}
