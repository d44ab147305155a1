// The workspace's linked TODOs: the index of their references, the tasks they list in the Tasks view,
// and the prompt when a save removes one. The first index runs once the task records are in, so a task
// they hold is not read again.
import * as vscode from 'vscode';
import type { PartHost } from '../parts';
import { LinkedTasks } from './linkedTasks';
import { registerRemovalPrompt } from './removalPrompt';
import { WorkspaceIndex } from './workspaceIndex';

export class LinkedWorkspace implements vscode.Disposable {
  readonly index: WorkspaceIndex;
  readonly linked: LinkedTasks;
  private readonly prompt: vscode.Disposable;

  constructor(host: PartHost) {
    const { tasks, session, settings, log } = host;
    this.index = new WorkspaceIndex(settings, log, host.extensionUri);
    this.linked = new LinkedTasks(this.index, tasks, session, settings, log);
    this.prompt = registerRemovalPrompt({ index: this.index, tasks, session, settings, log });
    void tasks.records
      .all()
      .then(() => this.index.whenIndexed())
      .catch((error: unknown) => log.error(`Could not index the workspace's Tallyfy references: ${String(error)}`));
  }

  dispose(): void {
    this.prompt.dispose();
    this.linked.dispose();
    this.index.dispose();
  }
}

