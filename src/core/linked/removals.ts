// When a save removes linked TODOs: which of their tasks to offer to complete. A task is offered only
// when no TODO refers to it any more (not in this file, not in any other file of the workspace), it is
// still open, and it is not an approval (approving or rejecting is a decision, never a side effect of
// deleting a comment).
import type { TaskRecord } from '../records/record';
import { isOpen } from '../tasks/status';

/** Why a removed reference is not offered; `offer` when it is. */
export type RemovalVerdict = 'offer' | 'still-referenced' | 'unknown-task' | 'closed' | 'approval';

export interface RemovalDecision {
  readonly id: string;
  readonly verdict: RemovalVerdict;
  /** The task's record, when this workspace has one. */
  readonly record?: TaskRecord | undefined;
}

export interface RemovalContext {
  /** Whether a TODO in another file still refers to the task (the workspace index). */
  readonly referencedElsewhere: (id: string) => boolean;
  /** The task's record, when known. */
  readonly recordOf: (id: string) => TaskRecord | undefined;
}

/** The ids the file referred to before the save and no longer does, in their old order. */
export function removedIds(before: Iterable<string>, after: ReadonlySet<string>): string[] {
  return [...new Set(before)].filter((id) => !after.has(id));
}

/** What to do with each reference a save removed. */
export function decideRemovals(removed: readonly string[], context: RemovalContext): RemovalDecision[] {
  return removed.map((id): RemovalDecision => {
    if (context.referencedElsewhere(id)) return { id, verdict: 'still-referenced' };
    const record = context.recordOf(id);
    if (record === undefined) return { id, verdict: 'unknown-task' };
    if (!isOpen(record)) return { id, verdict: 'closed', record };
    if (record.taskType === 'approval') return { id, verdict: 'approval', record };
    return { id, verdict: 'offer', record };
  });
}

/** The records to offer, from decisions. */
export function offered(decisions: readonly RemovalDecision[]): TaskRecord[] {
  return decisions.flatMap((d) => (d.verdict === 'offer' && d.record !== undefined ? [d.record] : []));
}
