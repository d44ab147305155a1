// A comment as it is sent to Tallyfy, which stores comments as HTML, and what a failed post means for
// the text the user typed. A comment is a create with no idempotency key: one whose outcome is unknown
// is never sent again by itself.
import { escapeHtml } from '../form/html';
import { isHourlyCap, isTallyfyError } from '../tallyfy/errors';

/** The typed text escaped (it shows as typed, never as markup), its line breaks kept as `<br>`. */
export function commentHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n?/g, '\n').replace(/\n/g, '<br>');
}

/**
 * Why a post failed: `unknown` (Tallyfy may have it: check before posting again), `hourly-cap` (Tallyfy's
 * 120 comments an hour per organization are used up), or `refused` (not posted; the error says why).
 * The text stays in the box in every case.
 */
export type CommentFailure = 'unknown' | 'hourly-cap' | 'refused';

export function commentFailure(error: unknown): CommentFailure {
  if (isTallyfyError(error, 'outcome-unknown')) return 'unknown';
  if (isHourlyCap(error)) return 'hourly-cap';
  return 'refused';
}
