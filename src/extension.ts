// The composition root: builds the few services start-up needs, registers every command and view, and
// starts the parts that load on first use (./editor/parts.ts) when their work comes. Nothing here waits
// on the network or the disk; the task records load in the background after activation.
import * as vscode from 'vscode';
import { Commands, PanelTypes, Views } from './core/contract';
import { RecordStore } from './core/records/store';
import type { TreeNode } from './core/tasks/treeModel';
import { createApi, type TallyfyTodoApi } from './editor/api';
import { Session } from './editor/auth/session';
import { TokenStore } from './editor/auth/tokenStore';
import { registerCommand } from './editor/commands';
import { presentError } from './editor/errors';
import { createLog } from './editor/log';
import { Parts } from './editor/parts';
import { diskRecordFiles } from './editor/records/diskFiles';
import { movePreviousRecords, recordsLocation } from './editor/records/location';
import { watchRecordFile } from './editor/records/watch';
import { SettingsReader } from './editor/settings';
import { registerStatusBar } from './editor/statusBar';
import { TaskService } from './editor/taskService';
import { LazyTreeData } from './editor/tasks/lazyTree';
import { registerTodoFeatures } from './editor/todos';

/** Set by the bundle's first statement (see esbuild.mjs); absent when the sources run unbundled. */
declare const __tallyfyLoadStarted: number | undefined;

/** When this code started loading: the bundle's first statement, so module evaluation counts too. */
function loadStarted(): number {
  return typeof __tallyfyLoadStarted === 'number' ? __tallyfyLoadStarted : performance.now();
}

export function activate(context: vscode.ExtensionContext): TallyfyTodoApi {
  const started = loadStarted();
  const activating = performance.now();
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
  const parts = new Parts({
    log,
    settings,
    session,
    tasks,
    presentError: deps.presentError,
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    tasksTree: { view: tasksView, data: tasksData },
  });

  context.subscriptions.push(
    log,
    tokens,
    session,
    tasks,
    tasksData,
    tasksView,
    parts,
    watchRecordFile(records, location.file, log),
    registerStatusBar(session),
    registerCommand(Commands.showLog, () => log.show(), deps),
    registerCommand(Commands.signOut, async () => {
      await session.signOut();
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Tallyfy.'));
    }, deps),
    registerTodoFeatures({ tasks, session, settings, log, presentError: deps.presentError }),
    parts.registerCommands(deps),
    vscode.window.registerWebviewPanelSerializer(PanelTypes.review, {
      deserializeWebviewPanel: async (panel, state: unknown) => (await parts.get('review')).restorePanel?.(panel, state),
    }),
    startPartsWhenNeeded(parts, tasks, session),
  );
  void session.update();
  void movePreviousRecords(records, location.previous, log)
    .then(() => tasks.load())
    .catch((error: unknown) => log.error(`Could not load the task records: ${String(error)}`));
  const ms = (since: number): string => (performance.now() - since).toFixed(2);
  log.info(`Tallyfy TODO ${version} activated in ${ms(started)} ms (activate() ${ms(activating)} ms)`);
  return createApi({ tasks, session, log });
}

/**
 * The part whose work starts without a command, for someone who uses Tallyfy here (signed in, or with
 * task records): the Tasks view's badge, the refresh, the diagnostics and the index of linked TODOs. In
 * a window of someone who does not, it loads when the view first shows.
 */
function startPartsWhenNeeded(parts: Parts, tasks: TaskService, session: Session): vscode.Disposable {
  const start = (): void => {
    const hasRecords = tasks.createdTasks().length > 0;
    if (hasRecords || session.state.kind === 'signed-in') parts.ensure('tasks');
  };
  return vscode.Disposable.from(tasks.onDidChangeTasks(start), session.onDidChange(start));
}

export function deactivate(): void {}
