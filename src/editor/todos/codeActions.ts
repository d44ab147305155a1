import * as vscode from 'vscode';
import { CodeActionTitles, Commands } from '../../core/contract';
import { titleToOffer } from '../../core/linked/titleChange';
import type { TaskRecord } from '../../core/records';
import { toVsRange, type DocumentTodos } from './documents';

/**
 * The lightbulb on TODO comment lines: "Create Tallyfy task from TODO" and "Link TODO to existing Tallyfy
 * task", or on a TODO that already carries a reference "Open Tallyfy task" (and "Update the task's
 * title" when the saved TODO's text no longer matches it). Nothing anywhere else.
 */
class TodoCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly todos: DocumentTodos,
    private readonly recordOf: (id: string) => TaskRecord | undefined,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const todo = this.todos.at(document, range);
    if (todo === undefined) {
      return [];
    }
    const [linked] = todo.references;
    if (linked !== undefined) {
      const open = new vscode.CodeAction(vscode.l10n.t(CodeActionTitles.open), vscode.CodeActionKind.QuickFix);
      open.command = { command: Commands.openTask, title: open.title, arguments: [linked] };
      const title = titleToOffer(todo.title, this.recordOf(linked), document.isDirty);
      if (title === undefined) return [open];
      const update = new vscode.CodeAction(vscode.l10n.t(CodeActionTitles.updateTitle), vscode.CodeActionKind.QuickFix);
      update.command = { command: Commands.updateTaskTitle, title: update.title, arguments: [linked, title] };
      return [open, update];
    }
    const args = [document.uri, toVsRange(todo.range)];
    const create = new vscode.CodeAction(vscode.l10n.t(CodeActionTitles.create), vscode.CodeActionKind.QuickFix);
    create.command = { command: Commands.createTaskFromTodoMenu, title: create.title, arguments: args };
    const link = new vscode.CodeAction(vscode.l10n.t(CodeActionTitles.link), vscode.CodeActionKind.QuickFix);
    link.command = { command: Commands.linkTodoToTask, title: link.title, arguments: args };
    return [create, link];
  }
}

export function registerTodoCodeActions(todos: DocumentTodos, recordOf: (id: string) => TaskRecord | undefined): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new TodoCodeActions(todos, recordOf), {
    providedCodeActionKinds: TodoCodeActions.kinds,
  });
}
