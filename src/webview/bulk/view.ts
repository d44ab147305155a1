// What the review page shows for its rows, run and buttons, as text: pure, so it is tested without a
// browser. The DOM lives in app.ts.
import type { BulkStrings, RowView, RunView } from '../../core/bulk/protocol';
import type { countRows } from '../../core/bulk/review';
import { fill } from '../../core/template';

type RowState = RowView['state'];

/** Puts a task id into a state's text; a text without `{taskId}` gets the id after it. */
function withTaskId(template: string, taskId: string): string {
  return template.includes('{taskId}') ? fill(template, { taskId }) : `${template} ${taskId}`;
}

/** The badge of a row's state; none for a row that is simply ready. */
export function stateText(strings: BulkStrings, state: RowState): string | undefined {
  switch (state.kind) {
    case 'ready':
      return undefined;
    case 'linked':
      return withTaskId(strings['state.linked'], state.taskId);
    case 'queued':
      return strings['state.queued'];
    case 'creating':
      return strings['state.creating'];
    case 'created':
      return withTaskId(strings[state.written ? 'state.created' : 'state.createdNotWritten'], state.taskId);
    case 'failed':
      return strings['state.failed'];
    case 'unknown':
      return strings['state.unknown'];
  }
}

/** The message shown after a failed or unknown row's badge. */
export function stateMessage(state: RowState): string | undefined {
  return state.kind === 'failed' || state.kind === 'unknown' ? state.message : undefined;
}

export function duplicateText(strings: BulkStrings, duplicate: RowView['duplicate']): string | undefined {
  return duplicate === undefined ? undefined : strings[`duplicate.${duplicate}`];
}

/** The primary button's text for `count` checked rows. */
export function createLabel(strings: BulkStrings, count: number): string {
  return count === 1 ? fill(strings.createOne, { count }) : fill(strings.create, { count });
}

/** The summary line under the heading, from the rows' counts (see countRows). */
export function summaryText(strings: BulkStrings, total: number, counts: ReturnType<typeof countRows>): string {
  return fill(strings.summary, { total, ...counts });
}

export function progressText(strings: BulkStrings, run: RunView): string {
  return fill(strings.progress, { done: run.done, total: run.total });
}

/** The label of the "you" choice among the assignees. */
export function youLabel(strings: BulkStrings, me: { readonly name: string } | undefined): string {
  return fill(strings.you, { name: me?.name ?? '' }).trim();
}

/**
 * Where a key moves the focus in the row list: the index of the row to focus among `count` shown rows,
 * or undefined when the key does not move it. Home/End go to the first and last row.
 */
export function moveIndex(key: string, index: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
