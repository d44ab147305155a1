// Where the task records live: one file per workspace in the extension's global storage, so that every
// window on the workspace shares it. (VS Code gives a second window on a folder a workspace storage of its
// own, `…-1`, while the first holds the folder's: records kept there would be seen by neither the other
// window nor, later, the folder's next window.) Without a folder, one file for every such window. The
// storage is on the extension host's own disk: this extension runs only in a Node extension host (desktop,
// remote, code-server), and reaches the file with the disk's own operations (see diskFiles.ts).
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { parseRecordFile, type RecordStore } from '../../core/records';
import type { Logger } from '../log';
import { diskRecordFiles } from './diskFiles';

export interface RecordsLocation {
  readonly file: vscode.Uri;
  /** Where this window kept the workspace's records before (its own workspace storage), to move them from. */
  readonly previous: vscode.Uri | undefined;
}

export function recordsLocation(context: vscode.ExtensionContext): RecordsLocation {
  const workspace = vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (workspace === undefined) {
    return { file: vscode.Uri.joinPath(context.globalStorageUri, 'tasks-no-workspace.json'), previous: undefined };
  }
  const key = createHash('sha256').update(workspace.toString()).digest('hex').slice(0, 24);
  return {
    file: vscode.Uri.joinPath(context.globalStorageUri, 'workspaces', key, 'tasks.json'),
    previous: context.storageUri && vscode.Uri.joinPath(context.storageUri, 'tasks.json'),
  };
}

/**
 * Moves the records of an older file, when there is one, into the store (those it does not hold yet),
 * then renames the old file so that it is read only once (a record removed later does not come back
 * from it). Never throws: a failure is logged and the old file stays for the next try.
 */
export async function movePreviousRecords(store: RecordStore, previous: vscode.Uri | undefined, log: Logger): Promise<void> {
  if (previous === undefined) return;
  try {
    const text = await diskRecordFiles.read(previous.fsPath);
    if (text === undefined) return;
    const parsed = parseRecordFile(text);
    for (const warning of parsed.warnings) log.warn(`${previous.fsPath}: ${warning}`);
    const added = await store.addMissing(parsed.records);
    await vscode.workspace.fs.rename(previous, previous.with({ path: `${previous.path}.moved` }), { overwrite: true });
    log.info(`Moved ${added} task records to the file every window of this workspace shares (${parsed.records.length - added} were there already).`);
  } catch (error) {
    log.error(`Could not move the task records of this workspace from ${previous.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
