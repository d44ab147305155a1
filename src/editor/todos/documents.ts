import * as vscode from 'vscode';
import { findTodoAt, type LineSource, type TodoComment, type TodoRange } from '../../core/todo';
import type { SettingsReader } from '../settings';

/** A document's lines as the detector reads them, without copying the text. */
export function lineSource(document: vscode.TextDocument): LineSource {
  return { lineCount: document.lineCount, lineAt: (line) => document.lineAt(line).text };
}

export function toVsRange(range: TodoRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function fromVsRange(range: vscode.Range): TodoRange {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

/** The TODO at a position or across a selection, with the user's keywords. Reads only nearby lines. */
export function todoAt(document: vscode.TextDocument, range: vscode.Range, settings: SettingsReader): TodoComment | undefined {
  const keywords = settings.get('todoKeywords', document);
  if (keywords.length === 0) {
    return undefined;
  }
  return findTodoAt(lineSource(document), document.languageId, keywords, fromVsRange(range));
}
