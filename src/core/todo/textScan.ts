// The whole-text scan: the fastest way through a document from a known state. Only the lines that hold a
// keyword, or something that can open or close a multi-line construct in the current state, are lexed;
// every other line is known to leave the state as it is. Lines that only open or only close a simple block
// comment (most JSDoc blocks begin and end so) are passed without lexing, and a whole block without a
// keyword is passed at once. Line numbers are worked out only for the lines that hold a TODO.

import { isBlankCode, isBlankRange } from './chars';
import { parseHead } from './commentLine';
import { RememberingFinder } from './delimiters';
import type { KeywordSet } from './keywords';
import { type Segment, Lexer } from './lexer';
import { Streams } from './streams';
import { type LexState, type SimpleBlock, type Syntax, changeNeedles, stateKey } from './syntax';
import { TextLines, TodoBuilder, withoutCr } from './todoBuilder';
import type { TodoComment } from './types';

/** What a scan finds, added in document order. */
export interface ScanFindings {
  readonly todos: TodoComment[];
  /** When given: the offsets of the lines that start in another state than the line before, and those states. */
  readonly transitions?: { readonly offsets: number[]; readonly states: LexState[] };
}

export interface TextScan {
  readonly syntax: Syntax;
  readonly keywords: KeywordSet;
  /** The state the text starts in. */
  readonly state: LexState;
  /** Lines starting at or after this offset are not scanned (their TODOs not reported); the text's length for all. */
  readonly stopAt: number;
  /** The line (0-based, in the caller's numbering) of an offset of the text. */
  lineOf(offset: number): number;
  readonly found: ScanFindings;
}

/**
 * Whether a text ends lines with a lone `\r` (classic Mac), judged by its first line end: looking through
 * all of a large text for a `\r` would cost a pass of its own, and files do not mix styles in practice.
 */
export function hasLoneCr(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (head.indexOf('\r') < 0) return false;
  const m = /\r(?!\n)/.exec(head);
  return m !== null && (m.index < head.length - 1 || text.charCodeAt(m.index + 1) !== 10);
}

/** The text with each lone `\r` made a `\n`: the same length, so offsets stay as they were. */
export function withLfForLoneCr(text: string): string {
  return hasLoneCr(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** The needles of a state, as stream ids; null: every line must be lexed. */
interface Candidates {
  readonly streams: readonly number[] | null;
  /** Keywords can start a TODO in this state. */
  readonly keywords: boolean;
}

/** Scans `text` (see TextScan); lone `\r` line ends must have been made `\n` (withLfForLoneCr). */
export function scanText(text: string, scan: TextScan): void {
  new TextScanner(text, scan).run();
}

class TextScanner {
  private readonly streams: Streams;
  private readonly keywordStreams: number[];
  /** Per simple block's construct: the stream of its closer. */
  private readonly closerStreams: number[] = [];
  private readonly candidates = new Map<LexState | string, Candidates>();
  /** Lexes the scanned lines in order; continuation lines, ahead of them, have a lexer of their own. */
  private readonly lexer: Lexer;
  private readonly builder: TodoBuilder;
  private readonly continuation: TextLines;
  private readonly segments: Segment[] = [];
  /** The first keyword at or after `keywordFrom` is at `keywordNext` (or the text's end). */
  private keywordFrom = -1;
  private keywordNext = -1;
  private readonly end: number;
  private readonly stop: number;

  constructor(
    private readonly text: string,
    private readonly scan: TextScan,
  ) {
    this.end = text.length;
    this.stop = Math.min(scan.stopAt, text.length);
    this.lexer = new Lexer(scan.syntax, new RememberingFinder());
    this.builder = new TodoBuilder(new Lexer(scan.syntax), scan.keywords);
    this.continuation = new TextLines(text);
    this.streams = new Streams(text, scan.keywords);
    this.keywordStreams = scan.keywords.plain.map((k) => this.streams.id(k, true));
    if (scan.keywords.tags) this.keywordStreams.push(this.streams.id('@', true));
    for (const block of scan.syntax.simpleBlocks) this.closerStreams[block.construct] = this.streams.id(block.closer, false);
  }

  run(): void {
    const { syntax } = this.scan;
    const text = this.text;
    let state = this.scan.state;
    let candidates = this.candidatesOf(state);
    let cur = 0; // the start of the first line not passed yet
    while (cur < this.stop) {
      const hit = this.nextCandidate(cur, candidates);
      if (hit >= this.stop) break;
      const newline = text.indexOf('\n', hit);
      const lineEnd = withoutCr(text, hit, newline < 0 ? this.end : newline);
      const next = newline < 0 ? this.end : newline + 1;
      // Where keywords are searched, none lies in [cur, hit): the line holds one only if one follows hit.
      let lineStart = candidates.streams === null ? cur : -1;
      if (candidates.streams !== null && !candidates.keywords) lineStart = this.startOfLine(cur, hit);
      const keyword = this.keywordAt(lineStart < 0 ? hit : lineStart) < lineEnd;
      if (!keyword && syntax.simpleBlocks.length > 0) {
        const passed = this.passBlockEdge(cur, hit, lineEnd, state);
        if (passed !== undefined) {
          if (newline < 0) break;
          cur = next;
          if (passed === state) continue;
          state = passed;
          this.transition(cur, state);
          const after = this.passWholeBlock(cur, state);
          if (after !== undefined) {
            state = syntax.start;
            this.transition(after, state);
            cur = after;
          }
          candidates = this.candidatesOf(state);
          continue;
        }
      }
      if (lineStart < 0) lineStart = this.startOfLine(cur, hit);
      const after = this.lexCandidate(lineStart, lineEnd, next, state, keyword);
      if (after !== state) {
        state = after;
        candidates = this.candidatesOf(state);
        if (newline >= 0) this.transition(next, state);
      }
      if (newline < 0) break;
      cur = next;
    }
  }

  /** The line starting at `offset` starts in `state`, another state than the line before it. */
  private transition(offset: number, state: LexState): void {
    const transitions = this.scan.found.transitions;
    if (transitions === undefined) return;
    transitions.offsets.push(offset);
    transitions.states.push(state);
  }

  /** Lexes a line that may change the state or hold a TODO, and reports its TODOs; returns the state at its end. */
  private lexCandidate(lineStart: number, lineEnd: number, next: number, state: LexState, keyword: boolean): LexState {
    const { keywords } = this.scan;
    const segments = this.segments;
    if (segments.length > 0) segments.length = 0;
    const after = this.lexer.line(this.text, lineStart, lineEnd, state, keyword ? segments : null);
    let line = -1;
    for (let s = 0; s < segments.length; s++) {
      const segment = segments[s] as Segment;
      const head = parseHead(this.text, segment, keywords);
      if (head === undefined) continue;
      if (line < 0) line = this.scan.lineOf(lineStart);
      this.scan.found.todos.push(this.builder.build({ line, text: this.text, base: lineStart, segment, head, after }, this.continuation.from(next)));
    }
    return after;
  }

  /** The first offset at or after `cur` that a line must be lexed for: a keyword or a needle of the state. */
  private nextCandidate(cur: number, candidates: Candidates): number {
    if (candidates.streams === null) return cur;
    let hit = candidates.keywords ? this.keywordAt(cur) : this.end;
    const streams = candidates.streams;
    for (let s = 0; s < streams.length; s++) {
      const q = this.streams.seek(streams[s] as number, cur);
      if (q >= 0 && q < hit) hit = q;
    }
    return hit;
  }

  /** The first keyword occurrence at or after `from`, or the text's end. */
  private keywordAt(from: number): number {
    if (this.keywordNext >= from && this.keywordFrom <= from) return this.keywordNext;
    let best = this.end;
    const streams = this.keywordStreams;
    for (let s = 0; s < streams.length; s++) {
      const q = this.streams.seek(streams[s] as number, from);
      if (q >= 0 && q < best) best = q;
    }
    this.keywordFrom = from;
    this.keywordNext = best;
    return best;
  }

  private candidatesOf(state: LexState): Candidates {
    const key = stateKey(state);
    let found = this.candidates.get(key);
    if (found === undefined) {
      const { needles, keywords } = changeNeedles(this.scan.syntax, state);
      found = { streams: needles === null ? null : [...new Set(needles.map((n) => this.streams.id(n, false)))], keywords };
      this.candidates.set(key, found);
    }
    return found;
  }

  /** The start of the line holding `at`, which is not before the line start `from`. */
  private startOfLine(from: number, at: number): number {
    let i = at;
    while (i > from && this.text.charCodeAt(i - 1) !== 10) i--;
    return i;
  }

  /**
   * The state after a line without keywords that only opens a simple block comment (blanks, then the opener
   * at `hit`, no closer) or only closes one (the closer at `hit`, then blanks), found without lexing it; else
   * undefined. `from` is a line start at or before the line of `hit`, with nothing to lex in between.
   */
  private passBlockEdge(from: number, hit: number, lineEnd: number, state: LexState): LexState | undefined {
    const { syntax } = this.scan;
    const text = this.text;
    if (state === syntax.start) {
      let lineStart = hit;
      while (lineStart > from && isBlankCode(text.charCodeAt(lineStart - 1))) lineStart--;
      if (lineStart > from && text.charCodeAt(lineStart - 1) !== 10) return undefined;
      const blocks = syntax.simpleBlocks;
      for (let b = 0; b < blocks.length; b++) {
        const block = blocks[b] as SimpleBlock;
        if (!text.startsWith(block.opener, hit) || (block.atLineStart && hit !== lineStart)) continue;
        const close = this.streams.seek(this.closerStreams[block.construct] as number, hit + block.opener.length);
        return close >= 0 && close + block.closer.length <= lineEnd ? undefined : block.inside;
      }
      return undefined;
    }
    const block = state.mode === 0 ? syntax.simpleBlockOf[state.construct] : undefined;
    if (block === undefined || !text.startsWith(block.closer, hit) || !isBlankRange(text, hit + block.closer.length, lineEnd)) return undefined;
    return syntax.start;
  }

  /**
   * A simple block comment just opened at the line starting at `cur`: when the line holding its closer ends
   * there and no keyword comes before that line's end (a JSDoc block without @todo), the start of the line
   * after it, where code resumes; else undefined.
   */
  private passWholeBlock(cur: number, state: LexState): number | undefined {
    const block: SimpleBlock | undefined = state === this.scan.syntax.start ? undefined : this.scan.syntax.simpleBlockOf[state.construct];
    if (block === undefined) return undefined;
    const close = this.streams.seek(this.closerStreams[block.construct] as number, cur);
    if (close < 0) return undefined;
    const closeEnd = close + block.closer.length;
    const newline = this.text.indexOf('\n', closeEnd);
    if (newline < 0 || newline + 1 > this.stop) return undefined;
    const lineEnd = withoutCr(this.text, closeEnd, newline);
    return isBlankRange(this.text, closeEnd, lineEnd) && this.keywordAt(cur) >= lineEnd ? newline + 1 : undefined;
  }
}
