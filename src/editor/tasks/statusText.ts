import * as vscode from 'vscode';
import type { TaskState } from '../../core/tasks';

/** A task state as the user reads it, in the user's language. */
export function stateLabel(state: TaskState): string {
  switch (state) {
    case 'not-started':
      return vscode.l10n.t('Not started');
    case 'in-progress':
      return vscode.l10n.t('In progress');
    case 'completed':
      return vscode.l10n.t('Completed');
    case 'overdue':
      return vscode.l10n.t('Overdue');
    case 'archived':
      return vscode.l10n.t('Archived');
    case 'deleted':
      return vscode.l10n.t('Deleted in Tallyfy');
  }
}

/** The status line of a task's tooltip or hover: its state, then the status as Tallyfy reports it. */
export function statusLine(state: TaskState, status: string): string {
  return vscode.l10n.t('Status: {0} ({1})', stateLabel(state), status);
}

/** A task's tooltip in a view: its state's icon and its title in bold, then one line per row, all as text. */
export function taskTooltip(icon: string, title: string, rows: readonly string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportThemeIcons = true;
  md.appendMarkdown(`$(${icon}) **`);
  md.appendText(title);
  md.appendMarkdown('**\n\n');
  for (const row of rows) {
    md.appendText(row);
    md.appendMarkdown('  \n');
  }
  return md;
}
