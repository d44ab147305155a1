// When a save in this editor removes linked TODOs whose tasks no TODO of the workspace refers to any
// more: one notification per save offers to complete them (`tallyfy.onTodoRemoved`). Only a save asks:
// a file changed on disk (a `git checkout`, a pull) never does. With auto-save on, the removals of a few
// seconds are gathered into one notification.
import * as vscode from 'vscode';
import { decideRemovals, idsOf, linkedTodosIn, offered, removedIds } from '../../core/linked';
import { detectorLanguage } from '../../core/todo';
import type { TaskRecord } from '../../core/records';
import { isOpen } from '../../core/tasks';
import type { Session } from '../auth/session';
import { describeError } from '../errors';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import { completeRecords } from '../tasks/actions';
import type { WorkspaceIndex } from './workspaceIndex';

/** How long removals saved by auto-save are gathered before one notification asks about them all. */
const GATHER_MS = 3_000;

export interface RemovalDeps {
  readonly index: WorkspaceIndex;
  readonly tasks: TaskService;
  readonly session: Session;
  readonly settings: SettingsReader;
  readonly log: Logger;
}

export function registerRemovalPrompt(deps: RemovalDeps): vscode.Disposable {
  const { index, tasks, settings, log } = deps;
  const referencesOf = (document: vscode.TextDocument): Set<string> =>
    idsOf(linkedTodosIn(document.getText(), detectorLanguage(document.languageId, document.uri.path), settings.get('todoKeywords', document)));
  const pending = new Map<string, TaskRecord>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const ask = async (): Promise<void> => {
    timer = undefined;
    // Gone meanwhile: completed elsewhere, or the TODO put back.
    const records = [...pending.values()].map((r) => tasks.find(r.id) ?? r).filter((r) => isOpen(r) && !index.index.has(r.id));
    pending.clear();
    if (records.length === 0) return;
    const complete = vscode.l10n.t('Complete');
    const keep = vscode.l10n.t('Keep Open');
    const titles = records.map((r) => `"${r.title}"`).join(', ');
    const choice = await vscode.window.showInformationMessage(
      records.length === 1
        ? vscode.l10n.t('You removed the TODO of the Tallyfy task {0}. Complete the task?', titles)
        : vscode.l10n.t('You removed the TODOs of {0} Tallyfy tasks: {1}. Complete them?', records.length, titles),
      complete,
      keep,
    );
    log.info(`Removed TODOs of ${records.length} tasks; the user chose ${choice ?? 'nothing'}.`);
    if (choice !== complete) return;
    const failed = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Completing {0} Tallyfy tasks…', records.length) },
      () => completeRecords(deps, records, new AbortController().signal),
    );
    const [first] = failed;
    if (first !== undefined) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} of {1} tasks could not be completed: {2}', failed.length, records.length, describeError(first.error).message),
      );
    }
  };

  const onSave = async (document: vscode.TextDocument): Promise<void> => {
    const file = document.uri.toString();
    const after = referencesOf(document);
    // What the file held before this save is what the index last read from the disk (a change on disk,
    // a checkout say, is read by the index and so never counts as a removal).
    const before = idsOf(index.index.todosOf(file));
    index.setFromText(document.uri, document.getText(), document.languageId);
    const removed = removedIds(before, after);
    if (removed.length === 0 || settings.get('onTodoRemoved', document) === 'never') return;
    // Whether another file still refers to a task is the index's to say: wait for its first reading.
    await index.whenIndexed();
    const decisions = decideRemovals(removed, {
      referencedElsewhere: (id) => index.index.referencedOutside(id, file),
      recordOf: (id) => tasks.find(id),
    });
    log.debug(`A save removed references: ${decisions.map((d) => `${d.id} ${d.verdict}`).join(', ')}.`);
    for (const record of offered(decisions)) pending.set(record.id, record);
    if (pending.size === 0 || timer !== undefined) return;
    const autoSave = vscode.workspace.getConfiguration('files', document).get<string>('autoSave', 'off') !== 'off';
    timer = setTimeout(() => void ask().catch((error: unknown) => log.error(error instanceof Error ? error : String(error))), autoSave ? GATHER_MS : 0);
  };

  return vscode.Disposable.from(
    vscode.workspace.onDidSaveTextDocument((document) => void onSave(document).catch((error: unknown) => log.error(error instanceof Error ? error : String(error)))),
    { dispose: () => timer !== undefined && clearTimeout(timer) },
  );
}
