// Local date and time as the form shows them (`YYYY-MM-DD`, `HH:MM`) and their conversion to an
// instant. "Local" is the time zone of whoever shows the form (the webview's), given as a function so
// the conversion can be tested for any zone and across daylight-saving changes.
import { localDeadline } from '../deadline';
import { localZone, type LocalDateTime, type ZoneOffset } from '../zone';

export { fixedZone, instantToLocal, localToInstant, localZone, type LocalDateTime, type ZoneOffset } from '../zone';
export { localDeadline } from '../deadline';

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
