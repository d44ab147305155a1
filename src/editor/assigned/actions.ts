// What "Assigned to Me" does: Refresh (asked for, on window focus and every `tallyfy.autoRefreshMinutes`,
// within the background refresh's request budget), Load more, and Complete (an approval asks approve or
// reject; a process task goes through its run's routes). A task with a record completes as the Tasks
// view completes it, so the record follows.
import * as vscode from 'vscode';
import { assignedTaskOf } from '../../core/assigned';
import { Commands, Views, type CommandId } from '../../core/contract';
import { isTallyfyError, type Task } from '../../core/tallyfy';
import { requireClient } from '../auth/clients';
import type { Session } from '../auth/session';
import type { CommandHandler } from '../commands';
import { userError } from '../errors';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import { askApproval } from '../tasks/approval';
import { scheduleBackgroundRefresh } from '../tasks/backgroundRefresh';
import type { AssignedView } from './view';

export interface AssignedActionDeps {
  readonly session: Session;
  readonly tasks: TaskService;
  readonly settings: SettingsReader;
  readonly log: Logger;
  readonly view: AssignedView;
}

export function assignedActions(deps: AssignedActionDeps): Partial<Record<CommandId, CommandHandler>> {
  const { view } = deps;
  const progress = <T>(title: string, work: () => Promise<T>): Thenable<T> => vscode.window.withProgress({ location: { viewId: Views.assigned }, title }, work);
  return {
    [Commands.refreshAssigned]: async () => {
      if (!view.signedIn) throw userError('signed-out', vscode.l10n.t('Sign in to Tallyfy to see the tasks assigned to you.'));
      await progress(vscode.l10n.t('Reading the tasks assigned to you…'), () => view.refresh());
    },
    [Commands.loadMoreAssigned]: () => progress(vscode.l10n.t('Reading more tasks assigned to you…'), () => view.loadMore()),
    [Commands.completeAssignedTask]: (arg) => completeAssigned(deps, arg),
  };
}

async function completeAssigned(deps: AssignedActionDeps, arg: unknown): Promise<void> {
  const { view, tasks } = deps;
  const row = assignedTaskOf(arg);
  const task = row === undefined ? undefined : view.find(row.id);
  if (row === undefined || task === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a task in "Assigned to Me" first.'));
    return;
  }
  if (tasks.find(task.id) !== undefined) {
    // The Tasks view's Complete: the record takes Tallyfy's answer, and this view follows it.
    await vscode.commands.executeCommand(Commands.completeTask, task.id);
    return;
  }
  let isApproved: boolean | undefined;
  if (task.taskType === 'approval') {
    isApproved = await askApproval(task.title);
    if (isApproved === undefined) return;
  }
  await vscode.window.withProgress({ location: { viewId: Views.assigned }, title: vscode.l10n.t('Completing "{0}"…', task.title) }, async () => {
    const { client, orgId } = requireClient(deps.session);
    const answer = await client.completeTask(orgId, task.id, { runId: task.runId, isApproved });
    view.update(answer ?? completedCopy(task));
  });
}

/** The task as completed, when Tallyfy's answer did not carry it. */
function completedCopy(task: Task): Task {
  return { ...task, status: 'completed', completedAt: new Date().toISOString(), isCompleted: true };
}

/**
 * Reads "Assigned to Me" again when the window regains focus and every `tallyfy.autoRefreshMinutes`,
 * with a policy of its own on the same rules as the Tasks view's: a share of Tallyfy's rate limit per
 * minute, a cap per run (the pages shown), and back-off after a 429.
 */
export function registerAssignedRefresh(deps: Pick<AssignedActionDeps, 'settings' | 'log' | 'view'>): vscode.Disposable {
  const { settings, log, view } = deps;
  return scheduleBackgroundRefresh(settings, {
    ready: () => view.signedIn,
    run: async (budget) => {
      try {
        return { requests: await view.refresh(budget), rateLimited: false };
      } catch (error) {
        const rateLimited = isTallyfyError(error, 'rate-limited');
        const retryAfterSeconds = rateLimited ? error.retryAfterSeconds : undefined;
        log.debug(`Background refresh of Assigned to Me failed: ${error instanceof Error ? error.message : String(error)}`);
        return { requests: 1, rateLimited, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
      }
    },
  });
}
