import * as vscode from 'vscode';
import { defaultDeadline } from '../core/deadline';
import { ianaZone, localZone, type ZoneOffset } from '../core/zone';
import { RecordStore, taskToRecord, type RecordSource, type TaskRecord } from '../core/records';
import { findPossiblyCreated, type PossiblyCreated } from '../core/tasks';
import { type CreateTaskInput, type Task } from '../core/tallyfy';
import { userError } from './errors';
import { formatReference } from '../core/todo';
import type { Session } from './auth/session';
import type { Logger } from './log';
import type { SettingsReader } from './settings';

/** What a create call may leave out: the assignee defaults to the signed-in user, the deadline to the setting. */
export type CreateTaskRequest = Omit<CreateTaskInput, 'owners' | 'deadline' | 'task_type'> & {
  owners?: CreateTaskInput['owners'];
  deadline?: CreateTaskInput['deadline'];
  task_type?: CreateTaskInput['task_type'];
};

/** Creates tasks in one organization as one user (see `TaskService.creator`). */
export interface TaskCreator {
  readonly orgId: string;
  readonly userId: number;
  readonly userName: string;
  create(
    request: CreateTaskRequest,
    options?: { source?: Omit<RecordSource, 'reference'> | undefined; signal?: AbortSignal | undefined },
  ): Promise<TaskRecord>;
}

/**
 * Creates tasks and keeps their records: the one way every entry point (public API, quick create, the
 * form) creates a task, so defaults, logging and the records are the same for all.
 */
export class TaskService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTasks = this.changed.event;
  private readonly subscription: { dispose(): void };
  /** When a create with each title was last sent (to look for it after an unknown outcome). */
  private readonly attempts = new Map<string, Date>();
  private formZone: string | undefined;

  constructor(
    readonly records: RecordStore,
    private readonly session: Session,
    private readonly settings: SettingsReader,
    private readonly log: Logger,
  ) {
    this.subscription = records.onDidChange(() => this.changed.fire());
  }

  /**
   * The default deadline of a new task, the same on every path (the form, the quick create, the API):
   * `tallyfy.defaultDeadlineDays` ahead at 17:00 in the user's zone.
   */
  defaultDeadline(now: Date = new Date()): Date {
    return defaultDeadline(this.settings.get('defaultDeadlineDays'), this.userZone(), now);
  }

  /**
   * The user's time zone: their Tallyfy profile's, else the one the task form's page last reported (the
   * user's machine), else the extension host's (which over SSH or in a container is often UTC).
   */
  userZone(): ZoneOffset {
    return this.namedUserZone()?.zone ?? localZone;
  }

  /** The IANA name of `userZone()`, or undefined for the extension host's own. */
  userTimeZone(): string | undefined {
    return this.namedUserZone()?.name;
  }

  /** The first of the profile's and the form's zones that this runtime knows. */
  private namedUserZone(): { readonly name: string; readonly zone: ZoneOffset } | undefined {
    const state = this.session.state;
    for (const name of [state.kind === 'signed-in' ? state.identity.timeZone : undefined, this.formZone]) {
      const zone = name === undefined || name === '' ? undefined : ianaZone(name);
      if (zone !== undefined && name !== undefined) return { name, zone };
    }
    return undefined;
  }

  /** The zone a task form's page reported (kept for this window's life). */
  rememberFormZone(timeZone: string): void {
    this.formZone = timeZone;
  }

  /** The records, newest first (empty until the file has loaded; see `load`). */
  createdTasks(): readonly TaskRecord[] {
    return this.records.snapshot();
  }

  async load(): Promise<void> {
    await this.records.all();
    for (const warning of this.records.warnings) {
      this.log.warn(warning);
    }
    this.changed.fire();
  }

  /** Fills the defaults, validates, creates the task once, and records it. */
  async create(
    request: CreateTaskRequest,
    options: { source?: Omit<RecordSource, 'reference'> | undefined; signal?: AbortSignal | undefined } = {},
  ): Promise<TaskRecord> {
    return this.creator().create(request, options);
  }

  /**
   * Creates tasks for the session as it is now: the organization, the user and the token stay those of
   * this moment (a run of many creates does not move to another organization halfway).
   */
  creator(): TaskCreator {
    const { client, orgId, state } = this.session.requireOrganization();
    const create: TaskCreator['create'] = async (request, options = {}) => {
      const input: Record<string, unknown> = {
        ...request,
        task_type: request.task_type ?? 'task',
        owners: request.owners ?? { users: [state.identity.userId] },
        deadline: request.deadline ?? this.defaultDeadline(),
      };
      this.attempts.set(request.title.trim(), new Date());
      const task: Task = await client.createTask(orgId, input, { signal: options.signal });
      this.log.info(`Created task ${task.id} in organization ${orgId}.`);
      const record = taskToRecord(task, {
        orgId,
        baseUrl: state.identity.baseUrl,
        source: options.source && { ...options.source, reference: formatReference(task.id) },
        names: { users: new Map([[state.identity.userId, state.identity.userName]]) },
      });
      return this.records.add(record);
    };
    return { orgId, userId: state.identity.userId, userName: state.identity.userName, create };
  }

  /**
   * After a create whose outcome is unknown: the one-off tasks with that title created since shortly
   * before this window last sent it (or, when it did not, within the last day), newest first.
   */
  async findPossiblyCreated(title: string, signal?: AbortSignal): Promise<PossiblyCreated> {
    const { client, orgId } = this.session.requireOrganization();
    const attemptedAt = this.attempts.get(title.trim()) ?? new Date(Date.now() - 86_400_000);
    return findPossiblyCreated(client, orgId, title, attemptedAt, { signal });
  }

  /** The titles of the organization's newest one-off tasks (one page), to flag TODOs that have a task already. */
  async recentTaskTitles(signal?: AbortSignal): Promise<string[]> {
    const { client, orgId } = this.session.requireOrganization();
    const page = await client.listTasks(orgId, { isOneoff: true, sort: 'newest', perPage: 100, signal });
    return page.items.map((task) => task.title);
  }

  /** The record of a task id, when this workspace has one. */
  find(id: string): TaskRecord | undefined {
    return this.records.snapshot().find((record) => record.id === id);
  }

  /** Moves a record's link to the line its TODO is on now. */
  async linkedAt(id: string, line: number): Promise<void> {
    await this.records.update(id, (record) => (record.source ? { ...record, source: { ...record.source, line } } : record));
  }

  /**
   * Adds a task found in Tallyfy to the records (after "Check for the task", a link to an existing task,
   * or a task found in the workspace's TODOs, which `linkedInCode` marks).
   */
  async adopt(task: Task, source?: Omit<RecordSource, 'reference'>, options: { readonly linkedInCode?: boolean } = {}): Promise<TaskRecord> {
    const state = this.session.state;
    if (state.kind !== 'signed-in') {
      throw userError('signed-out', vscode.l10n.t('You are not signed in to Tallyfy.'));
    }
    const record = taskToRecord(task, {
      orgId: state.orgId,
      baseUrl: state.identity.baseUrl,
      source: source && { ...source, reference: formatReference(task.id) },
    });
    return this.records.add(options.linkedInCode === true ? { ...record, linkedInCode: true } : record);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
