// The rows of the "Assigned to Me" view: a group, a task, and "Load more". Commands get these rows as
// their argument; `assignedTaskId` reads the task id back from one (or from a plain id).
import type { AssignedGroup } from './assigned';

/** What a row knows of its task. */
export interface AssignedRowTask {
  readonly id: string;
  readonly title: string;
  readonly taskType: string;
  readonly runId?: string | undefined;
}

export type AssignedNode =
  | { readonly kind: 'group'; readonly group: AssignedGroup; readonly count: number }
  | { readonly kind: 'assigned'; readonly id: string; readonly task: AssignedRowTask }
  | { readonly kind: 'more' };

/** The task of a row of "Assigned to Me", when `arg` is one. */
export function assignedTaskOf(arg: unknown): AssignedRowTask | undefined {
  if (arg === null || typeof arg !== 'object' || (arg as { kind?: unknown }).kind !== 'assigned') return undefined;
  const task = (arg as { task?: unknown }).task;
  if (task === null || typeof task !== 'object') return undefined;
  const { id, title, taskType, runId } = task as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return undefined;
  return {
    id,
    title: typeof title === 'string' ? title : id,
    taskType: typeof taskType === 'string' ? taskType : 'task',
    ...(typeof runId === 'string' && runId !== '' ? { runId } : {}),
  };
}

/** The task id of a row of "Assigned to Me". */
export function assignedTaskId(arg: unknown): string | undefined {
  return assignedTaskOf(arg)?.id;
}
