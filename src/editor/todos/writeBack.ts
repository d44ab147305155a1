import * as vscode from 'vscode';
import { referenceEdit, refindTodo, type TodoComment } from '../../core/todo';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import { lineSource } from './documents';

/**
 * Follows a TODO while its task is being created: every edit to the document above the TODO moves the
 * expected line, so the reference lands on the right line even when lines were inserted or removed
 * meanwhile. The TODO is then re-found by its keyword and title near that line; it is never written
 * anywhere else.
 */
export class TodoTracker implements vscode.Disposable {
  private line: number;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly uri: vscode.Uri,
    readonly todo: TodoComment,
  ) {
    this.line = todo.range.start.line;
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() !== uri.toString()) return;
      for (const change of e.contentChanges) {
        if (change.range.end.line < this.line) {
          const removed = change.range.end.line - change.range.start.line;
          const added = change.text.split(/\r\n|\r|\n/).length - 1;
          this.line = Math.max(0, this.line + added - removed);
        }
      }
    });
  }

  /** Where the TODO's first line is expected now. */
  get expectedLine(): number {
    return this.line;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

export type WriteBackResult =
  | { readonly kind: 'written' | 'already-there'; readonly line: number }
  | { readonly kind: 'disabled' | 'not-found' };

/** Writes `tallyfy:<id>` into the tracked TODO as one undoable edit, as `tallyfy.writeBack` says. */
export async function writeBackReference(tracker: TodoTracker, id: string, settings: SettingsReader, log: Logger): Promise<WriteBackResult> {
  const mode = settings.get('writeBack', tracker.uri);
  if (mode === 'none') {
    return { kind: 'disabled' };
  }
  const document = await vscode.workspace.openTextDocument(tracker.uri);
  const current = refindTodo(lineSource(document), document.languageId, settings.get('todoKeywords', document), {
    line: tracker.expectedLine,
    keyword: tracker.todo.keyword,
    title: tracker.todo.title,
  });
  if (current === undefined) {
    log.warn(`Could not find the TODO again in ${tracker.uri.toString()} to write task ${id} into it.`);
    return { kind: 'not-found' };
  }
  const edit = referenceEdit(current, mode, id);
  if (edit === undefined) {
    return { kind: 'already-there', line: current.range.start.line };
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(tracker.uri, new vscode.Range(edit.line, edit.startCharacter, edit.line, edit.endCharacter), edit.newText);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
    log.warn(`VS Code refused the edit that writes task ${id} into ${tracker.uri.toString()}.`);
    return { kind: 'not-found' };
  }
  return { kind: 'written', line: edit.line };
}
