import * as vscode from 'vscode';
import { ContextKeys } from '../../core/contract';
import type { DocumentTodos } from './documents';

/**
 * Keeps `tallyfy.onTodo` and `tallyfy.onLinkedTodo` current as the cursor moves, for the right-click
 * item and the keybinding. Updated at once on a selection change (a right-click moves the cursor just
 * before the menu opens), which stays cheap: the document's remembered scan answers, and `setContext` runs
 * only when a value changes. Typing is debounced.
 */
export function registerTodoContextKeys(todos: DocumentTodos): vscode.Disposable {
  let onTodo = false;
  let onLinked = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const set = (todo: boolean, linked: boolean): void => {
    if (todo !== onTodo) {
      onTodo = todo;
      void vscode.commands.executeCommand('setContext', ContextKeys.onTodo, todo);
    }
    if (linked !== onLinked) {
      onLinked = linked;
      void vscode.commands.executeCommand('setContext', ContextKeys.onLinkedTodo, linked);
    }
  };
  const update = (editor: vscode.TextEditor | undefined): void => {
    if (editor === undefined) {
      set(false, false);
      return;
    }
    const todo = todos.at(editor.document, editor.selection);
    set(todo !== undefined, (todo?.references.length ?? 0) > 0);
  };
  const schedule = (editor: vscode.TextEditor | undefined): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => update(editor), 50);
  };
  update(vscode.window.activeTextEditor);
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((e) => update(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) schedule(vscode.window.activeTextEditor);
    }),
    { dispose: () => timer !== undefined && clearTimeout(timer) },
  );
}
