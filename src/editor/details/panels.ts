// The open "Tallyfy task" panels, one per task (asking again reveals it), and what brings them back
// after a window reload: the page keeps its task's id in its state, and the serializer hands it here.
import * as vscode from 'vscode';
import { pastedTaskId } from '../../core/linked/pastedTask';
import { taskIdOf } from '../../core/taskArgument';
import { isTaskId } from '../../core/todo/references';
import type { Session } from '../auth/session';
import { DetailsPanel, type DetailsDeps, type UnsavedEdit } from './panel';

/** The task id a command was given (see `taskIdOf`), when it is one. */
function detailsIdOf(arg: unknown): string | undefined {
  const id = taskIdOf(arg)?.trim().toLowerCase();
  return id !== undefined && isTaskId(id) ? id : undefined;
}

/** From the palette: the task id, its reference or a link holding it, as the user pastes it. */
async function askTaskId(session: Session): Promise<string | undefined> {
  const orgId = session.state.kind === 'signed-in' ? session.state.orgId : '';
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Show Task Details'),
    prompt: vscode.l10n.t('The task id, its tallyfy: reference, or a Tallyfy link to it'),
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' || pastedTaskId(text, orgId) !== undefined ? undefined : vscode.l10n.t('No task id found: a task id is 32 letters and digits.')),
  });
  return input === undefined ? undefined : pastedTaskId(input, orgId);
}

export class DetailsPanels implements vscode.Disposable {
  private readonly open = new Map<string, DetailsPanel>();
  private stopping = false;

  constructor(private readonly deps: DetailsDeps) {}

  /** "Show Task Details": the task's panel, opened or revealed. */
  async show(arg: unknown): Promise<void> {
    const id = detailsIdOf(arg) ?? (arg === undefined ? await askTaskId(this.deps.session) : undefined);
    if (id === undefined) return;
    const existing = this.open.get(id);
    if (existing !== undefined) {
      existing.reveal();
      return;
    }
    this.track(new DetailsPanel(this.deps, id));
  }

  /** Brings back a panel after a window reload (VS Code's panel serializer, registered at start-up). */
  restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const id = state !== null && typeof state === 'object' ? (state as { taskId?: unknown }).taskId : undefined;
    if (typeof id !== 'string' || !isTaskId(id) || this.open.has(id)) {
      panel.dispose();
      return Promise.resolve();
    }
    this.track(new DetailsPanel(this.deps, id, panel));
    return Promise.resolve();
  }

  private track(panel: DetailsPanel): void {
    this.open.set(panel.taskId, panel);
    panel.onDidDispose(() => {
      this.open.delete(panel.taskId);
      const unsaved = panel.unsaved;
      if (unsaved !== undefined && !this.stopping) void this.askAboutUnsaved(panel.taskId, panel.name, unsaved);
    });
  }

  /**
   * A panel closed with unsaved edits. VS Code closes a webview panel without asking its extension, so
   * the question comes after: the edits are kept until the user answers, and Reopen brings them back.
   */
  private async askAboutUnsaved(id: string, name: string, edit: UnsavedEdit): Promise<void> {
    const reopen = vscode.l10n.t('Reopen with My Edits');
    const discard = vscode.l10n.t('Discard Edits');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Your edits to "{0}" were not saved.', name),
      reopen,
      discard,
    );
    if (choice !== reopen || this.open.has(id)) return;
    this.track(new DetailsPanel(this.deps, id, undefined, edit));
  }

  dispose(): void {
    this.stopping = true;
    for (const panel of [...this.open.values()]) panel.dispose();
  }
}
