// What the sidebar shows for a record's state: one of six states, each with a codicon and a theme
// colour. Pure: the editor turns the ids into ThemeIcon/ThemeColor.
import { isDone, normalizedStatus } from '../completion';
import type { TaskRecord } from '../records/record';

export type TaskState = 'not-started' | 'in-progress' | 'completed' | 'overdue' | 'archived' | 'deleted';

export const TASK_STATES: readonly TaskState[] = ['not-started', 'in-progress', 'completed', 'overdue', 'archived', 'deleted'];

export interface StatePresentation {
  /** A codicon id, e.g. `pass-filled` (for `new ThemeIcon(icon, new ThemeColor(color))`). */
  readonly icon: string;
  /** A theme colour id that VS Code registers, e.g. `charts.red`. */
  readonly color: string;
}

export const STATE_PRESENTATION: Readonly<Record<TaskState, StatePresentation>> = {
  'not-started': { icon: 'circle-large-outline', color: 'charts.blue' },
  'in-progress': { icon: 'play-circle', color: 'charts.yellow' },
  completed: { icon: 'pass-filled', color: 'testing.iconPassed' },
  overdue: { icon: 'warning', color: 'charts.red' },
  archived: { icon: 'archive', color: 'descriptionForeground' },
  deleted: { icon: 'trash', color: 'disabledForeground' },
};

// Skipped tasks need no more work: they are closed, shown with the completed look (the tooltip keeps
// the raw status).
const CLOSED_STATUSES = new Set(['skipped', 'auto-skipped']);
const STARTED_STATUSES = new Set(['in-progress', 'active', 'started']);

/** What a task's state is read from: a record, or a task as Tallyfy answered it. */
export type TaskFacts = Pick<TaskRecord, 'status' | 'completedAt' | 'deadline' | 'archivedAt'> & { readonly deleted?: boolean | undefined };

/** Done in Tallyfy's sense (see `isDone`). */
export function isCompleted(record: TaskFacts): boolean {
  return isDone(record);
}

/** Archived in Tallyfy (restorable): `archived_at` was set in its last answer. */
export function isArchived(record: TaskFacts): boolean {
  return record.archivedAt !== undefined && record.archivedAt !== '';
}

/** Still something to do: not completed (or skipped), not archived and not deleted. */
export function isOpen(record: TaskFacts): boolean {
  return record.deleted !== true && !isArchived(record) && !isCompleted(record) && !CLOSED_STATUSES.has(normalizedStatus(record.status));
}

/** Whether a state (from `taskState`) is one of an open task: not started, in progress or overdue. */
export function isOpenState(state: TaskState): boolean {
  return state === 'not-started' || state === 'in-progress' || state === 'overdue';
}

/** Milliseconds since the epoch of an ISO date, or undefined when absent or unreadable. */
export function timeOf(iso: string | undefined): number | undefined {
  if (iso === undefined || iso === '') return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * The record's state at `now`: deleted wins, then archived, then completed (or skipped), then overdue
 * (open with a deadline strictly before `now`), then in progress, else not started (unknown statuses
 * included).
 */
export function taskState(record: TaskFacts, now: Date | number): TaskState {
  if (record.deleted === true) return 'deleted';
  if (isArchived(record)) return 'archived';
  if (!isOpen(record)) return 'completed';
  const deadline = timeOf(record.deadline);
  const at = typeof now === 'number' ? now : now.getTime();
  if (deadline !== undefined && deadline < at) return 'overdue';
  return STARTED_STATUSES.has(normalizedStatus(record.status)) ? 'in-progress' : 'not-started';
}

export function statePresentation(state: TaskState): StatePresentation {
  return STATE_PRESENTATION[state];
}

/** Records still to do (the view's badge). */
export function openCount(records: readonly TaskRecord[]): number {
  let count = 0;
  for (const record of records) if (isOpen(record)) count++;
  return count;
}
