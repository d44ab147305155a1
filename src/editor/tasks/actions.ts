import * as vscode from 'vscode';
import { assignedTaskId } from '../../core/assigned/nodes';
import { Commands, Views, type CommandId } from '../../core/contract';
import { answerFor, type MergeSummary, type TaskRecord } from '../../core/records';
import { isOpen, refreshRecords, type TaskNode, type TaskReader } from '../../core/tasks';
import { isTallyfyError } from '../../core/tallyfy';
import type { TodoComment } from '../../core/todo';
import { clientFor } from '../auth/clients';
import type { Session } from '../auth/session';
import type { CommandHandler } from '../commands';
import { describeError, userError } from '../errors';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import type { DocumentTodos } from '../todos/documents';
import { askApproval } from './approval';
import { scheduleBackgroundRefresh } from './backgroundRefresh';
import type { TasksView } from './view';

export interface TaskActionDeps {
  readonly tasks: TaskService;
  readonly session: Session;
  readonly settings: SettingsReader;
  readonly log: Logger;
  readonly view: TasksView;
  readonly todos: DocumentTodos;
}

/** The record a command acts on: a row of a view, a task id, or (from the palette) none. */
function recordOf(arg: unknown, tasks: TaskService): TaskRecord | undefined {
  if (typeof arg === 'string') return tasks.find(arg);
  // A row of a referenced task not read yet has no record; its TODO can still be shown.
  if (arg !== null && typeof arg === 'object' && (arg as TaskNode).kind === 'task') return tasks.find((arg as TaskNode).id) ?? (arg as TaskNode).record;
  // A row of "Assigned to Me" whose task has a record (Go to TODO).
  const assigned = assignedTaskId(arg);
  return assigned === undefined ? undefined : tasks.find(assigned);
}

/** Finds a record's TODO: by its reference in the file, near the line it was last seen on. */
async function locateTodo(record: TaskRecord, todos: DocumentTodos): Promise<{ document: vscode.TextDocument; todo: TodoComment | undefined }> {
  const source = record.source!;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source.uri));
  const near = todos
    .inRange(document, new vscode.Range(Math.max(0, source.line - 2), 0, Math.min(document.lineCount - 1, source.line + 2), 0))
    .find((t) => t.references.includes(record.id));
  if (near !== undefined) return { document, todo: near };
  // Lines moved: look for the reference anywhere in the file, then confirm it is in a TODO there.
  const at = document.getText().indexOf(`tallyfy:${record.id}`);
  if (at < 0) return { document, todo: undefined };
  const line = document.positionAt(at).line;
  const found = todos.inRange(document, new vscode.Range(line, 0, line, 0)).find((t) => t.references.includes(record.id));
  return { document, todo: found };
}

/** The record as it is now (a tree node's copy may be older). */
export function latestOf(tasks: TaskService, record: TaskRecord): TaskRecord {
  return tasks.find(record.id) ?? record;
}

/** Takes in the task as Tallyfy has it now, merged into the record as it is when the answer comes. */
async function takeAnswer(deps: Pick<TaskActionDeps, 'tasks' | 'session'>, record: TaskRecord, signal: AbortSignal): Promise<void> {
  const asked = latestOf(deps.tasks, record);
  const task = await clientFor(deps.session, record.baseUrl).getTask(record.orgId, record.id, { runId: record.runId, signal });
  await deps.tasks.records.merge([answerFor(asked, task)]);
}

/**
 * Completes tasks that need no decision (not approvals), through each one's own routes, and takes in
 * Tallyfy's answers. Each is sent once; returns the ones that failed with their errors.
 */
export async function completeRecords(
  deps: Pick<TaskActionDeps, 'tasks' | 'session'>,
  records: readonly TaskRecord[],
  signal: AbortSignal,
): Promise<Array<{ record: TaskRecord; error: unknown }>> {
  const failed: Array<{ record: TaskRecord; error: unknown }> = [];
  for (const record of records) {
    if (record.taskType === 'approval') throw new RangeError(`Task ${record.id} is an approval: it needs a decision.`);
    try {
      await clientFor(deps.session, record.baseUrl).completeTask(record.orgId, record.id, { runId: record.runId, signal });
      await takeAnswer(deps, record, signal);
    } catch (error) {
      failed.push({ record, error });
    }
  }
  return failed;
}

/** The handlers of the task commands (the Tasks view's menus, the hover's links, the palette). */
export function taskActions(deps: TaskActionDeps): Partial<Record<CommandId, CommandHandler>> {
  const { tasks, session, log, view } = deps;
  const withRecord = (run: (record: TaskRecord) => Thenable<unknown>) => async (arg: unknown) => {
    const record = recordOf(arg, tasks);
    if (record === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose a task in the Tallyfy view first.'));
      return;
    }
    await run(record);
  };
  const progress = <T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> =>
    vscode.window.withProgress({ location: { viewId: Views.tasks }, title }, () => {
      const controller = new AbortController();
      return work(controller.signal);
    });
  const afterChange = (record: TaskRecord, signal: AbortSignal): Promise<void> => takeAnswer(deps, record, signal);

  /** The record as Tallyfy has it now; a task Tallyfy no longer has is marked, not dropped. */
  const refreshOrMarkDeleted = async (record: TaskRecord, signal: AbortSignal): Promise<void> => {
    const asked = latestOf(tasks, record);
    try {
      await afterChange(record, signal);
    } catch (error) {
      if (!isTallyfyError(error, 'not-found')) throw error;
      await tasks.records.merge([answerFor(asked, undefined)]);
    }
  };

  const revealTodo = withRecord(async (record) => {
    if (record.source === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" was not created from a TODO.', record.title));
      return;
    }
    let located;
    try {
      located = await locateTodo(record, deps.todos);
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('The file of "{0}" could not be opened: it was moved or deleted.', record.title));
      return;
    }
    const { document, todo } = located;
    if (todo === undefined) {
      const remove = vscode.l10n.t('Remove from This List');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The TODO of "{0}" is no longer in {1}: its reference was removed.', record.title, vscode.workspace.asRelativePath(document.uri)),
        remove,
      );
      if (choice === remove) await tasks.records.remove(record.id);
      return;
    }
    const range = new vscode.Range(todo.range.start.line, todo.range.start.character, todo.range.start.line, todo.range.start.character);
    await vscode.window.showTextDocument(document, { selection: range, preview: true });
    if (todo.range.start.line !== record.source.line) await tasks.linkedAt(record.id, todo.range.start.line);
  });

  const complete = withRecord(async (record) => {
    let isApproved: boolean | undefined;
    if (record.taskType === 'approval') {
      isApproved = await askApproval(record.title);
      if (isApproved === undefined) return;
    }
    await progress(vscode.l10n.t('Completing "{0}"…', record.title), async (signal) => {
      await clientFor(session, record.baseUrl).completeTask(record.orgId, record.id, { runId: record.runId, isApproved, signal });
      await afterChange(record, signal);
    });
  });

  const reopen = withRecord((record) =>
    progress(vscode.l10n.t('Reopening "{0}"…', record.title), async (signal) => {
      await clientFor(session, record.baseUrl).reopenTask(record.orgId, record.id, { runId: record.runId, signal });
      await afterChange(record, signal);
    }),
  );

  const archive = withRecord(async (record) => {
    if (record.runId !== undefined && record.runId !== '') {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('"{0}" is part of a process: Tallyfy archives it only with its whole process, in Tallyfy.', record.title),
      );
      return;
    }
    await progress(vscode.l10n.t('Archiving "{0}"…', record.title), async (signal) => {
      await clientFor(session, record.baseUrl).archiveTask(record.orgId, record.id, { signal });
      await refreshOrMarkDeleted(record, signal);
    });
  });

  const restore = withRecord((record) =>
    progress(vscode.l10n.t('Restoring "{0}"…', record.title), async (signal) => {
      await clientFor(session, record.baseUrl).restoreTask(record.orgId, record.id, { signal });
      await refreshOrMarkDeleted(record, signal);
    }),
  );

  const remove = withRecord(async (record) => {
    const confirm = vscode.l10n.t('Delete Permanently');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete "{0}" from Tallyfy permanently?', record.title),
      { modal: true, detail: vscode.l10n.t('This cannot be undone. To keep the task but hide it, archive it instead.') },
      confirm,
    );
    if (choice !== confirm) return;
    await progress(vscode.l10n.t('Deleting "{0}"…', record.title), async (signal) => {
      await clientFor(session, record.baseUrl).deleteTask(record.orgId, record.id, { signal });
      await tasks.records.merge([answerFor(record, undefined, { confirmed: true })]);
    });
  });

  const refreshOne = withRecord((record) =>
    progress(vscode.l10n.t('Refreshing "{0}"…', record.title), (signal) => refreshOrMarkDeleted(record, signal)),
  );

  const refreshAll = (): Thenable<void> =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Refreshing Tallyfy tasks'), cancellable: true },
      async (report, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        const records = await tasks.records.all();
        let last = 0;
        const result = await refreshRecords(records, {
          clientFor: (baseUrl): TaskReader => clientFor(session, baseUrl),
          signal: controller.signal,
          onProgress: ({ done, total }) => {
            const percent = total === 0 ? 100 : (done / total) * 100;
            report.report({ increment: percent - last, message: vscode.l10n.t('{0} of {1}', done, total) });
            last = percent;
          },
        });
        const merged = await tasks.records.merge(result.answers);
        const s = result.summary;
        log.info(
          `Refreshed ${s.updated} tasks, ${s.deleted} deleted in Tallyfy, ${s.failed.length} failed, with ${s.requests.total} requests; ${describeMerge(merged)}.`,
        );
        const [failure] = s.failed;
        if (failure !== undefined) {
          void vscode.window.showWarningMessage(
            vscode.l10n.t('{0} tasks could not be refreshed: {1}', s.failed.length, describeError(failure.error).message),
          );
        }
      },
    );

  return {
    [Commands.revealTodo]: revealTodo,
    [Commands.completeTask]: complete,
    [Commands.reopenTask]: reopen,
    [Commands.archiveTask]: archive,
    [Commands.restoreTask]: restore,
    [Commands.deleteTask]: remove,
    [Commands.refreshTask]: refreshOne,
    [Commands.removeFromList]: withRecord(async (record) => {
      await tasks.records.remove(record.id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Removed "{0}" from the list; Tallyfy is unchanged.', record.title), 4000);
    }),
    [Commands.refreshTasks]: async () => {
      if (session.state.kind !== 'signed-in') {
        throw userError('signed-out', vscode.l10n.t('Sign in to Tallyfy to refresh the tasks.'));
      }
      await refreshAll();
    },
    [Commands.groupByFile]: () => view.setGrouping('file'),
    [Commands.showFlat]: () => view.setGrouping('flat'),
  };
}

/** What a refresh's merge did, for the log. */
function describeMerge(merged: MergeSummary): string {
  return `${merged.applied} changed, ${merged.unchanged} unchanged, ${merged.dropped} older than the record, ${merged.missing} no longer listed`;
}

/**
 * Background refresh of open tasks: when the window regains focus and every
 * `tallyfy.autoRefreshMinutes`, within a request budget, backing off after a 429.
 */
export function registerAutoRefresh(deps: Pick<TaskActionDeps, 'tasks' | 'session' | 'settings' | 'log'>): vscode.Disposable {
  const { tasks, session, settings, log } = deps;
  return scheduleBackgroundRefresh(settings, {
    ready: () => session.state.kind === 'signed-in',
    run: async (budget) => {
      const open = tasks.createdTasks().filter(isOpen);
      if (open.length === 0) return { requests: 0, rateLimited: false };
      try {
        const result = await refreshRecords(open, {
          mode: 'background',
          requestBudget: budget,
          clientFor: (baseUrl) => clientFor(session, baseUrl),
        });
        const merged = await tasks.records.merge(result.answers);
        log.debug(`Background refresh: ${result.summary.updated} answered with ${result.summary.requests.total} requests; ${describeMerge(merged)}.`);
        return {
          requests: result.summary.requests.total,
          rateLimited: result.summary.rateLimited,
          ...(result.summary.retryAfterSeconds !== undefined ? { retryAfterSeconds: result.summary.retryAfterSeconds } : {}),
        };
      } catch (error) {
        log.warn(`Background refresh failed: ${error instanceof Error ? error.message : String(error)}`);
        return { requests: 0, rateLimited: false };
      }
    },
  });
}
