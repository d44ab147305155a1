// Taking Tallyfy's answers into records as they are when the answer is stored, not as they were when it
// was asked for: the fields Tallyfy owns (title, status, deadline, assignees, completion, archiving,
// deletion) come from the answer, the fields the editor owns (the TODO's file, line and reference, the
// names learned, the creation time) stay. An answer that may be older than what the record holds is
// not taken.
import type { Task } from '../tallyfy/schema';
import { markDeleted, refreshRecord, type AssigneeNames } from './fromTask';
import type { TaskRecord } from './record';

/** What Tallyfy said about one task. */
export interface TaskAnswer {
  readonly id: string;
  readonly orgId: string;
  readonly baseUrl: string;
  /**
   * The record's revision when the request was sent. Undefined for the outcome of the user's own
   * confirmed change (a permanent delete), which is taken whatever happened meanwhile.
   */
  readonly basedOn: number | undefined;
  /** When the answer arrived (ISO). */
  readonly at: string;
  /** The task as Tallyfy has it, or undefined when Tallyfy no longer has it (404, deleted). */
  readonly task: Task | undefined;
  readonly names?: AssigneeNames | undefined;
}

export type MergeOutcome =
  /** The record changed. */
  | { readonly kind: 'applied'; readonly record: TaskRecord }
  /** The answer says what the record already holds (the same record is returned). */
  | { readonly kind: 'unchanged'; readonly record: TaskRecord }
  /** The answer may be older than the record (the same record is returned). */
  | { readonly kind: 'dropped'; readonly record: TaskRecord };

/** The answer to a request about this record, as it is now. */
export function answerFor(
  record: TaskRecord,
  task: Task | undefined,
  options: { readonly at?: Date; readonly names?: AssigneeNames | undefined; readonly confirmed?: boolean } = {},
): TaskAnswer {
  return {
    id: record.id,
    orgId: record.orgId,
    baseUrl: record.baseUrl,
    basedOn: options.confirmed === true ? undefined : (record.revision ?? 0),
    at: (options.at ?? new Date()).toISOString(),
    task: task === undefined || task.id === record.id ? task : { ...task, id: record.id },
    names: options.names,
  };
}

/** Whether an answer is for this record (same task, organization and API address). */
export function answers(answer: TaskAnswer, record: TaskRecord): boolean {
  return answer.id === record.id && answer.orgId === record.orgId && answer.baseUrl === record.baseUrl;
}

/**
 * The record with the answer taken in. Tallyfy's `last_updated` decides when both sides have one and
 * they differ by a second or more; otherwise the answer is taken only if the record has not changed
 * since it was asked for.
 */
export function mergeAnswer(record: TaskRecord, answer: TaskAnswer): MergeOutcome {
  if (!mayBeNewer(record, answer)) return { kind: 'dropped', record };
  const at = new Date(answer.at);
  const next = answer.task === undefined
    ? markDeleted(record, at)
    : refreshRecord(record, answer.task, { now: at, ...(answer.names ? { names: answer.names } : {}) });
  return sameRecord(record, next, IGNORED_BY_MERGE) ? { kind: 'unchanged', record } : { kind: 'applied', record: next };
}

function mayBeNewer(record: TaskRecord, answer: TaskAnswer): boolean {
  if (answer.basedOn === undefined) return true;
  const theirs = wholeSeconds(answer.task?.lastUpdated);
  const ours = wholeSeconds(record.lastUpdated);
  if (theirs !== undefined && ours !== undefined && theirs !== ours) return theirs > ours;
  return (record.revision ?? 0) === answer.basedOn;
}

/** Seconds since the epoch: Tallyfy's dates come with or without milliseconds, so finer is not comparable. */
function wholeSeconds(iso: string | undefined): number | undefined {
  const time = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isFinite(time) ? Math.floor(time / 1000) : undefined;
}

// An answer that only confirms the record is no change: it is not written.
const IGNORED_BY_MERGE: ReadonlySet<string> = new Set(['lastSyncedAt', 'revision']);

/** Same fields and values, leaving out the `ignored` fields. */
export function sameRecord(a: TaskRecord, b: TaskRecord, ignored: ReadonlySet<string> = new Set()): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (ignored.has(key)) continue;
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}
