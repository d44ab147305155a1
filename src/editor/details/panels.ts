// The open "Tallyfy task" panels, one per task (asking again reveals it), and what brings them back
// after a window reload: the page keeps its task's id in its state, and the serializer hands it here.
import * as vscode from 'vscode';
import { assignedTaskId } from '../../core/assigned/nodes';
import { pastedTaskId } from '../../core/linked/pastedTask';
import type { Session } from '../auth/session';
import { DetailsPanel, type DetailsDeps } from './panel';

const TASK_ID = /^[0-9a-f]{32}$/i;

/** The task id a command was given: an id, a row of the Tasks view or of "Assigned to Me". */
function taskIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return TASK_ID.test(arg.trim()) ? arg.trim().toLowerCase() : undefined;
  if (arg !== null && typeof arg === 'object' && (arg as { kind?: unknown }).kind === 'task') {
    const id = (arg as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  }
  return assignedTaskId(arg);
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

  constructor(private readonly deps: DetailsDeps) {}

  /** "Show Task Details": the task's panel, opened or revealed. */
  async show(arg: unknown): Promise<void> {
    const id = taskIdOf(arg) ?? (arg === undefined ? await askTaskId(this.deps.session) : undefined);
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
    if (typeof id !== 'string' || !TASK_ID.test(id) || this.open.has(id)) {
      panel.dispose();
      return Promise.resolve();
    }
    this.track(new DetailsPanel(this.deps, id, panel));
    return Promise.resolve();
  }

  private track(panel: DetailsPanel): void {
    this.open.set(panel.taskId, panel);
    panel.onDidDispose(() => this.open.delete(panel.taskId));
  }

  dispose(): void {
    for (const panel of [...this.open.values()]) panel.dispose();
  }
}
