// A document's TODOs, remembered between queries and kept exact through its edits, as an editor's tokenizer
// keeps its line states. What is remembered:
//
// - the lexer state at every line start, as the offsets of the lines whose start state differs from the
//   line before's (a JSDoc block adds two, a line of code none);
// - the TODOs, in document order;
// - how far the document has been scanned (the frontier): a query scans only as far as it needs.
//
// An edit drops what it touched: the TODOs that reach its lines (or end on the line before, which it may
// extend) and the states inside it; what follows is kept, moved by the edit's lines and characters. The next
// query lexes again from the first line the edit touched until the state at a line start after the edit
// equals the one remembered for it; from there on the document is as it was. An edit that opens a block
// comment so costs up to where that comment closes, a one-character edit a line or two.

import { type KeywordSet, compileKeywords } from './keywords';
import { LineScanner } from './lineScan';
import { type LexState, type Syntax, sameState, syntaxFor } from './syntax';
import { scanText, withLfForLoneCr } from './textScan';
import { MAX_CONTINUATION_LINES } from './todoBuilder';
import type { TodoComment, TodoPosition, TodoRange, TodoReference } from './types';

/** The document a scan reads, as an editor holds it. */
export interface ScannedText {
  /** Grows with every change (VS Code's `TextDocument.version`). */
  readonly version: number;
  readonly lineCount: number;
  /** A line's text, without its line end. */
  lineAt(line: number): string;
  /** The offset where a line starts. */
  offsetAt(line: number): number;
  /** The line holding an offset. */
  lineOf(offset: number): number;
  /** Lines [from, to) with their line ends (to = lineCount: to the document's end). */
  textOf(from: number, to: number): string;
  /** The length of a line end: 1 for `\n`, 2 for `\r\n`. */
  readonly eolLength: number;
}

/** One change of an edit, as VS Code reports it (`TextDocumentContentChangeEvent`); changes apply in order. */
export interface TextChange {
  /** The replaced range, in the document as the changes before this one left it. */
  readonly range: TodoRange;
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** A TODO to find again: where it was, and what it said. */
export interface ExpectedTodo {
  /** Where the TODO was (0-based line). */
  readonly line: number;
  readonly keyword: string;
  readonly title: string;
}

/** What a scan's answers depend on besides the text: the language read and the keywords looked for. */
export function scanKey(language: string, keywords: readonly string[]): string {
  return `${language}\u0000${keywords.join('\u0000')}`;
}

export class DocumentScan {
  readonly syntax: Syntax;
  readonly keywords: KeywordSet;
  /** Lexes lines again after edits. */
  private readonly scanner: LineScanner;
  private version: number;
  /** Lines [0, frontier) have been scanned. */
  private frontier = 0;
  /** The TODOs of the scanned lines, in document order. */
  private todos: TodoComment[] = [];
  /** The offsets of the line starts whose state differs from the line before's, ascending, and those states. */
  private offsets: number[] = [];
  private states: LexState[] = [];
  /** Lines [dirtyFrom, dirtyTo) changed or may read differently since they were scanned; dirtyFrom -1: none. */
  private dirtyFrom = -1;
  private dirtyTo = -1;

  constructor(
    readonly key: string,
    language: string,
    keywords: readonly string[],
    version: number,
  ) {
    this.syntax = syntaxFor(language);
    this.keywords = compileKeywords(keywords);
    this.scanner = new LineScanner(this.syntax, this.keywords);
    this.version = version;
  }

  /** Every TODO of the document, in order. */
  all(text: ScannedText): readonly TodoComment[] {
    this.prepare(text, text.lineCount);
    return this.todos.slice();
  }

  /** The TODOs that touch lines [first, last] (their first line, continuation or last line there), in order. */
  touching(text: ScannedText, first: number, last: number): TodoComment[] {
    this.prepare(text, last + 1);
    const todos = this.todos;
    const out: TodoComment[] = [];
    for (let i = this.firstReaching(first), end = this.firstStartingAfter(last); i < end; i++) {
      const todo = todos[i] as TodoComment;
      if (todo.range.end.line >= first) out.push(todo);
    }
    return out;
  }

  /**
   * The TODO with the same keyword and title whose first line is nearest to `expected.line` (ties: the one
   * below), within `maxDistance` lines; undefined when there is none, so that a stale position never gets an edit.
   */
  refind(text: ScannedText, expected: ExpectedTodo, maxDistance: number): TodoComment | undefined {
    const lo = Math.max(0, expected.line - maxDistance);
    const hi = expected.line + maxDistance;
    this.prepare(text, hi + 1);
    const title = normalTitle(expected.title);
    let best: TodoComment | undefined;
    let bestDistance = Infinity;
    for (let i = this.firstStartingAfter(lo - 1); i < this.todos.length; i++) {
      const todo = this.todos[i] as TodoComment;
      const line = todo.range.start.line;
      if (line > hi) break;
      if (todo.keyword !== expected.keyword || normalTitle(todo.title) !== title) continue;
      const d = line - expected.line;
      const distance = Math.abs(d) * 2 - (d > 0 ? 1 : 0);
      if (distance < bestDistance) {
        best = todo;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** The lexer state at the start of a line. */
  stateAt(text: ScannedText, line: number): LexState {
    this.prepare(text, line);
    return line <= 0 ? this.syntax.start : this.stateAtOffset(text.offsetAt(line));
  }

  /** How much is remembered: TODOs and state changes (for measuring). */
  get size(): { readonly todos: number; readonly transitions: number; readonly frontier: number } {
    return { todos: this.todos.length, transitions: this.offsets.length, frontier: this.frontier };
  }

  /**
   * Takes in one edit's changes, which made the document `version`. Nothing is lexed until a query. A
   * version already seen is skipped: a query made while VS Code was still telling of the edit read the
   * document as it is now, from scratch.
   */
  applyChanges(changes: readonly TextChange[], version: number): void {
    if (version <= this.version) return;
    for (const change of changes) this.applyChange(change);
    this.version = version;
  }

  // ---- Edits ----

  private applyChange(change: TextChange): void {
    const first = change.range.start.line;
    const last = change.range.end.line;
    const added = countLineBreaks(change.text);
    const lineDelta = added - (last - first);
    const firstDropped = this.dropTodosNear(first, last, lineDelta);
    this.markDirty(Math.min(first, firstDropped), first + added + 1, last, lineDelta);
    this.moveStates(change);
    if (this.frontier > first) this.frontier = Math.max(this.frontier, last + 1) + lineDelta;
  }

  /**
   * Drops the TODOs that reach lines [first, last] or end on the line before (the change may extend them),
   * and moves the ones after by `lineDelta`. Returns the first line of the dropped ones (Infinity for none).
   */
  private dropTodosNear(first: number, last: number, lineDelta: number): number {
    const todos = this.todos;
    const from = this.firstReaching(first - 1);
    const after = this.firstStartingAfter(last);
    let firstDropped = Infinity;
    let kept = from;
    for (let i = from; i < after; i++) {
      const todo = todos[i] as TodoComment;
      if (todo.range.end.line >= first - 1) firstDropped = Math.min(firstDropped, todo.range.start.line);
      else todos[kept++] = todo;
    }
    todos.splice(kept, after - kept);
    if (lineDelta !== 0) for (let i = kept; i < todos.length; i++) todos[i] = movedTodo(todos[i] as TodoComment, lineDelta);
    return firstDropped;
  }

  /**
   * Adds lines [from, to) (as the change of lines [first, last] left them) to the dirty lines: one span from
   * the first dirty line to the last, those already dirty moved with the change.
   */
  private markDirty(from: number, to: number, last: number, lineDelta: number): void {
    if (this.dirtyFrom < 0) {
      this.dirtyFrom = from;
      this.dirtyTo = to;
      return;
    }
    this.dirtyFrom = Math.min(this.dirtyFrom, from);
    this.dirtyTo = Math.max(this.dirtyTo > last ? this.dirtyTo + lineDelta : this.dirtyTo, to);
  }

  /**
   * Drops the states of the line starts inside the replaced text and moves the later ones by the change's
   * length. The state the first line after the change started in is kept just past the inserted text, so
   * that the next query can tell when its lexing meets what was there before.
   */
  private moveStates(change: TextChange): void {
    const start = change.rangeOffset;
    const end = start + change.rangeLength;
    const shift = change.text.length - change.rangeLength;
    const after = this.stateAtOffset(end);
    const firstInside = this.firstOffsetAfter(start);
    const firstAfter = this.firstOffsetAfter(end);
    // Past the start of the change's last line, not past the start of the line after it. A state kept for
    // that line's start lands on the same offset, after this one, and wins.
    const fence = start + change.text.length + 1;
    const before = firstInside === 0 ? this.syntax.start : (this.states[firstInside - 1] as LexState);
    const fenced = !sameState(before, after);
    const { offsets, states } = this;
    if (fenced) {
      offsets.splice(firstInside, firstAfter - firstInside, fence);
      states.splice(firstInside, firstAfter - firstInside, after);
    } else {
      offsets.splice(firstInside, firstAfter - firstInside);
      states.splice(firstInside, firstAfter - firstInside);
    }
    if (shift !== 0) for (let i = firstInside + (fenced ? 1 : 0); i < offsets.length; i++) offsets[i] = (offsets[i] as number) + shift;
  }

  // ---- Queries ----

  /** Brings the scan up to `text` and lexes again what edits touched, then scans lines up to `needed`. */
  private prepare(text: ScannedText, needed: number): void {
    if (text.version !== this.version) this.reset(text.version);
    if (this.dirtyFrom >= 0) {
      const from = this.dirtyFrom;
      const to = this.dirtyTo;
      this.dirtyFrom = this.dirtyTo = -1;
      if (from < this.frontier) this.rescan(text, from, to);
    }
    this.extend(text, Math.min(needed, text.lineCount));
  }

  private reset(version: number): void {
    this.version = version;
    this.frontier = 0;
    this.todos = [];
    this.offsets = [];
    this.states = [];
    this.dirtyFrom = this.dirtyTo = -1;
  }

  /** Scans lines [frontier, to) with the whole-text scan of their text. */
  private extend(text: ScannedText, to: number): void {
    const from = this.frontier;
    if (to <= from) return;
    const base = text.offsetAt(from);
    const all = to >= text.lineCount;
    // TODOs whose heads are before `to` read their continuation lines past it.
    const chunk = withLfForLoneCr(text.textOf(from, all ? text.lineCount : Math.min(text.lineCount, to + MAX_CONTINUATION_LINES + 1)));
    const found = this.offsets.length;
    scanText(chunk, {
      syntax: this.syntax,
      keywords: this.keywords,
      state: this.stateAtOffset(base),
      stopAt: all ? chunk.length : text.offsetAt(to) - base,
      lineOf: (offset) => text.lineOf(base + offset),
      found: { todos: this.todos, transitions: { offsets: this.offsets, states: this.states } },
    });
    // The scan gives offsets into the chunk.
    if (base !== 0) for (let i = found; i < this.offsets.length; i++) this.offsets[i] = (this.offsets[i] as number) + base;
    this.frontier = all ? text.lineCount : to;
  }

  /**
   * Lexes lines from `from` again until, at a line start from `to` on, the state is the one remembered there
   * (or the frontier), and puts what it found in place of what was remembered for those lines.
   */
  private rescan(text: ScannedText, from: number, to: number): void {
    const start = text.offsetAt(from);
    let state = this.stateAtOffset(start);
    const found: TodoComment[] = [];
    const offsets: number[] = [];
    const states: LexState[] = [];
    let remembered = this.firstOffsetAfter(start);
    let line = from;
    let offset = start;
    const lineCount = text.lineCount;
    const end = Math.min(this.frontier, lineCount);
    for (; line < end; line++) {
      if (line >= to) {
        while (remembered < this.offsets.length && (this.offsets[remembered] as number) <= offset) remembered++;
        const before = remembered === 0 ? this.syntax.start : (this.states[remembered - 1] as LexState);
        if (sameState(state, before)) break;
      }
      const lineText = text.lineAt(line);
      const after = this.scanner.line(text, line, lineText, state, (todo) => found.push(todo));
      offset += lineText.length + text.eolLength;
      if (after !== state && line + 1 < lineCount) {
        offsets.push(offset);
        states.push(after);
      }
      state = after;
    }
    this.replaceStates(start, offset, offsets, states);
    this.replaceTodos(from, line, found);
  }

  /** Puts `offsets`/`states` in place of the remembered states at offsets in (from, to]. */
  private replaceStates(from: number, to: number, offsets: number[], states: LexState[]): void {
    const a = this.firstOffsetAfter(from);
    const b = this.firstOffsetAfter(to);
    this.offsets.splice(a, b - a, ...offsets);
    this.states.splice(a, b - a, ...states);
  }

  /** Puts `found` in place of the remembered TODOs starting on lines [from, to). */
  private replaceTodos(from: number, to: number, found: TodoComment[]): void {
    const a = this.firstStartingAfter(from - 1);
    const b = this.firstStartingAfter(to - 1);
    this.todos.splice(a, b - a, ...found);
  }

  /** The state at the line start at `offset`. */
  private stateAtOffset(offset: number): LexState {
    const i = this.firstOffsetAfter(offset);
    return i === 0 ? this.syntax.start : (this.states[i - 1] as LexState);
  }

  /** The index of the first remembered state change at an offset past `offset`. */
  private firstOffsetAfter(offset: number): number {
    const offsets = this.offsets;
    return firstPast(offsets.length, (i) => offsets[i] as number, offset);
  }

  /** The index of the first remembered TODO that may reach `line`: a TODO ends at most MAX_CONTINUATION_LINES lines after it starts. */
  private firstReaching(line: number): number {
    return this.firstStartingAfter(line - MAX_CONTINUATION_LINES - 1);
  }

  /** The index of the first remembered TODO starting on a line past `line`. */
  private firstStartingAfter(line: number): number {
    const todos = this.todos;
    return firstPast(todos.length, (i) => (todos[i] as TodoComment).range.start.line, line);
  }
}

/** In a list of `count` keys in ascending order, the index of the first key past `value` (binary search). */
function firstPast(count: number, keyAt: (index: number) => number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many line ends a text holds (`\r\n`, `\n` and a lone `\r` each end a line). */
function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** Collapses blanks, for comparing titles. */
function normalTitle(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function movedPosition(p: TodoPosition, lines: number): TodoPosition {
  return { line: p.line + lines, character: p.character };
}

function movedRange(r: TodoRange, lines: number): TodoRange {
  return { start: movedPosition(r.start, lines), end: movedPosition(r.end, lines) };
}

/** The same TODO, `lines` lines further down. */
function movedTodo(todo: TodoComment, lines: number): TodoComment {
  return {
    ...todo,
    referenceTokens: todo.referenceTokens.length === 0 ? todo.referenceTokens : todo.referenceTokens.map((r): TodoReference => ({ id: r.id, range: movedRange(r.range, lines) })),
    range: movedRange(todo.range, lines),
    keywordRange: movedRange(todo.keywordRange, lines),
    tagsRange: todo.tagsRange === undefined ? undefined : movedRange(todo.tagsRange, lines),
    headEnd: movedPosition(todo.headEnd, lines),
  };
}
