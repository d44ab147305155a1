// Creating tasks: the one way every entry point (the public API, the quick create, the form, the review)
// creates a task, so defaults, logging and the records are the same for all.
import { taskToRecord, type RecordSource, type TaskRecord } from '../core/records';
import { findPossiblyCreated as findInTallyfy, type PossiblyCreated } from '../core/tasks/possiblyCreated';
import type { CreateTaskInput, Task } from '../core/tallyfy/schema';
import { formatReference } from '../core/todo/references';
import { requireClient } from './auth/clients';
import type { Session } from './auth/session';
import type { Logger } from './log';
import type { TaskService } from './taskService';

/** What a create call may leave out: the assignee defaults to the signed-in user, the deadline to the setting. */
export type CreateTaskRequest = Omit<CreateTaskInput, 'owners' | 'deadline' | 'task_type'> & {
  owners?: CreateTaskInput['owners'];
  deadline?: CreateTaskInput['deadline'];
  task_type?: CreateTaskInput['task_type'];
};

export interface CreateOptions {
  readonly source?: Omit<RecordSource, 'reference'> | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Creates tasks in one organization as one user (see `creatorFor`). */
export interface TaskCreator {
  readonly orgId: string;
  readonly userId: number;
  readonly userName: string;
  create(request: CreateTaskRequest, options?: CreateOptions): Promise<TaskRecord>;
}

export interface CreationDeps {
  readonly tasks: TaskService;
  readonly session: Session;
  readonly log: Logger;
}

/**
 * Creates tasks for the session as it is now: the organization, the user and the token stay those of
 * this moment (a run of many creates does not move to another organization halfway).
 */
export function creatorFor(deps: CreationDeps): TaskCreator {
  const { tasks, log } = deps;
  const { client, orgId, state } = requireClient(deps.session);
  const create: TaskCreator['create'] = async (request, options = {}) => {
    const input: Record<string, unknown> = {
      ...request,
      task_type: request.task_type ?? 'task',
      owners: request.owners ?? { users: [state.identity.userId] },
      deadline: request.deadline ?? tasks.defaultDeadline(),
    };
    tasks.noteAttempt(request.title);
    const task: Task = await client.createTask(orgId, input, { signal: options.signal });
    log.info(`Created task ${task.id} in organization ${orgId}.`);
    const record = taskToRecord(task, {
      orgId,
      baseUrl: state.identity.baseUrl,
      source: options.source && { ...options.source, reference: formatReference(task.id) },
      names: { users: new Map([[state.identity.userId, state.identity.userName]]) },
    });
    return tasks.records.add(record);
  };
  return { orgId, userId: state.identity.userId, userName: state.identity.userName, create };
}

/** Fills the defaults, validates, creates the task once, and records it. */
export function createTask(deps: CreationDeps, request: CreateTaskRequest, options: CreateOptions = {}): Promise<TaskRecord> {
  return creatorFor(deps).create(request, options);
}

/**
 * After a create whose outcome is unknown: the one-off tasks with that title created since shortly
 * before this window last sent it (or, when it did not, within the last day), newest first.
 */
export function findPossiblyCreated(deps: Pick<CreationDeps, 'tasks' | 'session'>, title: string, signal?: AbortSignal): Promise<PossiblyCreated> {
  const { client, orgId } = requireClient(deps.session);
  const attemptedAt = deps.tasks.lastAttempt(title) ?? new Date(Date.now() - 86_400_000);
  return findInTallyfy(client, orgId, title, attemptedAt, { signal });
}

/** The titles of the organization's newest one-off tasks (one page), to flag TODOs that have a task already. */
export async function recentTaskTitles(session: Session, signal?: AbortSignal): Promise<string[]> {
  const { client, orgId } = requireClient(session);
  const page = await client.listTasks(orgId, { isOneoff: true, sort: 'newest', perPage: 100, signal });
  return page.items.map((task) => task.title);
}
