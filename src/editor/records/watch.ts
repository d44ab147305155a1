// Keeping this window's records in step with the file when another window writes it: a file watcher,
// and polling of the file's modification time until the watcher has shown that it works here (it
// reports this window's own writes too).
import * as vscode from 'vscode';
import type { RecordStore } from '../../core/records';
import type { Logger } from '../log';

/** How often the file is polled while watching is not known to work. */
const POLL_MS = 1000;

export function watchRecordFile(store: RecordStore, file: vscode.Uri, log: Logger): vscode.Disposable {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(file, '..'), name));
  let watching = false;
  const check = (): void => {
    void store.checkFile().then(
      (changed) => changed && log.debug('Took in the task records another window changed.'),
      (error: unknown) => log.warn(`Could not read the task records: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const onEvent = (): void => {
    watching = true;
    check();
  };
  const timer = setInterval(() => {
    if (!watching) check();
  }, POLL_MS);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(onEvent),
    watcher.onDidChange(onEvent),
    watcher.onDidDelete(onEvent),
    { dispose: () => clearInterval(timer) },
  );
}
