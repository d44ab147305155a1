import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import { titleToOffer } from '../../core/linked/titleChange';
import type { TaskRecord } from '../../core/records';
import { isOpenState, taskState } from '../../core/tasks/status';
import { statusLine } from '../tasks/statusText';
import type { DocumentTodos } from './documents';

/** A hover on a linked TODO: the task's title, status, deadline and assignees, with actions. */
class LinkedTodoHover implements vscode.HoverProvider {
  constructor(
    private readonly todos: DocumentTodos,
    private readonly records: () => readonly TaskRecord[],
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const todo = this.todos.at(document, new vscode.Range(position, position));
    const token = todo?.referenceTokens.find((t) => t.range.start.line === position.line) ?? todo?.referenceTokens[0];
    if (todo === undefined || token === undefined) {
      return undefined;
    }
    const id = token.id;
    const record = this.records().find((r) => r.id === id);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [Commands.showTaskDetails, Commands.openTask, Commands.copyTaskId, Commands.completeTask, Commands.restoreTask, Commands.updateTaskTitle] };
    md.supportThemeIcons = true;
    const state = record === undefined ? undefined : taskState(record, Date.now());
    if (record !== undefined && state !== undefined) {
      md.appendMarkdown('$(tasklist) **');
      md.appendText(record.title);
      md.appendMarkdown('**\n\n');
      const lines: string[] = [statusLine(state, record.status)];
      if (record.deadline !== undefined) {
        lines.push(vscode.l10n.t('Deadline: {0}', new Date(record.deadline).toLocaleString()));
      }
      if (record.assignees.length > 0) {
        lines.push(vscode.l10n.t('Assignees: {0}', record.assignees.join(', ')));
      }
      for (const line of lines) {
        md.appendText(line);
        md.appendMarkdown('  \n');
      }
    } else {
      md.appendText(vscode.l10n.t('Tallyfy task {0}', id));
      md.appendMarkdown('  \n');
      md.appendText(vscode.l10n.t('Not read from Tallyfy yet (linked by someone else). "Tallyfy: Find Linked TODOs" reads it.'));
      md.appendMarkdown('\n\n');
    }
    const args = encodeURIComponent(JSON.stringify([id]));
    // The status action: Complete for an open task, Restore for an archived one.
    let action = '';
    if (state !== undefined && isOpenState(state)) {
      action = ` · [$(check) ${vscode.l10n.t('Complete')}](command:${Commands.completeTask}?${args})`;
    } else if (state === 'archived') {
      action = ` · [$(discard) ${vscode.l10n.t('Restore')}](command:${Commands.restoreTask}?${args})`;
    }
    const title = titleToOffer(todo.title, record, document.isDirty);
    if (title !== undefined) {
      const update = encodeURIComponent(JSON.stringify([id, title]));
      action += ` · [$(edit) ${vscode.l10n.t("Update the task's title")}](command:${Commands.updateTaskTitle}?${update} "${vscode.l10n.t('The TODO now reads differently from the task')}")`;
    }
    md.appendMarkdown(
      `\n\n[$(info) ${vscode.l10n.t('Details')}](command:${Commands.showTaskDetails}?${args}) · ` +
        `[$(link-external) ${vscode.l10n.t('Open in Tallyfy')}](command:${Commands.openTask}?${args}) · ` +
        `[$(copy) ${vscode.l10n.t('Copy id')}](command:${Commands.copyTaskId}?${args})${action}`,
    );
    return new vscode.Hover(md, new vscode.Range(token.range.start.line, token.range.start.character, token.range.end.line, token.range.end.character));
  }
}

export function registerLinkedTodoHover(todos: DocumentTodos, records: () => readonly TaskRecord[]): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ scheme: '*' }, new LinkedTodoHover(todos, records));
}
