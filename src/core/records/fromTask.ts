// Turning a task from the API into a local record, and refreshing a record from a newer answer.
import { isDoneStatus } from '../completion';
import type { Task } from '../tallyfy/schema';
import type { RecordSource, TaskRecord } from './record';

export interface AssigneeNames {
  /** Member names by user id (from `users` or `users-list`). */
  readonly users?: ReadonlyMap<number, string>;
  /** Group names by group id. */
  readonly groups?: ReadonlyMap<string, string>;
}

export interface RecordContext {
  readonly orgId: string;
  readonly baseUrl: string;
  readonly source?: RecordSource | undefined;
  readonly names?: AssigneeNames | undefined;
  readonly now?: Date;
}

/** Display names of a task's assignees: the answer's names, else the lookup, else a neutral label. */
export function assigneeNames(task: Task, names: AssigneeNames = {}): string[] {
  const users = task.owners.users.map((user) => user.fullName ?? names.users?.get(user.id) ?? user.email ?? `User ${user.id}`);
  const guests = task.owners.guests.map((email) => email);
  const groups = task.owners.groups.map((group) => group.name ?? names.groups?.get(group.id) ?? `Group ${group.id}`);
  return [...users, ...guests, ...groups];
}

export function taskToRecord(task: Task, context: RecordContext): TaskRecord {
  const now = (context.now ?? new Date()).toISOString();
  const record: TaskRecord = {
    id: task.id,
    title: task.title,
    taskType: task.taskType,
    // Completed by `completed_at` while the status says otherwise: the record says completed.
    status: task.isCompleted && !isDoneStatus(task.status) ? 'completed' : task.status,
    assignees: assigneeNames(task, context.names),
    orgId: context.orgId,
    baseUrl: context.baseUrl,
    createdAt: task.createdAt ?? now,
    lastSyncedAt: now,
  };
  if (task.incrementId !== undefined) record.incrementId = task.incrementId;
  if (task.deadline !== undefined) record.deadline = task.deadline;
  if (task.lastUpdated !== undefined) record.lastUpdated = task.lastUpdated;
  if (task.completedAt !== undefined) record.completedAt = task.completedAt;
  if (task.archivedAt !== undefined) record.archivedAt = task.archivedAt;
  if (task.runId !== undefined) record.runId = task.runId;
  if (context.source !== undefined) record.source = { ...context.source };
  return record;
}

/**
 * A record updated from a newer answer for the same task: title, status, deadline, assignees,
 * completion and archiving follow Tallyfy; the link to the code (`source`) and creation time stay;
 * `deleted` clears.
 */
export function refreshRecord(record: TaskRecord, task: Task, options: { names?: AssigneeNames; now?: Date } = {}): TaskRecord {
  const fresh = taskToRecord(task, {
    orgId: record.orgId,
    baseUrl: record.baseUrl,
    source: record.source,
    names: options.names,
    ...(options.now ? { now: options.now } : {}),
  });
  // What the answer may leave out is Tallyfy's to clear: only the answer's values remain.
  const { deleted, completedAt, archivedAt, deadline, lastUpdated, ...kept } = record;
  // Keep a readable assignee list when the answer only carried ids we could not name.
  const assignees = fresh.assignees.every((name) => /^(User|Group) /.test(name)) && record.assignees.length === fresh.assignees.length
    ? record.assignees
    : fresh.assignees;
  return { ...kept, ...fresh, assignees, createdAt: record.createdAt };
}

/** The record marked as gone from Tallyfy (deleted, or 404 on refresh). */
export function markDeleted(record: TaskRecord, now: Date = new Date()): TaskRecord {
  return { ...record, deleted: true, lastSyncedAt: now.toISOString() };
}
