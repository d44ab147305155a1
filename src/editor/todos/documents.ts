// The TODOs of the open documents. Each open document that is asked about gets one remembered scan
// (core/todo DocumentScan), told of every edit and dropped when the document closes, so that the lightbulb,
// the hover, the context keys, CodeLens, the diagnostics and the commands read it exactly and lex each line
// once, however far down it is. A scan answers for the document's language (by file name when VS Code
// shows it as plain text, see `detectorLanguage`) and the keywords set for it; either changing starts it over.
import * as vscode from 'vscode';
import {
  DocumentScan,
  detectorLanguage,
  scanKey,
  todoMeant,
  todosInRange,
  type ExpectedTodo,
  type LineSource,
  type ScannedText,
  type TextChange,
  type TodoComment,
  type TodoRange,
} from '../../core/todo';
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

/** A document as a scan reads it, at its current version. */
function scannedText(document: vscode.TextDocument): ScannedText {
  return {
    version: document.version,
    lineCount: document.lineCount,
    eolLength: document.eol === vscode.EndOfLine.CRLF ? 2 : 1,
    lineAt: (line) => document.lineAt(line).text,
    offsetAt: (line) => document.offsetAt(new vscode.Position(line, 0)),
    lineOf: (offset) => document.positionAt(offset).line,
    textOf: (from, to) => document.getText(new vscode.Range(from, 0, to, 0)),
  };
}

function changesOf(event: vscode.TextDocumentChangeEvent): TextChange[] {
  return event.contentChanges.map((c) => ({ range: fromVsRange(c.range), rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text }));
}

/** The remembered scans of the open documents; one per window (see `documentTodos`). */
export class DocumentTodos implements vscode.Disposable {
  private readonly scans = new Map<string, DocumentScan>();
  private readonly subscriptions: vscode.Disposable;

  constructor(private readonly settings: SettingsReader) {
    this.subscriptions = vscode.Disposable.from(
      vscode.workspace.onDidChangeTextDocument((e) => this.scans.get(e.document.uri.toString())?.applyChanges(changesOf(e), e.document.version)),
      vscode.workspace.onDidCloseTextDocument((document) => this.scans.delete(document.uri.toString())),
    );
  }

  /** Every TODO of the document, in order. */
  all(document: vscode.TextDocument): readonly TodoComment[] {
    const scan = this.scanOf(document);
    return scan === undefined ? [] : scan.all(scannedText(document));
  }

  /** The TODOs that touch the lines of a range (a range ending at character 0 of a later line does not touch that line). */
  inRange(document: vscode.TextDocument, range: vscode.Range): TodoComment[] {
    const scan = this.scanOf(document);
    return scan === undefined ? [] : todosInRange(scan, scannedText(document), fromVsRange(range));
  }

  /** The TODO at a position or across a selection; for a position on a line with several, the one at the cursor. */
  at(document: vscode.TextDocument, range: vscode.Range): TodoComment | undefined {
    return todoMeant(this.inRange(document, range), fromVsRange(range));
  }

  /** A TODO again after the document may have changed: the same keyword and title, nearest its line (see DocumentScan.refind). */
  refind(document: vscode.TextDocument, expected: ExpectedTodo, maxDistance = 500): TodoComment | undefined {
    return this.scanOf(document)?.refind(scannedText(document), expected, maxDistance);
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.scans.clear();
  }

  /** The document's scan for its language and keywords as they are now; undefined when no keyword is set. */
  private scanOf(document: vscode.TextDocument): DocumentScan | undefined {
    const keywords = this.settings.get('todoKeywords', document);
    if (keywords.length === 0) return undefined;
    const language = detectorLanguage(document.languageId, document.uri.path);
    const key = scanKey(language, keywords);
    const uri = document.uri.toString();
    let scan = this.scans.get(uri);
    if (scan?.key !== key) {
      scan = new DocumentScan(key, language, keywords, document.version);
      this.scans.set(uri, scan);
    }
    return scan;
  }
}

/** The window's DocumentTodos, for `PartHost.shared`: a part asks for it before it listens to edits itself. */
export function documentTodos(host: { readonly settings: SettingsReader }): DocumentTodos {
  return new DocumentTodos(host.settings);
}
