// Building a TODO from its head: the title, tag list and references of its first line, then its
// continuation, the following lines of the same comment. For a line comment those are lines holding only a
// comment with the same marker at the same column, whose text is indented past the keyword; for a block
// comment, the rest of the comment. Either stops at a blank comment line, a line starting with a keyword or
// a doc tag (`@param`), or code.

import { isBlankRange, isWordCode } from './chars';
import { type TodoHead, HAS_REFERENCE, contentEnd, contentStart, decorationOf, withoutReferences } from './commentLine';
import type { KeywordSet } from './keywords';
import type { Lexer, Segment } from './lexer';
import { findReferencesIn, indexOfIn } from './references';
import type { LexState } from './syntax';
import type { LineSource, TodoComment, TodoPosition, TodoRange, TodoReference } from './types';

/** At most this many continuation lines belong to one TODO. */
export const MAX_CONTINUATION_LINES = 50;

/**
 * The lines after a TODO's first line, one at a time: `text` holds the current line in [start, end) (the
 * whole document's text, or just that line).
 */
export interface LineCursor {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Moves to the next line; false past the last. */
  advance(): boolean;
}

/** The lines of one text from the line starting at offset `from` (`from` again to start elsewhere). */
export class TextLines implements LineCursor {
  start = 0;
  end = 0;
  private nextStart = 0;
  constructor(readonly text: string) {}
  from(offset: number): this {
    this.nextStart = offset;
    return this;
  }
  advance(): boolean {
    const text = this.text;
    const s = this.nextStart;
    if (s > text.length) return false;
    const newline = text.indexOf('\n', s);
    const e = newline < 0 ? text.length : newline;
    this.start = s;
    this.end = withoutCr(text, s, e);
    this.nextStart = e + 1;
    return true;
  }
}

/** The lines of a LineSource from line `from`. */
export class SourceLines implements LineCursor {
  text = '';
  readonly start = 0;
  end = 0;
  constructor(
    private readonly source: LineSource,
    private line: number,
  ) {}
  advance(): boolean {
    if (this.line >= this.source.lineCount) return false;
    this.text = this.source.lineAt(this.line++);
    this.end = this.text.length;
    return true;
  }
}

/** The end of a line's text [from, end) up to its `\n`, without the `\r` of a CRLF line end. */
export function withoutCr(text: string, from: number, end: number): number {
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

const NONE: readonly never[] = Object.freeze([]);

/** What a TODO without continuation lines has of them. */
const NO_CONTINUATION = Object.freeze({ description: '', end: undefined, references: undefined });

function position(line: number, character: number): TodoPosition {
  return { line, character };
}

function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): TodoRange {
  return { start: position(startLine, startCharacter), end: position(endLine, endCharacter) };
}

/** Where a TODO's first line is: line `line` starts at offset `base` of `text`; `after` is the state at its end. */
export interface HeadLine {
  readonly line: number;
  readonly text: string;
  readonly base: number;
  readonly segment: Segment;
  readonly head: TodoHead;
  readonly after: LexState;
}

/** Builds the TODOs of one scan: their continuation lines are lexed with `lexer`. */
export class TodoBuilder {
  private readonly segments: Segment[] = [];

  constructor(
    private readonly lexer: Lexer,
    private readonly keywords: KeywordSet,
  ) {}

  /** The TODO whose head is on `at`; its continuation lines come from `next`. */
  build(at: HeadLine, next: LineCursor): TodoComment {
    const { line, text, base, segment, head } = at;
    let references: TodoReference[] | undefined;
    if (indexOfIn(text, 'tallyfy:', head.keywordEnd, head.end) >= 0) references = collectReferences(text, base, line, head.keywordEnd, head.end, references);
    const continuation = this.readContinuation(at, next);
    if (continuation.references !== undefined) references = [...(references ?? []), ...continuation.references];
    const keywordStart = position(line, head.keywordStart - base);
    const headEnd = position(line, head.end - base);
    return {
      keyword: head.keyword,
      keywordText: head.keywordText,
      docTag: head.docTag,
      title: withoutReferences(text.slice(head.titleStart, head.end)),
      description: continuation.description,
      authors: authorsOf(text, head),
      references: references === undefined ? NONE : idsOf(references),
      referenceTokens: references ?? NONE,
      range: { start: keywordStart, end: continuation.end ?? headEnd },
      keywordRange: { start: keywordStart, end: position(line, head.keywordEnd - base) },
      tagsRange: head.tagsOpen >= 0 ? range(line, head.tagsOpen - base, line, head.tagsClose + 1 - base) : undefined,
      headEnd,
      comment: segment.marker.block ? 'block' : 'line',
      marker: segment.marker.text,
    };
  }

  /** The continuation lines after the head: their text (one line each), the end of the last one, their references. */
  private readContinuation(at: HeadLine, next: LineCursor): { description: string; end: TodoPosition | undefined; references: TodoReference[] | undefined } {
    const { segment, head } = at;
    const inBlock = segment.marker.block && !segment.closed;
    const markerColumn = segment.markerStart - at.base;
    const keywordColumn = head.keywordStart - at.base;
    const marker = segment.marker;
    const segments = this.segments;
    let decoration: string | undefined;
    let description = '';
    let end: TodoPosition | undefined;
    let references: TodoReference[] | undefined;
    let state = at.after;
    for (let k = 1; k <= MAX_CONTINUATION_LINES; k++) {
      // A block comment continues while the line starts inside it; a line comment while lines start in code.
      if (inBlock ? state.construct === 0 : state.construct !== 0) break;
      if (!next.advance()) break;
      const { text, start, end: lineEnd } = next;
      // A line comment continues only on a line with the same marker at the same column and blanks before.
      if (!inBlock && marker.plain && !(text.startsWith(marker.text, start + markerColumn) && isBlankRange(text, start, start + markerColumn))) break;
      if (segments.length > 0) segments.length = 0;
      state = this.lexer.line(text, start, lineEnd, state, segments);
      const piece = segments[0];
      if (piece === undefined || piece.marker !== marker) break;
      if (inBlock) {
        if (piece.opened) break;
      } else {
        decoration ??= decorationOf(at.text, segment);
        if (segments.length !== 1 || piece.markerStart - start !== markerColumn || !isBlankRange(text, start, piece.markerStart)) break;
        if (decorationOf(text, piece) !== decoration) break;
      }
      const from = contentStart(text, piece);
      const to = contentEnd(text, piece, from);
      if (from >= to) break;
      if (!inBlock && from - start <= keywordColumn) break;
      if (this.keywords.match(text, from, to) !== undefined) break;
      if (text.charCodeAt(from) === 64 && isWordCode(text.charCodeAt(from + 1))) break; // a doc tag: @param
      if (indexOfIn(text, 'tallyfy:', from, to) >= 0) references = collectReferences(text, start, at.line + k, from, to, references);
      const line = withoutReferences(text.slice(from, to));
      if (line !== '') description = description === '' ? line : `${description}\n${line}`;
      end = position(at.line + k, to - start);
      if (inBlock && piece.closed) break;
    }
    return end === undefined ? NO_CONTINUATION : { description, end, references };
  }
}

function idsOf(references: readonly TodoReference[]): string[] {
  const ids: string[] = [];
  for (const r of references) if (!ids.includes(r.id)) ids.push(r.id);
  return ids;
}

/** The names in the tag list (`TODO(alice, bob):`), references left out. */
function authorsOf(text: string, head: TodoHead): readonly string[] {
  if (head.tagsOpen < 0) return NONE;
  const list: string[] = [];
  for (const part of text.slice(head.tagsOpen + 1, head.tagsClose).split(',')) {
    const name = part.trim();
    if (name !== '' && !HAS_REFERENCE.test(name)) list.push(name);
  }
  return list.length > 0 ? list : NONE;
}

/** The references in [from, to) of `text`, whose line `line` starts at offset `base`, added to `out`. */
function collectReferences(text: string, base: number, line: number, from: number, to: number, out: TodoReference[] | undefined): TodoReference[] | undefined {
  if (to <= from) return out;
  let list = out;
  for (const r of findReferencesIn(text, from, to)) (list ??= []).push({ id: r.id, range: range(line, r.start - base, line, r.end - base) });
  return list;
}
