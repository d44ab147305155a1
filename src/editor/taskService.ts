import * as vscode from 'vscode';
import { defaultDeadline } from '../core/deadline';
import { ianaZone, localZone, type ZoneOffset } from '../core/zone';
import { answerFor, taskToRecord, type RecordSource, type RecordStore, type TaskRecord } from '../core/records';
import type { Task } from '../core/tallyfy/schema';
import { userError } from './errors';
import { formatReference } from '../core/todo/references';
import type { Session } from './auth/session';
import type { Logger } from './log';
import type { SettingsReader } from './settings';

/**
 * The task records and what every create shares: the default deadline, the user's zone, and when each
 * title was last sent. The creates themselves are in taskCreation.ts (loaded with the parts that create).
 */
export class TaskService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTasks = this.changed.event;
  private readonly edited = new vscode.EventEmitter<Task>();
  /** A task was changed from here (Edit in its details), as Tallyfy answered the change. */
  readonly onDidEditTask = this.edited.event;
  private readonly subscription: { dispose(): void };
  /** When a create with each title was last sent. */
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

  /** Notes that a create with this title is being sent (to look for it after an unknown outcome). */
  noteAttempt(title: string): void {
    this.attempts.set(title.trim(), new Date());
  }

  /** When a create with this title was last sent from this window. */
  lastAttempt(title: string): Date | undefined {
    return this.attempts.get(title.trim());
  }

  /** The record of a task id, when this workspace has one. */
  find(id: string): TaskRecord | undefined {
    return this.records.snapshot().find((record) => record.id === id);
  }

  /** Says that `task` was changed from here, as Tallyfy answered: its record (when there is one) takes the answer. */
  async tookEdit(task: Task): Promise<void> {
    const record = this.find(task.id);
    if (record !== undefined) await this.records.merge([answerFor(record, task)]);
    this.edited.fire(task);
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
    this.edited.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
