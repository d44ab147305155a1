// Finding TODO comments: in a whole document (findAllTodos), at a position or selection (findTodoAt), and
// again near a line after edits (refindTodo).
//
// A TODO is a comment whose text starts with a keyword (after the marker, decoration such as `///`, `/**`
// or a block comment's leading `*`, and blanks). Its continuation is the following lines of the same
// comment: for a line comment, lines holding only a comment with the same marker at the same column whose
// text is indented past the keyword; for a block comment, the rest of the comment. Either stops at a blank
// comment line, a line starting with a keyword or a doc tag (`@param`), or code.
//
// Position queries do not lex the document from its start (except in its first EXACT_LINES lines), so
// their cost does not grow with the file. They start from a line whose state can be inferred nearby:
//
// 1. Look back from the line (at most LOOKBACK_LINES) for an anchor: a line that begins at column 0 with
//    something that is almost surely code in this language (`export`, `def`, `#include`, `<div`, …).
//    Contents of multi-line strings and block comments are rarely written like that.
// 2. Lex from there assuming code, and, in parallel, assuming the anchor sits inside each block comment
//    whose closer cannot occur in code (`*/`, `-->`, `-}`, …). Where a hypothesis meets the code one they
//    agree from then on; the one that met a closer in "code" (impossible there) loses. Without such
//    evidence, code wins. Hypotheses are followed at most LOOKAHEAD_LINES past the line.
//
// What this can get wrong: a line inside a multi-line string or block comment that starts at column 0
// with anchor-like text (say, a module docstring showing `import x`), or a multi-line string (not a
// comment) opened above the anchor that stays open past it. Both are rare; the effect is one misread
// region near the queried line, and the whole-document scan (which always lexes from the start) is exact.

import { arrayLineSource, toLineSource } from './lines';
import { type KeywordSet, compileKeywords } from './keywords';
import {
  type LexState,
  type Segment,
  type Syntax,
  LexContext,
  MemoFinder,
  insideConstruct,
  isWordCode,
  lexLine,
  needlesFor,
  sameState,
  syntaxFor,
} from './lexer';
import { findReferencesIn, indexOfIn } from './references';
import type { LineSource, TextDocumentLike, TodoComment, TodoPosition, TodoRange, TodoReference, TodoSource } from './types';

/** At most this many continuation lines belong to one TODO. */
export const MAX_CONTINUATION_LINES = 50;
/** Position queries in the first lines of a document lex from its start (exact). */
export const EXACT_LINES = 800;
/** How far a position query looks back for an anchor line. */
export const LOOKBACK_LINES = 1000;
/** How far past the queried line the look-back's hypotheses are followed. */
export const LOOKAHEAD_LINES = 64;

// ---- Parsing one comment line ----

const DECORATION = charTable('/*!#;%-=~|');
const PUNCTUATION = charTable(':-!,;.>=');

function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

function isDecoration(c: number): boolean {
  return c < 128 && DECORATION[c] === 1;
}

function isPunctuation(c: number): boolean {
  return (c < 128 && PUNCTUATION[c] === 1) || c === 0x2013 || c === 0x2014;
}
const REFERENCE_GROUP = /\(\s*tallyfy:[0-9a-f]{32}(?:\s*,\s*tallyfy:[0-9a-f]{32})*\s*\)/g;
const REFERENCE_TOKEN = /tallyfy:[0-9a-f]{32}(?![0-9A-Za-z_])/g;
const HAS_REFERENCE = /tallyfy:[0-9a-f]{32}/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/** Where a comment line's own text starts: after decoration (`///`, `/**`, a leading `*`) and blanks. */
function contentStart(text: string, seg: Segment): number {
  let i = seg.textStart;
  const end = seg.textEnd;
  if (!seg.opened) while (i < end && isBlank(text.charCodeAt(i))) i++;
  while (i < end && isDecoration(text.charCodeAt(i))) i++;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Where a comment line's text ends: before trailing blanks and, in a closed block comment, decoration (`**` of `**\/`). */
function contentEnd(text: string, seg: Segment, start: number): number {
  let e = seg.textEnd;
  while (e > start && isBlank(text.charCodeAt(e - 1))) e--;
  if (seg.rule.block && seg.closed) {
    let d = e;
    while (d > start && isDecoration(text.charCodeAt(d - 1))) d--;
    if (d === start || isBlank(text.charCodeAt(d - 1))) {
      e = d;
      while (e > start && isBlank(text.charCodeAt(e - 1))) e--;
    }
  }
  return e;
}

interface Head {
  readonly keyword: string;
  readonly keywordText: string;
  readonly docTag: boolean;
  readonly kwStart: number;
  readonly kwEnd: number;
  readonly tagsOpen: number;
  readonly tagsClose: number;
  readonly titleStart: number;
  readonly end: number;
}

/** The TODO head in a comment segment: keyword, tag list and where the title starts; undefined if none. */
function parseHead(text: string, seg: Segment, kw: KeywordSet): Head | undefined {
  const s = contentStart(text, seg);
  const end = contentEnd(text, seg, s);
  if (s >= end) return undefined;
  const m = kw.match(text, s, end);
  if (m === undefined) return undefined;
  const kwEnd = s + m.text.length;
  let p = kwEnd;
  let q = p;
  while (q < end && isBlank(text.charCodeAt(q))) q++;
  let tagsOpen = -1;
  let tagsClose = -1;
  if (text.charCodeAt(q) === 40) {
    const close = indexOfIn(text, ')', q + 1, end);
    if (close >= 0) {
      let n = close + 1;
      while (n < end && isBlank(text.charCodeAt(n))) n++;
      // Right after the keyword, a list; after a blank, only when a colon follows or it holds a reference
      // (`TODO (alice): x`, `@todo (tallyfy:…) x`), so that `TODO (maybe) later` keeps its words.
      if (q === kwEnd || text.charCodeAt(n) === 58 || HAS_REFERENCE.test(text.slice(q + 1, close))) {
        tagsOpen = q;
        tagsClose = close;
        p = close + 1;
      }
    }
  }
  while (p < end && isBlank(text.charCodeAt(p))) p++;
  while (p < end && isPunctuation(text.charCodeAt(p))) p++;
  while (p < end && isBlank(text.charCodeAt(p))) p++;
  return {
    keyword: m.keyword,
    keywordText: m.text,
    docTag: m.docTag,
    kwStart: s,
    kwEnd,
    tagsOpen,
    tagsClose,
    titleStart: p,
    end,
  };
}

/** Removes reference tokens (and parentheses holding only references) and tidies blanks. */
function withoutReferences(s: string): string {
  if (!s.includes('tallyfy:')) return tidy(s) ? s : s.replace(/\s+/g, ' ').trim();
  return s
    .replace(REFERENCE_GROUP, ' ')
    .replace(REFERENCE_TOKEN, ' ')
    .replace(/\(\s*,?\s*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `s` has no blank at either end and no run of blanks or odd blank inside. */
function tidy(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) return false;
  let prevSpace = false;
  for (let i = 1; i < n - 1; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (c < 32 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029) return false;
    else prevSpace = false;
  }
  return true;
}

/** Adds the references in [from, to) of `text`, whose line `line` starts at offset `base`. */
function collectReferences(text: string, base: number, line: number, from: number, to: number, out: TodoReference[]): void {
  if (to <= from) return;
  for (const r of findReferencesIn(text, from, to)) {
    out.push({ id: r.id, range: range(line, r.start - base, line, r.end - base) });
  }
}

function pos(line: number, character: number): TodoPosition {
  return { line, character };
}

function range(sl: number, sc: number, el: number, ec: number): TodoRange {
  return { start: pos(sl, sc), end: pos(el, ec) };
}

/**
 * Walks the lines after a TODO's first line. `text` holds the current line in [start, end) (the whole
 * document text, or just that line). One instance is reused; `advance` returns false past the end.
 */
interface LineCursor {
  text: string;
  start: number;
  end: number;
  advance(): boolean;
}

/** Lines of one text; `from` is the offset of the first line to visit. */
class TextCursor implements LineCursor {
  text = '';
  start = 0;
  end = 0;
  private nextStart = 0;
  reset(text: string, from: number): this {
    this.text = text;
    this.nextStart = from;
    return this;
  }
  advance(): boolean {
    const text = this.text;
    const s = this.nextStart;
    if (s > text.length) return false;
    const nl = text.indexOf('\n', s);
    const e = nl < 0 ? text.length : nl;
    this.start = s;
    this.end = withoutCr(text, s, e);
    this.nextStart = e + 1;
    return true;
  }
}

/** Lines of a LineSource from line `from`. */
class SourceCursor implements LineCursor {
  text = '';
  start = 0;
  end = 0;
  private src: LineSource | undefined;
  private line = 0;
  reset(src: LineSource, from: number): this {
    this.src = src;
    this.line = from;
    return this;
  }
  advance(): boolean {
    const src = this.src;
    if (src === undefined || this.line >= src.lineCount) return false;
    this.text = src.lineAt(this.line++);
    this.end = this.text.length;
    return true;
  }
}

const continuation = new LexContext();
const continuationSegs: Segment[] = [];
const NONE: readonly never[] = Object.freeze([]);
const textCursor = new TextCursor();
const sourceCursor = new SourceCursor();

/**
 * Builds the TODO whose head is in `seg` of line `n`, which starts at offset `base` of `text` (offsets in
 * `seg` and `head` are into `text`). Continuation lines come from `next`, lexed from `after` (the state
 * at the end of line n).
 */
function buildTodo(
  sx: Syntax,
  kw: KeywordSet,
  n: number,
  text: string,
  base: number,
  seg: Segment,
  head: Head,
  after: LexState,
  next: LineCursor,
): TodoComment {
  let refs: TodoReference[] | undefined;
  if (indexOfIn(text, 'tallyfy:', head.kwEnd, head.end) >= 0) {
    refs = [];
    collectReferences(text, base, n, head.kwEnd, head.end, refs);
  }
  let authors: readonly string[] = NONE;
  if (head.tagsOpen >= 0) {
    const list: string[] = [];
    for (const part of text.slice(head.tagsOpen + 1, head.tagsClose).split(',')) {
      const t = part.trim();
      if (t !== '' && !HAS_REFERENCE.test(t)) list.push(t);
    }
    if (list.length > 0) authors = list;
  }
  const title = withoutReferences(text.slice(head.titleStart, head.end));
  const kwStart = pos(n, head.kwStart - base);
  const headEnd = pos(n, head.end - base);

  // Continuation.
  let description = '';
  let lastEnd: TodoPosition = headEnd;
  const inBlock = seg.rule.block && !seg.closed;
  const marker = seg.rule.marker;
  const markerCol = seg.markerStart - base;
  const kwCol = head.kwStart - base;
  const plainMarker = seg.rule.plain;
  let decoration: string | undefined;
  let state = after;
  const cx = continuation;
  const segs = continuationSegs;
  for (let k = 1; k <= MAX_CONTINUATION_LINES; k++) {
    if (inBlock ? state.k === 0 : state.k !== 0) break;
    if (!next.advance()) break;
    const t = next.text;
    const ls = next.start;
    const le = next.end;
    // A line comment continues only on a line with the same marker at the same column and blanks before.
    if (!inBlock && plainMarker && !(t.startsWith(marker, ls + markerCol) && isBlankRange(t, ls, ls + markerCol))) break;
    if (segs.length > 0) segs.length = 0;
    cx.segs = segs;
    state = lexLine(sx, t, ls, le, state, cx);
    cx.segs = null;
    const s = segs[0];
    if (s === undefined || s.rule !== seg.rule) break;
    if (inBlock) {
      if (s.opened) break;
    } else {
      decoration ??= decorationOf(text, seg);
      if (segs.length !== 1 || s.markerStart - ls !== markerCol || !isBlankRange(t, ls, s.markerStart)) break;
      if (decorationOf(t, s) !== decoration) break;
    }
    const cs = contentStart(t, s);
    const ce = contentEnd(t, s, cs);
    if (cs >= ce) break;
    if (!inBlock && cs - ls <= kwCol) break;
    if (kw.match(t, cs, ce) !== undefined) break;
    if (t.charCodeAt(cs) === 64 && isWordCode(t.charCodeAt(cs + 1))) break; // a doc tag: @param
    if (indexOfIn(t, 'tallyfy:', cs, ce) >= 0) collectReferences(t, ls, n + k, cs, ce, (refs ??= []));
    const d = withoutReferences(t.slice(cs, ce));
    if (d !== '') description = description === '' ? d : `${description}\n${d}`;
    lastEnd = pos(n + k, ce - ls);
    if (inBlock && s.closed) break;
  }

  let references: readonly string[] = NONE;
  if (refs !== undefined && refs.length > 0) {
    const ids: string[] = [];
    for (const r of refs) if (!ids.includes(r.id)) ids.push(r.id);
    references = ids;
  }
  return {
    keyword: head.keyword,
    keywordText: head.keywordText,
    docTag: head.docTag,
    title,
    description,
    authors,
    references,
    referenceTokens: refs !== undefined && refs.length > 0 ? refs : NONE,
    range: { start: kwStart, end: lastEnd },
    keywordRange: { start: kwStart, end: pos(n, head.kwEnd - base) },
    tagsRange: head.tagsOpen >= 0 ? range(n, head.tagsOpen - base, n, head.tagsClose + 1 - base) : undefined,
    headEnd,
    comment: seg.rule.block ? 'block' : 'line',
    marker,
  };
}

function decorationOf(text: string, seg: Segment): string {
  let i = seg.textStart;
  while (i < seg.textEnd && isDecoration(text.charCodeAt(i))) i++;
  return text.slice(seg.textStart, i);
}

/** The end of [from, end), a line's text up to its `\n`, without the `\r` of a CRLF line end. */
function withoutCr(text: string, from: number, end: number): number {
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

function isBlankRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlank(text.charCodeAt(i))) return false;
  return true;
}

// ---- Scanning lines ----

const triggerCache = new Map<string, RegExp | null>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regex that every line that must be lexed in state `st` matches (keywords too when `kw` is given, and
 * closers that cannot occur in code when `evidence`); null: lex every line.
 */
function triggerFor(sx: Syntax, st: LexState, kw: KeywordSet | undefined, evidence = false): RegExp | null {
  const key = `${sx.id}\u0001${st.m}/${st.k}/${st.t}\u0001${kw === undefined ? '' : kw.keywords.join('\u0000')}\u0001${evidence}`;
  let re = triggerCache.get(key);
  if (re === undefined) {
    const { needles, keywords } = needlesFor(sx, st);
    if (needles === null) re = null;
    else {
      const all = [...needles, ...(keywords && kw !== undefined ? kw.needles : []), ...(evidence ? distinctClosers(sx) : [])];
      re = all.length === 0 ? /(?!)/ : new RegExp(all.map(escapeRegExp).join('|'));
    }
    if (triggerCache.size > 512) triggerCache.clear();
    triggerCache.set(key, re);
  }
  return re;
}

function distinctClosers(sx: Syntax): string[] {
  return sx.hypotheses.map((k) => sx.modes[0]?.constructs[k - 1]?.close ?? '').filter((c) => c !== '');
}

/** The state at the start of line `to`, lexing lines [from, to) from `state` (lines that cannot change it are skipped). */
function advance(src: LineSource, sx: Syntax, from: number, to: number, state: LexState, cx: LexContext): LexState {
  let st = state;
  let re = triggerFor(sx, st, undefined);
  for (let i = from; i < to; i++) {
    const text = src.lineAt(i);
    if (re !== null && !re.test(text)) continue;
    const next = lexLine(sx, text, 0, text.length, st, cx);
    if (next !== st) {
      st = next;
      re = triggerFor(sx, st, undefined);
    }
  }
  return st;
}

/**
 * Finds the TODOs that start on lines [from, to) of `src`, lexing from `state` at line `from`. `onTodo`
 * returns true to stop.
 */
function scanLines(
  src: LineSource,
  sx: Syntax,
  kw: KeywordSet,
  from: number,
  to: number,
  state: LexState,
  onTodo: (todo: TodoComment) => boolean | void,
): void {
  const cx = new LexContext();
  const segs: Segment[] = [];
  let st = state;
  let re = triggerFor(sx, st, kw);
  for (let n = from; n < to; n++) {
    const text = src.lineAt(n);
    if (re !== null && !re.test(text)) continue;
    if (segs.length > 0) segs.length = 0;
    cx.segs = segs;
    const after = lexLine(sx, text, 0, text.length, st, cx);
    cx.segs = null;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i] as Segment;
      const head = parseHead(text, seg, kw);
      if (head === undefined) continue;
      const todo = buildTodo(sx, kw, n, text, 0, seg, head, after, sourceCursor.reset(src, n + 1));
      if (onTodo(todo) === true) return;
    }
    if (after !== st) {
      st = after;
      re = triggerFor(sx, st, kw);
    }
  }
}

/** Characters of source code from most to least frequent (roughly); used to pick search suffixes. */
const FREQUENCY = ' \t\n etaoinsrlcdupmhgfbyw.,;()=_"\'-/*:{}[]0123456789><+!&|ETSAIRONCLDMPUFBHGVWKYXJQZ$#@%^~`?\\';

function rarity(c: number): number {
  const i = FREQUENCY.indexOf(String.fromCharCode(c));
  return i < 0 ? FREQUENCY.length : i;
}

const S_PLAIN = 0;
const S_SUFFIX = 1;
const S_STAR = 2;
const S_TAG = 3;

/**
 * Forward-only searches over one text. Each stream knows the next verified occurrence of its needle at or
 * after the last position asked for, so the text is scanned about once per stream. V8 searches a needle by
 * its first character, so a keyword is searched by the suffix that starts at its rarest character (`DO`
 * for `TODO`) and checked in place; `/*` is searched as `*` (rarer than `/`); tag forms share one `@` stream.
 */
class Streams {
  private readonly search: string[] = [];
  private readonly full: string[] = [];
  private readonly back: number[] = [];
  private readonly kind: number[] = [];
  /** Per stream: the next occurrence found (valid for queries up to it), -1 for none, -2 not looked up. */
  readonly next: number[] = [];
  private readonly ids = new Map<string, number>();
  /** Characters that can follow `@` in a tag form (`t` for `@todo`): most `@`s (`@param`) fail this at once. */
  private readonly tagSecond = new Uint8Array(128);
  constructor(
    private readonly text: string,
    private readonly kw: KeywordSet,
  ) {
    for (const n of kw.needles) {
      const c = n.charCodeAt(1);
      if (n.charCodeAt(0) === 64 && c < 128) this.tagSecond[c] = 1;
    }
  }

  /** The stream that finds `needle` (a keyword, `@` for tag forms, or a construct delimiter). */
  id(needle: string, keyword: boolean): number {
    const key = (keyword ? 'k' : 'n') + needle;
    let i = this.ids.get(key);
    if (i !== undefined) return i;
    let search = needle;
    let back = 0;
    let kind = S_PLAIN;
    if (needle === '@' && keyword) kind = S_TAG;
    else if (needle === '/*') {
      search = '*';
      kind = S_STAR;
    } else if (needle.length > 2) {
      let best = 0;
      for (let j = 1; j <= needle.length - 2; j++) {
        if (rarity(needle.charCodeAt(j)) >= rarity(needle.charCodeAt(best))) best = j;
      }
      if (best > 0) {
        search = needle.slice(best);
        back = best;
        kind = S_SUFFIX;
      }
    }
    const skey = `${kind}:${back}:${needle}`;
    i = this.ids.get(skey);
    if (i === undefined) {
      i = this.search.length;
      this.search.push(search);
      this.full.push(needle);
      this.back.push(back);
      this.kind.push(kind);
      this.next.push(-2);
      this.ids.set(skey, i);
    }
    this.ids.set(key, i);
    return i;
  }

  /** The next occurrence of stream i starting at or after `from`, or -1. */
  seek(i: number, from: number): number {
    let q = this.next[i] as number;
    if (q >= from || q === -1) return q;
    const text = this.text;
    const search = this.search[i] as string;
    const back = this.back[i] as number;
    const kind = this.kind[i] as number;
    let p = text.indexOf(search, from + back);
    q = -1;
    while (p >= 0) {
      if (kind === S_PLAIN) q = p;
      else if (kind === S_SUFFIX) q = text.startsWith(this.full[i] as string, p - back) ? p - back : -1;
      else if (kind === S_STAR) q = text.charCodeAt(p - 1) === 47 ? Math.max(from, p - 1) : -1;
      else {
        const c = text.charCodeAt(p + 1);
        q = (c >= 128 || this.tagSecond[c] === 1) && this.kw.match(text, p, text.length) !== undefined ? p : -1;
      }
      if (q >= 0) break;
      p = text.indexOf(search, p + 1);
    }
    this.next[i] = q;
    return q;
  }
}

/**
 * Whether a text uses lone `\r` line ends (classic Mac), judged by its first line end: scanning all of a
 * large text for a `\r` would cost a pass of its own, and files do not mix styles in practice.
 */
function hasLoneCr(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const cr = head.indexOf('\r');
  if (cr < 0) return false;
  const m = /\r(?!\n)/.exec(head);
  return m !== null && (m.index < head.length - 1 || text.charCodeAt(m.index + 1) !== 10);
}

/** The start of the line holding `at`, which is not before the line start `from` (lines are short). */
function startOfLine(text: string, from: number, at: number): number {
  let i = at;
  while (i > from && text.charCodeAt(i - 1) !== 10) i--;
  return i;
}

/**
 * The state after a line without keywords that only opens a simple block comment (blanks, then the opener
 * at `hit`, no closer) or only closes one (the closer at `hit`, then blanks), found without lexing it; else
 * undefined. Most JSDoc-style blocks begin and end with such lines. `from` is a line start at or before
 * the line of `hit`, with nothing to lex in between. `closers[k]` is the stream of the closer of the simple
 * block of construct k; after an opener, that stream's next occurrence is the block's closer.
 */
function passBlockEdge(
  sx: Syntax,
  streams: Streams,
  closers: readonly number[],
  text: string,
  from: number,
  hit: number,
  to: number,
  st: LexState,
): LexState | undefined {
  if (st === sx.code) {
    let lineStart = hit;
    while (lineStart > from && isBlank(text.charCodeAt(lineStart - 1))) lineStart--;
    if (lineStart > from && text.charCodeAt(lineStart - 1) !== 10) return undefined;
    for (const b of sx.simpleBlocks) {
      if (!text.startsWith(b.open, hit) || (b.col0 && hit !== lineStart)) continue;
      const close = streams.seek(closers[b.k] as number, hit + b.open.length);
      return close >= 0 && close + b.close.length <= to ? undefined : b.inside;
    }
    return undefined;
  }
  const b = st.m === 0 ? sx.simpleBlockOf[st.k] : undefined;
  if (b === undefined || !text.startsWith(b.close, hit) || !isBlankRange(text, hit + b.close.length, to)) return undefined;
  return sx.code;
}

/** Maps an offset of the scanned text to a line: the editor's own index, or a forward newline count. */
type LineOf = (offset: number) => number;

/**
 * Whole-text scan: only lines holding a keyword or something that can open or close a multi-line
 * construct are lexed; every other line is known to leave the state as it is. Line numbers are worked
 * out only for lines with a TODO.
 */
function scanText(input: string, sx: Syntax, kw: KeywordSet, out: TodoComment[], lineOf?: LineOf): void {
  const text = hasLoneCr(input) ? input.replace(/\r\n?/g, '\n') : input;
  const len = text.length;
  const cx = new LexContext(new MemoFinder());
  const segs: Segment[] = [];
  const streams = new Streams(text, kw);
  const nx = streams.next;
  const kwStreams = kw.plain.map((k) => streams.id(k, true));
  if (kw.tags) kwStreams.push(streams.id('@', true));
  const closers: number[] = [];
  for (const b of sx.simpleBlocks) closers[b.k] = streams.id(b.close, false);

  const lists = new Map<LexState | string, { list: number[]; keywords: boolean } | null>();
  const listFor = (st: LexState): { list: number[]; keywords: boolean } | null => {
    const key = st.t === '' ? st : `${st.m}/${st.k}/${st.t}`;
    let entry = lists.get(key);
    if (entry === undefined) {
      const { needles, keywords } = needlesFor(sx, st);
      entry = needles === null ? null : { list: [...new Set(needles.map((n) => streams.id(n, false)))], keywords };
      lists.set(key, entry);
    }
    return entry;
  };
  // The first keyword occurrence at or after `kwFrom`, or len.
  let kwFrom = -1;
  let kwNext = -1;
  const keywordAt = (from: number): number => {
    if (kwNext >= from && kwFrom <= from) return kwNext;
    let best = len;
    for (let j = 0; j < kwStreams.length; j++) {
      const i = kwStreams[j] as number;
      let q = nx[i] as number;
      if (q < from && q !== -1) q = streams.seek(i, from);
      if (q >= 0 && q < best) best = q;
    }
    kwFrom = from;
    kwNext = best;
    return best;
  };
  // Line numbers by counting newlines forward from the last TODO, unless the caller maps offsets.
  let countedAt = 0;
  let countedLine = 0;
  const lineAt: LineOf =
    lineOf ??
    ((offset) => {
      for (let i = text.indexOf('\n', countedAt); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) countedLine++;
      countedAt = offset;
      return countedLine;
    });

  let st = sx.code;
  let entry = listFor(st);
  let cur = 0; // start of the first line not yet passed
  while (cur < len) {
    let hit = cur;
    if (entry !== null) {
      hit = entry.keywords ? keywordAt(cur) : len;
      const list = entry.list;
      for (let j = 0; j < list.length; j++) {
        const i = list[j] as number;
        let q = nx[i] as number;
        if (q < cur && q !== -1) q = streams.seek(i, cur);
        if (q >= 0 && q < hit) hit = q;
      }
      if (hit >= len) break;
    }
    const nl = text.indexOf('\n', hit);
    const lineEnd = nl < 0 ? len : nl;
    const to = withoutCr(text, hit, lineEnd);
    // Where keywords are searched, none lies in [cur, hit): the line holds one only if one follows hit.
    let lineStart = entry === null ? cur : -1;
    if (entry !== null && !entry.keywords) lineStart = startOfLine(text, cur, hit);
    const keyword = keywordAt(lineStart < 0 ? hit : lineStart) < to;
    if (!keyword && sx.simpleBlocks.length > 0) {
      const passed = passBlockEdge(sx, streams, closers, text, cur, hit, to, st);
      if (passed !== undefined) {
        if (nl < 0) break;
        cur = nl + 1;
        if (passed === st) continue;
        st = passed;
        // A block just opened: pass it whole when the line holding its closer ends there and no keyword
        // comes before that line's end (a JSDoc block without @todo).
        const b = st === sx.code ? undefined : sx.simpleBlockOf[st.k];
        if (b !== undefined) {
          const close = nx[closers[b.k] as number] as number;
          const closeEnd = close + b.close.length;
          const nl2 = text.indexOf('\n', closeEnd);
          const to2 = withoutCr(text, closeEnd, nl2 < 0 ? len : nl2);
          if (close >= cur && isBlankRange(text, closeEnd, to2) && keywordAt(cur) >= to2) {
            st = sx.code;
            if (nl2 < 0) break;
            cur = nl2 + 1;
            continue;
          }
        }
        entry = listFor(st);
        continue;
      }
    }
    if (lineStart < 0) lineStart = startOfLine(text, cur, hit);
    if (segs.length > 0) segs.length = 0;
    cx.segs = keyword ? segs : null;
    const after = lexLine(sx, text, lineStart, to, st, cx);
    if (keyword) {
      let line = -1;
      for (let i = 0; i < segs.length; i++) {
        const seg = segs[i] as Segment;
        const head = parseHead(text, seg, kw);
        if (head === undefined) continue;
        if (line < 0) line = lineAt(lineStart);
        out.push(buildTodo(sx, kw, line, text, lineStart, seg, head, after, textCursor.reset(text, lineEnd + 1)));
      }
    }
    if (after !== st) {
      st = after;
      entry = listFor(st);
    }
    if (nl < 0) break;
    cur = nl + 1;
  }
}

// ---- Public API ----

/**
 * Every TODO comment in a document, in order. Give the whole text for the fastest scan (an editor's
 * `document.getText()`), or lines. An empty keyword list finds nothing.
 */
export function findAllTodos(source: TodoSource | TextDocumentLike, languageId: string, keywords: readonly string[]): TodoComment[] {
  const kw = compileKeywords(keywords);
  const out: TodoComment[] = [];
  if (kw.empty) return out;
  const sx = syntaxFor(languageId);
  if (typeof source === 'string') {
    scanText(source, sx, kw, out);
  } else if (isDocument(source)) {
    const text = source.getText();
    // The document's offsets match the text only when no lone \r was rewritten.
    const lineOf = hasLoneCr(text) ? undefined : (offset: number) => source.positionAt(offset).line;
    scanText(text, sx, kw, out, lineOf);
  } else {
    // Lines are tested one by one (joining a large document's lines costs more than the whole scan).
    const src = Array.isArray(source) ? arrayLineSource(source as readonly string[]) : (source as LineSource);
    scanLines(src, sx, kw, 0, src.lineCount, sx.code, (t) => void out.push(t));
  }
  return out;
}

/**
 * A line at or before `line` and the lexical state at its start, found without lexing from the document's
 * start when the line is far down (see the comment at the top of this file).
 */
export function startingPoint(src: LineSource, sx: Syntax, line: number): { line: number; state: LexState } {
  if (!sx.multiline) return { line: Math.max(0, line - MAX_CONTINUATION_LINES), state: sx.code };
  const cx = new LexContext();
  if (line < EXACT_LINES) {
    const from = Math.max(0, line - MAX_CONTINUATION_LINES);
    return { line: from, state: advance(src, sx, 0, from, sx.code, cx) };
  }
  const lo = Math.max(0, line - LOOKBACK_LINES);
  let start = lo;
  const anchors = sx.anchors;
  if (anchors !== undefined) {
    for (let a = line; a > lo; a--) {
      const text = src.lineAt(a);
      if (text.length > 0 && !isBlank(text.charCodeAt(0)) && anchors.test(text)) {
        start = a;
        break;
      }
    }
  }
  if (start === 0 || sx.hypotheses.length === 0) return { line: start, state: sx.code };

  interface Hypothesis {
    readonly initial: LexState;
    state: LexState;
    /** Lines that may change `state` (or show evidence) match this; null: every line. */
    trigger: RegExp | null;
    stray: number;
    exited: boolean;
    merged: boolean;
  }
  const hypothesis = (s: LexState, exited: boolean): Hypothesis => ({
    initial: s,
    state: s,
    trigger: triggerFor(sx, s, undefined, true),
    stray: 0,
    exited,
    merged: false,
  });
  const hyps: Hypothesis[] = [hypothesis(sx.code, true)];
  for (const k of sx.hypotheses) hyps.push(hypothesis(insideConstruct(sx, k), false));
  const code = hyps[0] as Hypothesis;
  const end = Math.min(src.lineCount, line + LOOKAHEAD_LINES);
  let open = hyps.length - 1;
  for (let n = start; n < end && open > 0; n++) {
    const text = src.lineAt(n);
    for (const h of hyps) {
      if (h.merged) continue;
      // A line without a needle of the state (or a closer, for the evidence) leaves it as it is.
      if (h.trigger !== null && !h.trigger.test(text)) continue;
      cx.stray = 0;
      const next = lexLine(sx, text, 0, text.length, h.state, cx);
      h.stray += cx.stray;
      if (next !== h.state) {
        h.state = next;
        h.trigger = triggerFor(sx, next, undefined, true);
        if (!sameState(next, h.initial)) h.exited = true;
      }
    }
    for (let i = 1; i < hyps.length; i++) {
      const h = hyps[i] as Hypothesis;
      if (!h.merged && sameState(h.state, code.state)) {
        h.merged = true;
        open--;
      }
    }
  }
  let best = code;
  for (let i = 1; i < hyps.length; i++) {
    const h = hyps[i] as Hypothesis;
    if (h.exited && h.stray < best.stray) best = h;
  }
  return { line: start, state: best.initial };
}

function isDocument(source: TodoSource | TextDocumentLike): source is TextDocumentLike {
  return typeof (source as TextDocumentLike).getText === 'function' && typeof (source as TextDocumentLike).positionAt === 'function';
}

function isRange(at: TodoPosition | TodoRange): at is TodoRange {
  return (at as TodoRange).start !== undefined;
}

/**
 * The TODOs that touch lines [range.start.line, range.end.line] (a range ending at character 0 of a later
 * line does not touch that line), in order. Cost depends on the range, not the document's length.
 */
export function findTodosInRange(
  source: TodoSource,
  languageId: string,
  keywords: readonly string[],
  at: TodoRange | TodoPosition,
): TodoComment[] {
  const kw = compileKeywords(keywords);
  if (kw.empty) return [];
  const src = toLineSource(source);
  if (src.lineCount === 0) return [];
  const r = isRange(at) ? at : { start: at, end: at };
  const last = src.lineCount - 1;
  let a = Math.min(Math.max(0, r.start.line), last);
  let b = Math.min(Math.max(0, r.end.line), last);
  if (b < a) [a, b] = [b, a];
  if (b > a && r.end.character === 0 && r.end.line <= last) b--;
  const sx = syntaxFor(languageId);
  const start = startingPoint(src, sx, a);
  const out: TodoComment[] = [];
  scanLines(src, sx, kw, start.line, b + 1, start.state, (t) => {
    if (t.range.end.line >= a) out.push(t);
  });
  return out;
}

/**
 * The TODO at a position (any line of it, including its continuation lines) or across a selection; for a
 * position on a line with several, the last one starting at or before the character. Undefined when there
 * is none: the editor may then offer to create a task from the selected text.
 */
export function findTodoAt(
  source: TodoSource,
  languageId: string,
  keywords: readonly string[],
  at: TodoPosition | TodoRange,
): TodoComment | undefined {
  const found = findTodosInRange(source, languageId, keywords, at);
  if (found.length <= 1) return found[0];
  const p = isRange(at) ? at.start : at;
  if (isRange(at) && (at.start.line !== at.end.line || at.start.character !== at.end.character)) return found[0];
  let best: TodoComment | undefined;
  for (const t of found) {
    if (t.range.start.line === p.line && t.range.start.character <= p.character) best = t;
  }
  return best ?? found[0];
}

/** Collapses blanks, for comparing titles. */
function normalTitle(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export interface ExpectedTodo {
  /** Where the TODO was (0-based line). */
  readonly line: number;
  readonly keyword: string;
  readonly title: string;
}

/**
 * Finds a TODO again after the document may have changed: the TODO with the same keyword and title whose
 * first line is nearest to `expected.line` (ties: the one below), within `maxDistance` lines. Undefined when
 * there is none, so a stale position never gets an edit.
 */
export function refindTodo(
  source: TodoSource,
  languageId: string,
  keywords: readonly string[],
  expected: ExpectedTodo,
  maxDistance = 500,
): TodoComment | undefined {
  const kw = compileKeywords(keywords);
  if (kw.empty) return undefined;
  const src = toLineSource(source);
  if (src.lineCount === 0) return undefined;
  const title = normalTitle(expected.title);
  const lo = Math.max(0, expected.line - maxDistance);
  const hi = Math.min(src.lineCount - 1, expected.line + maxDistance);
  if (lo > hi) return undefined;
  const sx = syntaxFor(languageId);
  const start = startingPoint(src, sx, lo);
  let best: TodoComment | undefined;
  let bestDistance = Infinity;
  scanLines(src, sx, kw, start.line, hi + 1, start.state, (t) => {
    if (t.range.start.line < lo || t.keyword !== expected.keyword || normalTitle(t.title) !== title) return;
    const d = t.range.start.line - expected.line;
    const distance = Math.abs(d) * 2 - (d > 0 ? 1 : 0);
    if (distance < bestDistance) {
      best = t;
      bestDistance = distance;
    }
  });
  return best;
}
