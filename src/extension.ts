// The composition root: builds the few services and registers each feature. Nothing heavy runs here;
// the API client and the task records are created on first use.
import * as vscode from 'vscode';
import { Commands } from './core/contract';
import { TokenStore } from './editor/auth/tokenStore';
import { notAvailableYet, registerCommand } from './editor/commands';
import { createLog } from './editor/log';
import { SettingsReader } from './editor/settings';
import { registerTasksView } from './editor/tasksView';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = createLog();
  const settings = new SettingsReader(log);
  const tokens = new TokenStore(context.secrets);
  const presentError = async (_id: string, error: unknown): Promise<void> => {
    const showLog = vscode.l10n.t('Show Log');
    const message = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Tallyfy: {0}', message), showLog);
    if (choice === showLog) {
      log.show();
    }
  };
  const deps = { log, presentError };
  void settings;

  context.subscriptions.push(
    log,
    tokens,
    registerTasksView(),
    registerCommand(Commands.showLog, () => log.show(), deps),
    registerCommand(Commands.signIn, () => notAvailableYet(vscode.l10n.t('Sign-in')), deps),
    registerCommand(Commands.signOut, () => notAvailableYet(vscode.l10n.t('Sign-out')), deps),
    registerCommand(Commands.switchOrganization, () => notAvailableYet(vscode.l10n.t('Switching organization')), deps),
    registerCommand(Commands.createTaskFromTodo, () => notAvailableYet(vscode.l10n.t('Creating a task from a TODO')), deps),
    registerCommand(Commands.createTaskFromTodoMenu, (...args) => vscode.commands.executeCommand(Commands.createTaskFromTodo, ...args), deps),
    registerCommand(Commands.quickCreateTaskFromTodo, () => notAvailableYet(vscode.l10n.t('Quick create')), deps),
    registerCommand(Commands.refreshTasks, () => notAvailableYet(vscode.l10n.t('Refreshing tasks')), deps),
    registerCommand(Commands.findLinkedTodos, () => notAvailableYet(vscode.l10n.t('Finding linked TODOs')), deps),
  );
  log.info(`Tallyfy TODO ${String(context.extension.packageJSON.version)} activated in ${(performance.now() - started).toFixed(2)} ms`);
}

export function deactivate(): void {}
