// Finding TODO comments in a text without an editor (files read from disk, the workspace index, tests): in
// the whole text (findAllTodos), at a position or across a selection (findTodosInRange, findTodoAt), and
// again near a line after edits (refindTodo). Each call reads the text from its start and forgets it after;
// an editor's open documents keep a DocumentScan instead, which remembers its work between queries.
//
// A TODO is a comment whose text starts with a keyword (after the marker, decoration such as `///`, `/**`
// or a block comment's leading `*`, and blanks), with its continuation lines (see todoBuilder.ts).

import { type DocumentScan as Scan, type ExpectedTodo, type ScannedText, DocumentScan, scanKey } from './documentScan';
import { compileKeywords } from './keywords';
import { LineScanner } from './lineScan';
import { toLineSource } from './lines';
import { syntaxFor } from './syntax';
import { scanText, withLfForLoneCr } from './textScan';
import type { TextDocumentLike, TodoComment, TodoPosition, TodoRange, TodoSource } from './types';

/**
 * Every TODO comment of a text, in order. Give the whole text for the fastest scan (or a document, whose
 * own line index then numbers the lines), or lines. An empty keyword list finds nothing.
 */
export function findAllTodos(source: TodoSource | TextDocumentLike, languageId: string, keywords: readonly string[]): TodoComment[] {
  const set = compileKeywords(keywords);
  const out: TodoComment[] = [];
  if (set.empty) return out;
  const syntax = syntaxFor(languageId);
  if (typeof source === 'string' || isDocument(source)) {
    const raw = typeof source === 'string' ? source : source.getText();
    const text = withLfForLoneCr(raw);
    // A document numbers its lines itself, unless it ends lines with a lone \r it may not count.
    const lineOf = typeof source !== 'string' && text === raw ? (offset: number) => source.positionAt(offset).line : countingLines(text);
    scanText(text, { syntax, keywords: set, state: syntax.start, stopAt: text.length, lineOf, found: { todos: out } });
    return out;
  }
  const lines = toLineSource(source);
  const scanner = new LineScanner(syntax, set);
  let state = syntax.start;
  for (let line = 0; line < lines.lineCount; line++) state = scanner.line(lines, line, lines.lineAt(line), state, (t) => out.push(t));
  return out;
}

/** Line numbers of offsets asked for in ascending order, by counting line ends forward from the last one asked. */
function countingLines(text: string): (offset: number) => number {
  let countedTo = 0;
  let line = 0;
  return (offset) => {
    for (let i = text.indexOf('\n', countedTo); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    countedTo = offset;
    return line;
  };
}

function isDocument(source: TodoSource | TextDocumentLike): source is TextDocumentLike {
  return typeof (source as TextDocumentLike).getText === 'function' && typeof (source as TextDocumentLike).positionAt === 'function';
}

function isRange(at: TodoPosition | TodoRange): at is TodoRange {
  return (at as TodoRange).start !== undefined;
}

/**
 * The TODOs that touch lines [range.start.line, range.end.line] (a range ending at character 0 of a later
 * line does not touch that line), in order.
 */
export function findTodosInRange(source: TodoSource, languageId: string, keywords: readonly string[], at: TodoRange | TodoPosition): TodoComment[] {
  const text = scannedText(source);
  if (compileKeywords(keywords).empty || text.lineCount === 0) return [];
  return todosInRange(new DocumentScan(scanKey(languageId, keywords), languageId, keywords, text.version), text, at);
}

/** The lines a selection or position covers, as findTodosInRange counts them, or undefined for an empty document. */
function linesOf(at: TodoRange | TodoPosition, lineCount: number): { readonly first: number; readonly last: number } | undefined {
  if (lineCount === 0) return undefined;
  const r = isRange(at) ? at : { start: at, end: at };
  const lastLine = lineCount - 1;
  let first = Math.min(Math.max(0, r.start.line), lastLine);
  let last = Math.min(Math.max(0, r.end.line), lastLine);
  if (last < first) [first, last] = [last, first];
  if (last > first && r.end.character === 0 && r.end.line <= lastLine) last--;
  return { first, last };
}

/** The TODOs a scan finds on the lines a selection or position covers. */
export function todosInRange(scan: Scan, text: ScannedText, at: TodoRange | TodoPosition): TodoComment[] {
  const lines = linesOf(at, text.lineCount);
  return lines === undefined ? [] : scan.touching(text, lines.first, lines.last);
}

/**
 * Of the TODOs found at a position or selection, the one meant: for a position on a line with several, the
 * last one starting at or before the character; across a selection, the first.
 */
export function todoMeant(found: readonly TodoComment[], at: TodoPosition | TodoRange): TodoComment | undefined {
  if (found.length <= 1) return found[0];
  if (isRange(at) && (at.start.line !== at.end.line || at.start.character !== at.end.character)) return found[0];
  const p = isRange(at) ? at.start : at;
  let best: TodoComment | undefined;
  for (const t of found) if (t.range.start.line === p.line && t.range.start.character <= p.character) best = t;
  return best ?? found[0];
}

/**
 * The TODO at a position (any line of it, continuation lines included) or across a selection; undefined when
 * there is none: the editor may then offer to create a task from the selected text.
 */
export function findTodoAt(source: TodoSource, languageId: string, keywords: readonly string[], at: TodoPosition | TodoRange): TodoComment | undefined {
  return todoMeant(findTodosInRange(source, languageId, keywords, at), at);
}

/**
 * Finds a TODO again after the text may have changed: the TODO with the same keyword and title whose first
 * line is nearest to `expected.line` (ties: the one below), within `maxDistance` lines. Undefined when there
 * is none, so a stale position never gets an edit.
 */
export function refindTodo(
  source: TodoSource,
  languageId: string,
  keywords: readonly string[],
  expected: ExpectedTodo,
  maxDistance = 500,
): TodoComment | undefined {
  const text = scannedText(source);
  if (compileKeywords(keywords).empty || text.lineCount === 0) return undefined;
  return new DocumentScan(scanKey(languageId, keywords), languageId, keywords, text.version).refind(text, expected, maxDistance);
}

/** A text without an editor, as a scan reads a document: its lines, joined by `\n`. */
function scannedText(source: TodoSource): ScannedText {
  const lines = toLineSource(source);
  let starts: number[] | undefined;
  const lineStarts = (): number[] => {
    if (starts === undefined) {
      starts = [0];
      for (let i = 0; i < lines.lineCount; i++) starts.push((starts[i] as number) + lines.lineAt(i).length + 1);
    }
    return starts;
  };
  return {
    version: 0,
    lineCount: lines.lineCount,
    eolLength: 1,
    lineAt: (line) => lines.lineAt(line),
    offsetAt: (line) => lineStarts()[Math.min(line, lines.lineCount)] as number,
    lineOf: (offset) => {
      const s = lineStarts();
      let lo = 0;
      let hi = lines.lineCount - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((s[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    },
    textOf: (from, to) => {
      const parts: string[] = [];
      for (let i = from; i < to; i++) parts.push(lines.lineAt(i));
      return parts.join('\n') + (to < lines.lineCount ? '\n' : '');
    },
  };
}
