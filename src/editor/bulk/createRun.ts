import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { AlreadyLinked, BulkRun, type BulkDefaults, type BulkRunEnd, type ReviewRow, type RowState } from '../../core/bulk';
import { buildDescription } from '../../core/form';
import { isTallyfyError } from '../../core/tallyfy';
import { localToInstant, instantToLocal } from '../../core/zone';
import type { Session } from '../auth/session';
import { describeError, userError } from '../errors';
import type { DocumentTodos } from '../todos/documents';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import { creatorFor, findPossiblyCreated, type CreateTaskRequest, type TaskCreator } from '../taskCreation';
import type { TaskService } from '../taskService';
import { sourceInput } from '../todos/source';
import { TodoTrackers, writeBackReference, type TrackedTodo } from '../todos/writeBack';

export interface RunDeps {
  readonly tasks: TaskService;
  readonly session: Session;
  readonly settings: SettingsReader;
  readonly todos: DocumentTodos;
  readonly log: Logger;
}

/** The create request of a row with the review's shared defaults. */
function requestOf(
  row: ReviewRow,
  defaults: BulkDefaults,
  owners: readonly number[] | undefined,
  deadline: Date,
  document: vscode.TextDocument,
  tracked: TrackedTodo,
  settings: SettingsReader,
): CreateTaskRequest {
  const line = tracked.expectedLine;
  const request: CreateTaskRequest = {
    title: row.title.trim(),
    description: buildDescription(row.description, sourceInput(document, { start: { line }, end: { line } }, settings)),
    task_type: defaults.taskType,
    deadline,
  };
  // The owners the TODO names win over the review's shared assignee.
  if (owners !== undefined && owners.length > 0) request.owners = { users: [...owners] };
  else if (defaults.assignee !== undefined) request.owners = { users: [defaults.assignee] };
  if (defaults.tags.length > 0) request.tags = defaults.tags;
  return request;
}

/** The deadline the defaults name: their date at the default deadline's time, in the user's zone. */
export function deadlineOf(defaults: BulkDefaults, tasks: TaskService): Date {
  const zone = tasks.userZone();
  const { time } = instantToLocal(tasks.defaultDeadline(), zone);
  return localToInstant(defaults.deadline, time, zone) ?? tasks.defaultDeadline();
}

/**
 * Writes a task's reference into its TODO (a file that had no unsaved changes is saved again) and moves
 * the record's link to the line it is on; whether the reference is there.
 */
export async function writeAndLink(deps: Pick<RunDeps, 'tasks' | 'settings' | 'todos' | 'log'>, todo: TrackedTodo, taskId: string): Promise<boolean> {
  const written = await writeBackReference(todo, taskId, deps, { saveIfClean: true });
  if (written.kind !== 'written' && written.kind !== 'already-there') return false;
  await deps.tasks.linkedAt(taskId, written.line);
  return true;
}

/** Whether the session is still the one a run started with. */
function sameSession(session: Session, creator: TaskCreator): boolean {
  const state = session.state;
  return state.kind === 'signed-in' && state.orgId === creator.orgId && state.identity.userId === creator.userId;
}

/**
 * Creates the given rows' tasks and writes each reference into its TODO as soon as the task exists:
 * one undo step each, a file that had no unsaved changes saved again (as refactorings do). The
 * organization and user are fixed at the start; a sign-out or a change of organization stops the run.
 */
export async function createRows(
  deps: RunDeps,
  rows: readonly ReviewRow[],
  defaults: BulkDefaults,
  events: {
    onRow(key: string, state: RowState): void;
    onSettled(key: string): void;
    onStart(run: BulkRun): void;
    /** The members a row's TODO names (`TODO(alice)`), when they matched. */
    ownersOf(key: string): readonly number[] | undefined;
  },
): Promise<BulkRunEnd> {
  const { tasks, session, settings, log } = deps;
  const creator = creatorFor(deps);
  const deadline = deadlineOf(defaults, tasks);
  const trackers = new TodoTrackers();
  const byKey = new Map(rows.map((row) => [row.key, { row, todo: trackers.track(vscode.Uri.parse(row.uri), row.line, { keyword: row.keyword, title: row.todoTitle }) }]));
  /** Write-backs to one file one after another, so each sees whether the file had unsaved changes. */
  const fileQueues = new Map<string, Promise<unknown>>();
  const rowOf = (key: string): { row: ReviewRow; todo: TrackedTodo } => {
    const entry = byKey.get(key);
    if (entry === undefined) throw new Error(`No row ${key} in this run.`);
    return entry;
  };
  const run = new BulkRun(
    {
      create: async (key) => {
        const { row, todo } = rowOf(key);
        const document = await vscode.workspace.openTextDocument(todo.uri);
        // The TODO as it is now: linked meanwhile (another window's run), or gone, nothing is sent.
        const current = deps.todos.refind(document, {
          line: todo.expectedLine,
          keyword: row.keyword,
          title: row.todoTitle,
        });
        if (current === undefined) throw userError('validation', vscode.l10n.t('This TODO changed or was removed after the review was made: nothing was sent. Look at it again.'));
        const [linked] = current.references;
        if (linked !== undefined) throw new AlreadyLinked(linked);
        const record = await creator.create(requestOf(row, defaults, events.ownersOf(key), deadline, document, todo, settings), {
          source: { uri: row.uri, line: todo.expectedLine },
        });
        return record.id;
      },
      link: (key, taskId) => {
        const { row, todo } = rowOf(key);
        const previous = fileQueues.get(row.uri) ?? Promise.resolve();
        const next = previous.then(() => writeAndLink(deps, todo, taskId));
        fileQueues.set(row.uri, next.catch(() => undefined));
        return next;
      },
      settleUnknown: async (key, error) => {
        // Tallyfy answered with a server error: its handling of the request is over, so one read tells
        // whether the task exists. A dropped connection may still be creating it: only the user looks then.
        if (!isTallyfyError(error) || error.status === undefined) return 'unknown';
        const found = await findPossiblyCreated(deps, rowOf(key).row.title.trim());
        log.info(`After HTTP ${error.status} for "${key}": ${found.tasks.length} task(s) with its title, search ${found.complete ? 'complete' : 'incomplete'}.`);
        return found.tasks.length === 0 && found.complete ? 'not-created' : 'unknown';
      },
      describe: (error) => describeError(error).message,
    },
    { onRow: (key, state) => events.onRow(key, state), onSettled: (key) => events.onSettled(key) },
  );
  const watch = session.onDidChange(() => {
    if (!sameSession(session, creator)) {
      run.stop(
        session.state.kind === 'signed-in'
          ? vscode.l10n.t('The Tallyfy organization or user changed, so the run stopped. The rest are kept: "Retry failed" creates them in the organization now chosen.')
          : vscode.l10n.t('You were signed out of Tallyfy, so the run stopped. The rest are kept: sign in, then "Retry failed" creates them.'),
      );
    }
  });
  events.onStart(run);
  // What the run costs the extension host: its longest pause, for the log (and the benchmark).
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const end = await run.start(rows.map((row) => row.key));
    const used = process.cpuUsage(cpu);
    log.info(
      `Create Tasks from TODOs: ${rows.length} rows, ${run.sent} requests, ended ${end.kind}, run in ${(performance.now() - started).toFixed(0)} ms, ` +
        `extension host CPU ${((used.user + used.system) / 1000 / Math.max(1, rows.length)).toFixed(2)} ms per row, ` +
        `event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, longest ${(delay.max / 1e6).toFixed(1)} ms.`,
    );
    return end;
  } finally {
    delay.disable();
    watch.dispose();
    trackers.dispose();
  }
}
