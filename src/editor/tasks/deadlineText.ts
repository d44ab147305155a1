// A deadline as the Tallyfy views show it: where it stands ("due tomorrow", "overdue by 2 days"), and the
// date with it, in the user's language.
import * as vscode from 'vscode';
import { relativeDeadline, type RelativeDeadline } from '../../core/tasks';

/** Relative deadlines in the user's language. */
export function formatDeadline(deadline: RelativeDeadline): string {
  if (deadline.kind === 'none') return '';
  const { amount, unit } = deadline;
  if (deadline.kind === 'due') {
    if (unit === 'day' && amount === 0) return vscode.l10n.t('due today');
    if (unit === 'day' && amount === 1) return vscode.l10n.t('due tomorrow');
    if (unit === 'minute' && amount === 0) return vscode.l10n.t('due now');
    return unit === 'day'
      ? vscode.l10n.t('due in {0} days', amount)
      : unit === 'hour'
        ? vscode.l10n.t('due in {0} hours', amount)
        : vscode.l10n.t('due in {0} minutes', amount);
  }
  return unit === 'day'
    ? amount === 1 ? vscode.l10n.t('overdue by 1 day') : vscode.l10n.t('overdue by {0} days', amount)
    : unit === 'hour'
      ? amount === 1 ? vscode.l10n.t('overdue by 1 hour') : vscode.l10n.t('overdue by {0} hours', amount)
      : vscode.l10n.t('overdue by {0} minutes', amount);
}

/** The date and where it stands, e.g. "3/12/2030, 5:00:00 PM (due in 2 days)"; empty without a deadline. */
export function deadlineText(deadline: string | undefined, now = Date.now()): string {
  const at = deadline === undefined ? Number.NaN : Date.parse(deadline);
  if (!Number.isFinite(at)) return '';
  const relative = formatDeadline(relativeDeadline(at, now));
  const when = new Date(at).toLocaleString();
  return relative === '' ? when : `${when} (${relative})`;
}
