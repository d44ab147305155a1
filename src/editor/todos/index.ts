import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import type { Session } from '../auth/session';
import { registerCommand, type ErrorPresenter } from '../commands';
import { openTaskInTallyfy } from '../openTask';
import { registerTodoCodeActions } from './codeActions';
import { registerTodoCodeLenses } from './codeLens';
import { registerTodoContextKeys } from './contextKeys';
import { quickCreate, type CreateDeps } from './createFromTodo';
import { registerLinkedTodoHover } from './hover';

/** Everything that works on TODO comments: entry points, the lightbulb, CodeLens, hover, and task links. */
export function registerTodoFeatures(deps: CreateDeps & { session: Session; presentError: ErrorPresenter }): vscode.Disposable {
  const { tasks, settings } = deps;
  const openTask = async (id: unknown): Promise<void> => {
    if (typeof id !== 'string') return;
    const record = tasks.find(id);
    const state = deps.session.state;
    if (record !== undefined) {
      await openTaskInTallyfy(record, settings);
    } else if (state.kind === 'signed-in') {
      await openTaskInTallyfy({ id, orgId: state.orgId }, settings);
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Tallyfy to open task {0}.', id));
    }
  };
  return vscode.Disposable.from(
    registerTodoContextKeys(settings),
    registerTodoCodeActions(settings),
    registerTodoCodeLenses(settings),
    registerLinkedTodoHover(settings, () => tasks.createdTasks()),
    registerCommand(Commands.quickCreateTaskFromTodo, (...args) => quickCreate(deps, args), deps),
    // The form arrives in a later version; until then "Create Task from TODO" creates it the quick way.
    registerCommand(Commands.createTaskFromTodo, (...args) => quickCreate(deps, args), deps),
    registerCommand(
      Commands.createTaskFromTodoMenu,
      (...args) =>
        vscode.commands.executeCommand(
          settings.get('createOpens') === 'quick' ? Commands.quickCreateTaskFromTodo : Commands.createTaskFromTodo,
          ...args,
        ),
      deps,
    ),
    registerCommand(Commands.openTask, openTask, deps),
    registerCommand(
      Commands.copyTaskId,
      async (id: unknown) => {
        if (typeof id !== 'string') return;
        await vscode.env.clipboard.writeText(id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied Tallyfy task id {0}', id), 3000);
      },
      deps,
    ),
  );
}
