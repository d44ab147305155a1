import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import { registerCommand, type ErrorPresenter } from '../commands';
import { openTaskInTallyfy } from '../openTask';
import { registerTodoCodeActions } from './codeActions';
import { registerTodoCodeLenses } from './codeLens';
import { registerTodoContextKeys } from './contextKeys';
import { TaskForms, type FormDeps } from '../form/formPanel';
import { confirmUnlinked, quickCreate, resolveTarget } from './createFromTodo';
import { registerLinkedTodoHover } from './hover';

/** A task id given to a command: the id itself, or a node of the Tasks view. */
function taskIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg !== null && typeof arg === 'object' && (arg as { kind?: unknown }).kind === 'task') {
    return String((arg as { id: unknown }).id);
  }
  return undefined;
}

/** Everything that works on TODO comments: entry points, the lightbulb, CodeLens, hover, and task links. */
export function registerTodoFeatures(deps: FormDeps & { presentError: ErrorPresenter }): vscode.Disposable {
  const { tasks, settings } = deps;
  const forms = new TaskForms(deps);
  const openTask = async (arg: unknown): Promise<void> => {
    const id = taskIdOf(arg);
    if (id === undefined) return;
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
    registerTodoCodeActions(settings, (id) => tasks.find(id)),
    registerTodoCodeLenses(settings),
    registerLinkedTodoHover(settings, () => tasks.createdTasks()),
    forms,
    registerCommand(Commands.quickCreateTaskFromTodo, (...args) => quickCreate(deps, args, (target) => forms.show(target)), deps),
    registerCommand(
      Commands.createTaskFromTodo,
      async (...args) => {
        const started = performance.now();
        const target = await resolveTarget(args, settings);
        if (target !== undefined && (await confirmUnlinked(target, deps))) {
          forms.show(target);
          deps.log.info(`Task form opened in ${(performance.now() - started).toFixed(1)} ms`);
        }
      },
      deps,
    ),
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
