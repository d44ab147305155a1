// "Link TODO to Tallyfy Task…": links an unlinked TODO to a task that already exists instead of creating
// one. A quick pick lists your assigned tasks, then the organization's newest one-off tasks, filtered as
// you type; a pasted id, `tallyfy:<id>` or Tallyfy link names any task. The reference is written as a
// create writes it, and the task joins the records (a process task with its run, for its routes).
import * as vscode from 'vscode';
import { pastedTaskId } from '../../core/linked';
import type { TaskRecord } from '../../core/records';
import { isTallyfyError, type Task, type TallyfyClient } from '../../core/tallyfy';
import { describeError, userError } from '../errors';
import { requireClient } from '../auth/clients';
import type { Session } from '../auth/session';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import { resolveTarget } from '../todos/createFromTodo';
import type { DocumentTodos } from '../todos/documents';
import { TodoTracker, writeBackReference } from '../todos/writeBack';

export interface LinkDeps {
  readonly tasks: TaskService;
  readonly session: Session;
  readonly settings: SettingsReader;
  readonly todos: DocumentTodos;
  readonly log: Logger;
}

/** Tasks listed per group before typing narrows them. */
const LISTED = 50;

type TaskItem = vscode.QuickPickItem & { readonly taskId?: string };

export async function linkTodoToTask(deps: LinkDeps, args: readonly unknown[]): Promise<TaskRecord | undefined> {
  const { tasks, session, log } = deps;
  const target = await resolveTarget(args, deps.todos);
  if (target === undefined) return undefined;
  const todo = target.todo;
  if (todo === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor on a TODO comment to link it to a Tallyfy task.'));
    return undefined;
  }
  const [linked] = todo.references;
  if (linked !== undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This TODO is already linked to Tallyfy task {0}.', linked));
    return undefined;
  }
  const { client, orgId } = requireClient(session);
  const id = await pickTask(client, orgId, log);
  if (id === undefined) return undefined;
  const task = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading Tallyfy task {0}…', id) },
    () => readTask(client, orgId, id),
  );
  const tracker = new TodoTracker(target.document.uri, todo);
  try {
    const written = await writeBackReference(tracker, task.id, deps);
    if (written.kind === 'not-found') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The TODO was changed or removed meanwhile, so it was not linked.'));
      return undefined;
    }
    const line = written.kind === 'written' || written.kind === 'already-there' ? written.line : target.line;
    const record = await tasks.adopt(task, { uri: target.document.uri.toString(), line });
    log.info(`Linked a TODO in ${target.document.uri.toString()} to task ${task.id}.`);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Linked the TODO to the Tallyfy task "{0}".', task.title), 5000);
    return record;
  } finally {
    tracker.dispose();
  }
}

/** The task as Tallyfy has it; a task this organization does not show is said so plainly. */
async function readTask(client: TallyfyClient, orgId: string, id: string): Promise<Task> {
  try {
    return await client.getTask(orgId, id);
  } catch (error) {
    if (isTallyfyError(error, 'not-found') || isTallyfyError(error, 'forbidden')) {
      throw userError('not-found', vscode.l10n.t('There is no Tallyfy task {0} in this organization that you can see.', id));
    }
    throw error;
  }
}

function taskItem(task: Task): TaskItem {
  const due = task.deadline === undefined ? '' : new Date(task.deadline).toLocaleDateString(undefined, { dateStyle: 'medium' });
  const item: TaskItem = {
    label: task.title,
    description: due === '' ? task.id.slice(0, 8) : `${task.id.slice(0, 8)} · ${vscode.l10n.t('due {0}', due)}`,
    taskId: task.id,
  };
  return task.isCompleted ? { ...item, detail: vscode.l10n.t('Completed') } : item;
}

/** The quick pick: assigned tasks first, then the newest one-off tasks; a pasted id or link on top. */
function pickTask(client: TallyfyClient, orgId: string, log: Logger): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<TaskItem>();
  pick.title = vscode.l10n.t('Link TODO to Tallyfy Task');
  pick.placeholder = vscode.l10n.t('Type to filter, or paste a task id or Tallyfy link');
  pick.matchOnDescription = true;
  pick.busy = true;
  let listed: TaskItem[] = [];
  const show = (): void => {
    const pasted = pastedTaskId(pick.value, orgId);
    if (pasted === undefined) {
      pick.items = listed;
      return;
    }
    // A pasted id does not match the titles the pick filters by: its task is shown whatever the filter.
    const known = listed.find((item) => item.taskId === pasted);
    const direct: TaskItem = known
      ? { ...known, alwaysShow: true }
      : { label: `$(link) ${vscode.l10n.t('Task {0}', pasted)}`, description: vscode.l10n.t('pasted'), alwaysShow: true, taskId: pasted };
    pick.items = [direct, ...listed.filter((item) => item.taskId !== pasted)];
  };
  const controller = new AbortController();
  void Promise.all([
    client.listMyTasks(orgId, { perPage: LISTED, signal: controller.signal }),
    client.listTasks(orgId, { isOneoff: true, sort: 'newest', perPage: LISTED, signal: controller.signal }),
  ]).then(
    ([mine, recent]) => {
      const assigned = mine.items.filter((task) => !task.isCompleted);
      const seen = new Set(assigned.map((task) => task.id));
      const others = recent.items.filter((task) => !seen.has(task.id));
      listed = [
        ...(assigned.length > 0 ? [{ label: vscode.l10n.t('Assigned to you'), kind: vscode.QuickPickItemKind.Separator }] : []),
        ...assigned.map(taskItem),
        ...(others.length > 0 ? [{ label: vscode.l10n.t('Recent tasks'), kind: vscode.QuickPickItemKind.Separator }] : []),
        ...others.map(taskItem),
      ];
      pick.busy = false;
      show();
    },
    (error: unknown) => {
      pick.busy = false;
      if (controller.signal.aborted) return;
      log.warn(`Could not list tasks to link: ${describeError(error).message}`);
      pick.placeholder = vscode.l10n.t('Could not list tasks ({0}). Paste a task id or Tallyfy link.', describeError(error).message);
    },
  );
  return new Promise((resolve) => {
    pick.onDidChangeValue(show);
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.taskId ?? pastedTaskId(pick.value, orgId);
      if (chosen === undefined) return;
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      controller.abort();
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
