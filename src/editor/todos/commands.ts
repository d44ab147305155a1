import * as vscode from 'vscode';
import { assignedTaskOf } from '../../core/assigned/nodes';
import { Commands } from '../../core/contract';
import { taskIdOf } from '../../core/taskArgument';
import { registerCommand, type ErrorPresenter } from '../commands';
import { openTaskInTallyfy } from '../openTask';
import type { Session } from '../auth/session';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';

export interface TodoFeatureDeps {
  readonly tasks: TaskService;
  readonly session: Session;
  readonly settings: SettingsReader;
  readonly log: Logger;
  readonly presentError: ErrorPresenter;
}

/**
 * The commands on TODOs and their tasks that start-up serves itself: the menu's entry (which opens the
 * form or the quick create, as set) and the task links of the lightbulb, the hover and CodeLens. The
 * lightbulb, hover, CodeLens and context keys are the todos part's; the form and the quick create, the
 * form part's.
 */
export function registerTodoCommands(deps: TodoFeatureDeps): vscode.Disposable {
  const { tasks, settings } = deps;
  const openTask = async (arg: unknown): Promise<void> => {
    const id = taskIdOf(arg);
    if (id === undefined) return;
    const record = tasks.find(id);
    const state = deps.session.state;
    if (record !== undefined) {
      await openTaskInTallyfy(record, settings);
    } else if (state.kind === 'signed-in') {
      // A row of "Assigned to Me" knows its process: the process page opens.
      await openTaskInTallyfy({ id, orgId: state.orgId, runId: assignedTaskOf(arg)?.runId }, settings);
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Tallyfy to open task {0}.', id));
    }
  };
  return vscode.Disposable.from(
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
      async (arg: unknown) => {
        const id = taskIdOf(arg);
        if (id === undefined) return;
        await vscode.env.clipboard.writeText(id);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied Tallyfy task id {0}', id), 3000);
      },
      deps,
    ),
  );
}
