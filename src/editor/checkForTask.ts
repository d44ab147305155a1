import * as vscode from 'vscode';
import type { RecordSource, TaskRecord } from '../core/records';
import { stateLabel } from './tasks/statusText';
import type { Session } from './auth/session';
import { findPossiblyCreated } from './taskCreation';
import type { TaskService } from './taskService';

export type CheckOutcome =
  | { readonly kind: 'found'; readonly record: TaskRecord }
  | { readonly kind: 'create-again' }
  | { readonly kind: 'dismissed' };

/**
 * After a create whose outcome is unknown: lists the user's recent tasks with that title so the user can
 * pick the one that was created (it then joins the list), or choose knowingly to create it again.
 */
export async function checkForTask(deps: { tasks: TaskService; session: Session }, title: string, source?: Omit<RecordSource, 'reference'>): Promise<CheckOutcome> {
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for "{0}" in Tallyfy…', title), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return findPossiblyCreated(deps, title, controller.signal);
    },
  );
  type Item = vscode.QuickPickItem & { run: () => Promise<CheckOutcome> };
  const items: Item[] = found.tasks.map((task) => ({
    label: `$(tasklist) ${task.title}`,
    description: task.createdAt ? new Date(task.createdAt).toLocaleString() : '',
    detail: vscode.l10n.t('Task {0} · {1}', task.id, task.archivedAt === undefined ? task.status : stateLabel('archived')),
    run: async () => ({ kind: 'found', record: await deps.tasks.adopt(task, source) }),
  }));
  items.push({
    label: `$(add) ${vscode.l10n.t('Create it again')}`,
    detail: found.tasks.length > 0
      ? vscode.l10n.t('None of these is the one: create a new task.')
      : found.complete
        ? vscode.l10n.t('No task with this title was created since the attempt: it was not created.')
        : vscode.l10n.t('Not found among the {0} newest one-off tasks, but there are more: look in Tallyfy before creating it again.', found.read),
    run: () => Promise.resolve({ kind: 'create-again' }),
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Was the task created?'),
    placeHolder: found.tasks.length > 0
      ? vscode.l10n.t('Pick the task that was created, so it is not created twice')
      : found.complete
        ? vscode.l10n.t('No task with this title was created since the attempt')
        : vscode.l10n.t('No task with this title among the newest one-off tasks; Tallyfy has more'),
    ignoreFocusOut: true,
  });
  return picked ? picked.run() : { kind: 'dismissed' };
}
