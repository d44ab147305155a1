import * as vscode from 'vscode';
import { referenceEdit, type TodoComment } from '../../core/todo';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { DocumentTodos } from './documents';

/** A TODO whose line is followed while its task is being created. */
export interface TrackedTodo {
  readonly uri: vscode.Uri;
  readonly todo: Pick<TodoComment, 'keyword' | 'title'>;
  /** Where the TODO's first line is expected now. */
  readonly expectedLine: number;
}

/** Moves `line` by the edits above it. */
function followEdits(line: number, changes: readonly vscode.TextDocumentContentChangeEvent[]): number {
  for (const change of changes) {
    if (change.range.end.line < line) {
      const removed = change.range.end.line - change.range.start.line;
      const added = change.text.split(/\r\n|\r|\n/).length - 1;
      line = Math.max(0, line + added - removed);
    }
  }
  return line;
}

/**
 * Follows a TODO while its task is being created: every edit to the document above the TODO moves the
 * expected line, so the reference lands on the right line even when lines were inserted or removed
 * meanwhile. The TODO is then re-found by its keyword and title near that line; it is never written
 * anywhere else.
 */
export class TodoTracker implements vscode.Disposable, TrackedTodo {
  private line: number;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly uri: vscode.Uri,
    readonly todo: TodoComment,
  ) {
    this.line = todo.range.start.line;
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === uri.toString()) this.line = followEdits(this.line, e.contentChanges);
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

/**
 * Follows many TODOs with one listener (a run over many files): an edit costs the work of its own
 * file's TODOs only.
 */
export class TodoTrackers implements vscode.Disposable {
  private readonly byFile = new Map<string, Array<{ line: number }>>();
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((e) => {
    for (const tracked of this.byFile.get(e.document.uri.toString()) ?? []) tracked.line = followEdits(tracked.line, e.contentChanges);
  });

  track(uri: vscode.Uri, line: number, todo: Pick<TodoComment, 'keyword' | 'title'>): TrackedTodo {
    const tracked = { line };
    const key = uri.toString();
    const list = this.byFile.get(key) ?? [];
    list.push(tracked);
    this.byFile.set(key, list);
    return {
      uri,
      todo,
      get expectedLine() {
        return tracked.line;
      },
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.byFile.clear();
  }
}

export type WriteBackResult =
  | { readonly kind: 'written' | 'already-there'; readonly line: number }
  | { readonly kind: 'disabled' | 'not-found' };

/**
 * Writes `tallyfy:<id>` into the tracked TODO as one undoable edit, as `tallyfy.writeBack` says. With
 * `saveIfClean`, as VS Code's refactorings do under `files.refactoring.autoSave`, a file that had no
 * unsaved changes is saved after the edit; one that had some keeps them unsaved.
 */
export async function writeBackReference(
  tracker: TrackedTodo,
  id: string,
  deps: { readonly settings: SettingsReader; readonly todos: DocumentTodos; readonly log: Logger },
  options: { readonly saveIfClean?: boolean } = {},
): Promise<WriteBackResult> {
  const { log } = deps;
  const mode = deps.settings.get('writeBack', tracker.uri);
  if (mode === 'none') {
    return { kind: 'disabled' };
  }
  const document = await vscode.workspace.openTextDocument(tracker.uri);
  const current = deps.todos.refind(document, {
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
  const wasDirty = document.isDirty;
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(tracker.uri, new vscode.Range(edit.line, edit.startCharacter, edit.line, edit.endCharacter), edit.newText);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
    log.warn(`VS Code refused the edit that writes task ${id} into ${tracker.uri.toString()}.`);
    return { kind: 'not-found' };
  }
  if (options.saveIfClean === true && !wasDirty && vscode.workspace.getConfiguration('files').get<boolean>('refactoring.autoSave', true)) {
    if (!(await document.save())) log.warn(`Could not save ${tracker.uri.toString()} after writing task ${id} into it.`);
  }
  return { kind: 'written', line: edit.line };
}
