// The composition root: builds the few services and registers each feature. Nothing here waits on the
// network or the disk; the task records load in the background after activation.
import * as vscode from 'vscode';
import { Commands } from './core/contract';
import { RecordStore } from './core/records';
import { createApi, type TallyfyTodoApi } from './editor/api';
import { Session } from './editor/auth/session';
import { signIn, switchOrganization } from './editor/auth/signIn';
import { registerBulkCreate } from './editor/bulk';
import { TokenStore } from './editor/auth/tokenStore';
import { registerCommand } from './editor/commands';
import { presentError } from './editor/errors';
import { createLog } from './editor/log';
import { diskRecordFiles } from './editor/records/diskFiles';
import { movePreviousRecords, recordsLocation } from './editor/records/location';
import { watchRecordFile } from './editor/records/watch';
import { SettingsReader } from './editor/settings';
import { registerStatusBar } from './editor/statusBar';
import { TaskService } from './editor/taskService';
import { registerTaskActions } from './editor/tasks/actions';
import { registerCompletedTodoDiagnostics } from './editor/tasks/diagnostics';
import { findLinkedTodos } from './editor/tasks/findLinked';
import { LinkedTasks } from './editor/linked/linkedTasks';
import { linkTodoToTask } from './editor/linked/linkTodo';
import { registerRemovalPrompt } from './editor/linked/removalPrompt';
import { updateTaskTitle } from './editor/linked/updateTitle';
import { WorkspaceIndex } from './editor/linked/workspaceIndex';
import { TasksView } from './editor/tasks/view';
import { registerTodoFeatures } from './editor/todos';
import { MemberDirectory } from './editor/owners';

export function activate(context: vscode.ExtensionContext): TallyfyTodoApi {
  const started = performance.now();
  const version = String(context.extension.packageJSON.version);
  const log = createLog();
  const settings = new SettingsReader(log);
  const tokens = new TokenStore(context.secrets);
  const session = new Session(tokens, settings, context.globalState, log, `tallyfy-todo/${version} (VS Code ${vscode.version})`);
  const location = recordsLocation(context);
  const records = new RecordStore(diskRecordFiles, location.file.fsPath, { onWarning: (message) => log.warn(message) });
  const tasks = new TaskService(records, session, settings, log);
  const deps = { log, presentError: (_id: string, error: unknown) => presentError(error, log) };
  const directory = new MemberDirectory(session, log);
  const index = new WorkspaceIndex(settings, log, context.extensionUri);
  const linked = new LinkedTasks(index, tasks, session, settings, log);

  context.subscriptions.push(
    log,
    tokens,
    session,
    tasks,
    watchRecordFile(records, location.file, log),
    registerStatusBar(session),
    registerCommand(Commands.showLog, () => log.show(), deps),
    registerCommand(Commands.signIn, () => signIn(session, log), deps),
    registerCommand(Commands.signOut, async () => {
      await session.signOut();
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Tallyfy.'));
    }, deps),
    registerCommand(Commands.switchOrganization, () => switchOrganization(session), deps),
    registerTodoFeatures({
      tasks,
      directory,
      settings,
      log,
      session,
      presentError: deps.presentError,
      extensionUri: context.extensionUri,
      workspaceState: context.workspaceState,
    }),
    registerBulkCreate({ tasks, session, settings, log, directory, extensionUri: context.extensionUri, workspaceState: context.workspaceState, presentError: deps.presentError }),
    index,
    linked,
    registerRemovalPrompt({ index, tasks, session, settings, log }),
    registerCommand(Commands.linkTodoToTask, (...args) => linkTodoToTask({ tasks, session, settings, log }, args), deps),
    registerCommand(Commands.updateTaskTitle, (id: unknown, title: unknown) => updateTaskTitle({ tasks, session, log }, id, title), deps),
    registerCommand(Commands.findLinkedTodos, () => findLinkedTodos({ index, linked, session }), deps),
  );
  const view = new TasksView(tasks, session, context.workspaceState, linked);
  context.subscriptions.push(
    view,
    registerTaskActions({ tasks, session, settings, log, view, presentError: deps.presentError }),
    registerCompletedTodoDiagnostics(tasks, settings, context.workspaceState),
  );
  void session.update();
  void movePreviousRecords(records, location.previous, log)
    .then(() => tasks.load())
    // The index reads the workspace once the records are in, so a task they hold is not read again.
    .then(
      () => index.whenIndexed().catch((error: unknown) => log.error(`Could not index the workspace's Tallyfy references: ${String(error)}`)),
      (error: unknown) => log.error(`Could not load the task records: ${String(error)}`),
    );
  log.info(`Tallyfy TODO ${version} activated in ${(performance.now() - started).toFixed(2)} ms`);
  return createApi(tasks);
}

export function deactivate(): void {}
