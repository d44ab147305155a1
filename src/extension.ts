// The composition root: builds the few services start-up needs, registers every command and view, and
// starts the parts that load on first use (./editor/parts.ts) when their work comes. Nothing here waits
// on the network or the disk; the task records load in the background after activation.
import * as vscode from 'vscode';
import { Commands, PanelTypes, Views } from './core/contract';
import { RecordStore } from './core/records/store';
import type { AssignedNode } from './core/assigned/nodes';
import type { TreeNode } from './core/tasks/treeModel';
import { createApi, type TallyfyTodoApi } from './editor/api';
import { Session } from './editor/auth/session';
import { TokenStore } from './editor/auth/tokenStore';
import { registerCommand } from './editor/commands';
import { presentError } from './editor/errors';
import { describeSpent, readClock, spent, sum, type ClockReading } from './editor/loadClock';
import { createLog, type Logger } from './editor/log';
import { Parts } from './editor/parts';
import { diskRecordFiles } from './editor/records/diskFiles';
import { movePreviousRecords, recordsLocation } from './editor/records/location';
import { watchRecordFile } from './editor/records/watch';
import { SettingsReader } from './editor/settings';
import { registerStatusBar } from './editor/statusBar';
import { TaskService } from './editor/taskService';
import { LazyTreeData } from './editor/tasks/lazyTree';
import { registerTodoCommands } from './editor/todos/commands';

/** Set by the bundle's first and last statements (see esbuild.mjs); absent when the sources run unbundled. */
declare const __tallyfyLoadStarted: ClockReading | undefined;
declare const __tallyfyLoadEnded: ClockReading | undefined;

/** When this code started and ended loading (module evaluation, the chunks it requires included). */
function codeLoad(): { readonly started: ClockReading; readonly ended: ClockReading } | undefined {
  return typeof __tallyfyLoadStarted === 'object' && typeof __tallyfyLoadEnded === 'object'
    ? { started: __tallyfyLoadStarted, ended: __tallyfyLoadEnded }
    : undefined;
}

export function activate(context: vscode.ExtensionContext): TallyfyTodoApi {
  const activating = readClock();
  const version = String(context.extension.packageJSON.version);
  const log = createLog();
  const settings = new SettingsReader(log);
  const tokens = new TokenStore(context.secrets);
  const session = new Session(tokens, settings, context.globalState, log, `tallyfy-todo/${version} (VS Code ${vscode.version})`);
  const location = recordsLocation(context);
  const records = new RecordStore(diskRecordFiles, location.file.fsPath, { onWarning: (message) => log.warn(message) });
  const tasks = new TaskService(records, session, settings, log);
  const deps = { log, presentError: (_id: string, error: unknown) => presentError(error, log) };
  const tasksData: LazyTreeData<TreeNode> = new LazyTreeData<TreeNode>((): Promise<unknown> => parts.get('tasks'));
  const tasksView = vscode.window.createTreeView(Views.tasks, { treeDataProvider: tasksData, showCollapseAll: true });
  const assignedData = new LazyTreeData<AssignedNode>((): Promise<unknown> => parts.get('assigned'));
  const assignedView = vscode.window.createTreeView(Views.assigned, { treeDataProvider: assignedData, showCollapseAll: true });
  const parts = new Parts({
    log,
    settings,
    session,
    tasks,
    presentError: deps.presentError,
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    tasksTree: { view: tasksView, data: tasksData },
    assignedTree: { view: assignedView, data: assignedData },
  });

  context.subscriptions.push(
    log,
    tokens,
    session,
    tasks,
    tasksData,
    tasksView,
    assignedData,
    assignedView,
    parts,
    watchRecordFile(records, location.file, log),
    registerStatusBar(session),
    registerCommand(Commands.showLog, () => log.show(), deps),
    registerCommand(Commands.signOut, async () => {
      await session.signOut();
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Tallyfy.'));
    }, deps),
    registerTodoCommands({ tasks, session, settings, log, presentError: deps.presentError }),
    parts.registerCommands(deps),
    vscode.window.registerWebviewPanelSerializer(PanelTypes.review, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await parts.get('review')).restorePanel?.(panel, state),
    }),
    vscode.window.registerWebviewPanelSerializer(PanelTypes.details, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await parts.get('details')).restorePanel?.(panel, state),
    }),
    startPartsWhenNeeded(parts, tasks, session),
  );
  void session.update();
  void movePreviousRecords(records, location.previous, log)
    .then(() => tasks.load())
    .catch((error: unknown) => log.error(`Could not load the task records: ${String(error)}`));
  logActivation(log, version, activating);
  return createApi({ tasks, session, log });
}

/**
 * What activation cost: loading the code (from the bundle's first statement to its last) and activate()
 * itself; VS Code's wait between the two (for the extension's storage, other extensions) is not ours.
 */
function logActivation(log: Logger, version: string, activating: ClockReading): void {
  const call = spent(activating, readClock());
  const load = codeLoad();
  if (load === undefined) {
    log.info(`Tallyfy TODO ${version} activated: activate() in ${describeSpent(call)}`);
    return;
  }
  const code = spent(load.started, load.ended);
  log.info(
    `Tallyfy TODO ${version} activated in ${describeSpent(sum(code, call))}: its code loaded in ${describeSpent(code)}, ` +
      `activate() in ${describeSpent(call)} (VS Code called it ${spent(load.ended, activating).ms.toFixed(2)} ms after the code loaded)`,
  );
}

/**
 * The parts whose work starts without a command. The TODO comments' part, once a text editor shows. The
 * Tasks view's, for someone who uses Tallyfy here (signed in, or with task records): its badge, the
 * refresh, the diagnostics and the index of linked TODOs; in a window of someone who does not, it loads
 * when the view first shows. "Assigned to Me", once signed in (its badge).
 */
function startPartsWhenNeeded(parts: Parts, tasks: TaskService, session: Session): vscode.Disposable {
  const startTasks = (): void => {
    if (tasks.createdTasks().length > 0 || session.state.kind === 'signed-in') parts.ensure('tasks');
    // Its badge counts the overdue tasks assigned to the user, shown or not.
    if (session.state.kind === 'signed-in') parts.ensure('assigned');
  };
  const startTodos = (editors: readonly vscode.TextEditor[]): void => {
    if (editors.length > 0) parts.ensure('todos');
  };
  // After activation, not in it: VS Code goes on with the window meanwhile.
  const soon = setTimeout(() => startTodos(vscode.window.visibleTextEditors), 0);
  return vscode.Disposable.from(
    tasks.onDidChangeTasks(startTasks),
    session.onDidChange(startTasks),
    vscode.window.onDidChangeVisibleTextEditors(startTodos),
    { dispose: () => clearTimeout(soon) },
  );
}

export function deactivate(): void {}
