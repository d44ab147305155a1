import * as vscode from 'vscode';
import { CodeActionTitles, Commands } from '../../core/contract';
import type { SettingsReader } from '../settings';
import { todoAt, toVsRange } from './documents';

/**
 * The lightbulb on TODO comment lines: "Create Tallyfy task from TODO", or "Open Tallyfy task" on a TODO
 * that already carries a reference. Nothing anywhere else.
 */
class TodoCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly settings: SettingsReader) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const todo = todoAt(document, range, this.settings);
    if (todo === undefined) {
      return [];
    }
    const [linked] = todo.references;
    if (linked !== undefined) {
      const open = new vscode.CodeAction(vscode.l10n.t(CodeActionTitles.open), vscode.CodeActionKind.QuickFix);
      open.command = { command: Commands.openTask, title: open.title, arguments: [linked] };
      return [open];
    }
    const create = new vscode.CodeAction(vscode.l10n.t(CodeActionTitles.create), vscode.CodeActionKind.QuickFix);
    create.command = { command: Commands.createTaskFromTodoMenu, title: create.title, arguments: [document.uri, toVsRange(todo.range)] };
    return [create];
  }
}

export function registerTodoCodeActions(settings: SettingsReader): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new TodoCodeActions(settings), {
    providedCodeActionKinds: TodoCodeActions.kinds,
  });
}
