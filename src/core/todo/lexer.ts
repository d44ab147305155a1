// A line lexer that tells comments from strings and code. It lexes one line at a time from a state carried
// between lines (code, inside a block comment, inside a multi-line string, a heredoc, an embedded region),
// and reports each comment piece on the line as a Segment. Everything else (tokens, grammar) is ignored.

import { indexOfIn } from './references';
import { type HeredocStyle, type LanguageSpec, type LineCommentSpec, type Place, type StringKind, languageSpec } from './languages';

/**
 * The lexical state at a line boundary. `m`: 0 for the host language, i + 1 inside the document's i-th
 * embedded region; `k`: 0 in code, else the 1-based construct (block comment, multi-line string, heredoc)
 * the line starts in; `d`: nesting depth of a nested block comment; `t`: a closer fixed by the opener
 * (`"##` of a Rust raw string, a heredoc's terminator), '' otherwise. States are compared by value.
 */
export interface LexState {
  readonly m: number;
  readonly k: number;
  readonly d: number;
  readonly t: string;
}

export interface CommentRule {
  readonly marker: string;
  readonly block: boolean;
  /** The marker has no letters (so it is matched case-sensitively). */
  readonly plain: boolean;
}

/** One comment piece on one line. Offsets are into the lexed text. */
export interface Segment {
  readonly rule: CommentRule;
  /** Where the marker starts; for a block comment continued from an earlier line, the line's start. */
  readonly markerStart: number;
  /** Right after the marker; for a continued block comment, the line's start. */
  readonly textStart: number;
  /** Before the closer, or the end of the line. */
  readonly textEnd: number;
  /** The opening marker is on this line. */
  readonly opened: boolean;
  /** The comment ends on this line (always true for line comments). */
  readonly closed: boolean;
}

/** Looks a needle up in [from, to). A memoising finder keeps whole-text scans linear. */
export interface Finder {
  find(text: string, needle: string, from: number, to: number): number;
}

/** Searches only [from, to): right for short texts (a line) or unrelated queries. */
export const directFinder: Finder = {
  find: indexOfIn,
};

/**
 * For lexing lines of one long text in order: remembers, per needle, the next occurrence after the last
 * query, so searching for a closer that is far away (or absent) costs one scan in total, not one per line.
 */
export class MemoFinder implements Finder {
  private readonly memo = new Map<string, { from: number; pos: number }>();
  find(text: string, needle: string, from: number, to: number): number {
    let m = this.memo.get(needle);
    if (m === undefined) {
      m = { from, pos: text.indexOf(needle, from) };
      this.memo.set(needle, m);
    } else if (!(m.from <= from && (m.pos < 0 || m.pos >= from))) {
      m.from = from;
      m.pos = text.indexOf(needle, from);
    }
    const p = m.pos;
    return p >= 0 && p + needle.length <= to ? p : -1;
  }
}

/** Scratch and results of lexing; one per scan. */
export class LexContext {
  /** When set, comment segments of each lexed line are appended here. */
  segs: Segment[] | null = null;
  /** How many block-comment closers that cannot occur in code were met in code (look-back evidence). */
  stray = 0;
  lineStart = 0;
  // Scratch, reset by the lexer.
  enter = -1;
  enterAt = 0;
  stopAt = -1;
  heredoc = '';
  depth = 0;
  closeStart = 0;
  resumeState: LexState | undefined = undefined;
  constructor(readonly finder: Finder = directFinder) {}
}

// ---- Compiled form ----

const R_LINE = 1;
const R_BLOCK = 2;
const R_STRING = 3;
const R_REGEX = 4;
const R_HEREDOC = 5;
const R_EMBED = 6;
const R_STRAY = 7;

const X_BLOCK = 1;
const X_STRING = 2;
const X_HEREDOC = 3;
const X_FENCE = 4;

interface Rule {
  readonly t: number;
  /** Lower-cased when `lower`. For kinds with a computed opener: its first character. */
  readonly open: string;
  readonly lower: boolean;
  readonly at: Place;
  readonly after: string;
  readonly notAfter: string;
  readonly notAfterWord: boolean;
  readonly notBefore: string;
  readonly wordEnd: boolean;
  readonly dashRun: boolean;
  /** 1-based construct for rules that may stay open at the end of a line, else 0. */
  readonly c: number;
  readonly kind: StringKind | 'lua' | '';
  readonly close: string;
  readonly escape: number;
  readonly doubled: boolean;
  readonly multiline: boolean;
  readonly closeAt: Place;
  readonly comment: CommentRule | undefined;
  readonly embed: number;
  readonly heredoc: HeredocStyle | undefined;
}

export interface Construct {
  readonly type: number;
  readonly open: string;
  /** '' when the closer is fixed by the opener (kept in the state's `t`). */
  readonly close: string;
  readonly nested: boolean;
  readonly escape: number;
  readonly doubled: boolean;
  readonly closeAt: Place;
  readonly comment: CommentRule | undefined;
  readonly distinct: boolean;
}

export interface Mode {
  readonly table: readonly (readonly Rule[] | undefined)[];
  /** 1 for ASCII characters the code loop must look at (a rule starts with it, or an escape). */
  readonly hot: Uint8Array;
  readonly constructs: readonly Construct[];
  readonly regex: boolean;
  readonly codeEscape: boolean;
  readonly heredocConstruct: number;
  readonly anchors: RegExp | undefined;
  /** Substrings one of which any line that opens a construct from code contains. */
  readonly openNeedles: readonly string[];
  /** True when some construct can span lines. */
  readonly multiline: boolean;
}

interface Embed {
  readonly open: string;
  readonly close: string;
  readonly mode: number;
  readonly tag: boolean;
  readonly closeAnywhere: boolean;
}

export interface Syntax {
  readonly id: string;
  readonly modes: readonly Mode[];
  readonly embeds: readonly Embed[];
  /** The state at the start of a document. */
  readonly code: LexState;
  /** Host constructs whose closers cannot occur in code: the look-back's other hypotheses. */
  readonly hypotheses: readonly number[];
  readonly multiline: boolean;
  readonly anchors: RegExp | undefined;
  /** Interned states without a `t`. */
  readonly states: Map<number, LexState>;
  /** Per mode: its code state; and its states just inside construct k (index k * 2 + depth, depth 0 or 1). */
  readonly codeStates: readonly LexState[];
  readonly entryStates: readonly (readonly LexState[])[];
  /** Needles per state key, for the whole-text scan (see `needlesFor`). */
  readonly needleCache: Map<string, readonly string[] | null>;
  /** The host's simple block comments (see `SimpleBlock`), indexed by construct too. */
  readonly simpleBlocks: readonly SimpleBlock[];
  readonly simpleBlockOf: readonly (SimpleBlock | undefined)[];
}

/**
 * A block comment whose opener and closer alone decide the state, so that a whole-text scan can pass a line
 * holding only blanks and an opener (and no closer), or only a closer and blanks, without lexing it: not
 * nested, a fixed closer allowed anywhere, and an opener that is the first rule for its first character
 * with no condition but its place (`col0`: only at a line's start).
 */
export interface SimpleBlock {
  readonly open: string;
  readonly close: string;
  /** The construct (1-based). */
  readonly k: number;
  readonly col0: boolean;
  /** The state at the end of a line that opens the comment and does not close it. */
  readonly inside: LexState;
}

function simpleBlocksOf(host: Mode, entry: readonly LexState[]): SimpleBlock[] {
  const out: SimpleBlock[] = [];
  for (const rules of host.table) {
    const r = rules?.[0];
    if (r === undefined || r.t !== R_BLOCK || r.kind !== '' || r.notBefore !== '' || r.wordEnd || r.lower) continue;
    const c = host.constructs[r.c - 1];
    if (c === undefined || c.nested || c.close === '' || c.closeAt !== 'any' || c.close !== r.close) continue;
    const inside = entry[r.c * 2 + 1];
    if (inside === undefined) continue;
    out.push({ open: r.open, close: c.close, k: r.c, col0: r.at === 'col0', inside });
  }
  return out;
}

function ruleBase(t: number, open: string): Rule {
  return {
    t,
    open,
    lower: false,
    at: 'any',
    after: '',
    notAfter: '',
    notAfterWord: false,
    notBefore: '',
    wordEnd: false,
    dashRun: false,
    c: 0,
    kind: '',
    close: '',
    escape: -1,
    doubled: false,
    multiline: false,
    closeAt: 'any',
    comment: undefined,
    embed: -1,
    heredoc: undefined,
  };
}

function compileMode(spec: LanguageSpec, embeds: readonly Embed[] | undefined, stop = ''): Mode {
  const rules: Rule[] = [];
  const constructs: Construct[] = [];
  const openNeedles = new Set<string>();
  const addConstruct = (c: Construct): number => constructs.push(c);

  // Blocks before lines: on an equal opener (Lua `--` + `[[`), the block comment wins.
  for (const b of spec.block ?? []) {
    const comment: CommentRule = { marker: b.lua === true ? `${b.open}[[` : b.open, block: true, plain: true };
    const c = addConstruct({
      type: X_BLOCK,
      open: b.open,
      close: b.lua === true ? '' : b.close,
      nested: b.nested === true,
      escape: -1,
      doubled: false,
      closeAt: b.closeAt ?? 'any',
      comment,
      distinct: b.distinct === true,
    });
    rules.push({
      ...ruleBase(R_BLOCK, b.open),
      at: b.at ?? 'any',
      notBefore: b.notBefore ?? '',
      wordEnd: b.wordEnd === true,
      c,
      kind: b.lua === true ? 'lua' : '',
      close: b.close,
      comment,
    });
    openNeedles.add(b.lua === true ? `${b.open}[` : b.open);
    if (b.distinct === true) rules.push({ ...ruleBase(R_STRAY, b.close) });
  }
  for (const raw of spec.line ?? []) {
    const l: LineCommentSpec = typeof raw === 'string' ? { open: raw } : raw;
    const lower = l.ignoreCase === true;
    rules.push({
      ...ruleBase(R_LINE, lower ? l.open.toLowerCase() : l.open),
      lower,
      at: l.at ?? 'any',
      after: l.after ?? '',
      notAfter: l.notAfter ?? '',
      notBefore: l.notBefore ?? '',
      wordEnd: l.wordEnd === true,
      dashRun: l.dashRun === true,
      comment: { marker: l.open, block: false, plain: l.ignoreCase !== true },
    });
  }
  for (const s of spec.strings ?? []) {
    const kind = s.kind ?? 'plain';
    const multiline = s.multiline === true;
    const lower = s.ignoreCase === true;
    const close = s.close ?? s.open;
    const escape = s.escape === undefined ? -1 : s.escape.charCodeAt(0);
    const c =
      multiline && kind !== 'char'
        ? addConstruct({
            type: kind === 'fence' ? X_FENCE : X_STRING,
            open: s.open,
            close: kind === 'plain' ? close : '',
            nested: false,
            escape: kind === 'plain' ? escape : -1,
            doubled: s.doubled === true,
            closeAt: s.closeAt ?? 'any',
            comment: undefined,
            distinct: false,
          })
        : 0;
    rules.push({
      ...ruleBase(R_STRING, lower ? s.open.toLowerCase() : s.open),
      lower,
      notAfter: (s.notAfter ?? '').replace('\\w', ''),
      notAfterWord: (s.notAfter ?? '').includes('\\w'),
      c,
      kind,
      close,
      escape,
      doubled: s.doubled === true,
      multiline,
      closeAt: s.closeAt ?? 'any',
    });
    if (multiline) {
      for (const n of STRING_NEEDLES[kind] ?? [s.open]) openNeedles.add(n);
    }
  }
  if (spec.regex === true) rules.push(ruleBase(R_REGEX, '/'));
  let heredocConstruct = 0;
  if (spec.heredoc !== undefined) {
    heredocConstruct = addConstruct({
      type: X_HEREDOC,
      open: '<<',
      close: '',
      nested: false,
      escape: -1,
      doubled: false,
      closeAt: 'any',
      comment: undefined,
      distinct: false,
    });
    rules.push({ ...ruleBase(R_HEREDOC, '<<'), heredoc: spec.heredoc });
    openNeedles.add('<<');
  }
  if (embeds !== undefined) {
    embeds.forEach((e, i) => {
      rules.push({ ...ruleBase(R_EMBED, e.open), lower: true, embed: i });
    });
  }

  // First-character table; longer openers first, then declaration order (comments before strings).
  const table: Rule[][] = [];
  const order = rules.map((r, i) => ({ r, i }));
  order.sort((a, b) => b.r.open.length - a.r.open.length || a.i - b.i);
  for (const { r } of order) {
    const first = r.open.charCodeAt(0);
    const codes = r.lower ? [r.open.toLowerCase().charCodeAt(0), r.open.toUpperCase().charCodeAt(0)] : [first];
    for (const code of new Set(codes)) {
      if (code >= 128) continue;
      (table[code] ??= []).push(r);
    }
  }
  const dense: (Rule[] | undefined)[] = [];
  const hot = new Uint8Array(128);
  for (let i = 0; i < 128; i++) {
    dense.push(table[i]);
    if (table[i] !== undefined) hot[i] = 1;
  }
  if (spec.codeEscape === true) hot[92] = 1;
  if (stop !== '') hot[stop.charCodeAt(0)] = 1;
  return {
    table: dense,
    hot,
    constructs,
    regex: spec.regex === true,
    codeEscape: spec.codeEscape === true,
    heredocConstruct,
    anchors: spec.anchors,
    openNeedles: [...openNeedles],
    multiline: constructs.length > 0,
  };
}

const STRING_NEEDLES: Partial<Record<StringKind, readonly string[]>> = {
  rustRaw: ['r"', 'r#'],
  cppRaw: ['R"'],
  swiftRaw: ['#"', '##'],
  quotes: ['"""'],
  luaLong: ['[[', '[='],
  dollar: ['$'],
  ocamlQuoted: ['{'],
  fence: ['```', '~~~'],
};

const syntaxCache = new Map<string, Syntax>();

/** The compiled syntax for a VS Code language id (unknown ids get the fallback). Cached. */
export function syntaxFor(languageId: string): Syntax {
  let sx = syntaxCache.get(languageId);
  if (sx === undefined) {
    sx = compileSyntax(languageId, languageSpec(languageId));
    syntaxCache.set(languageId, sx);
  }
  return sx;
}

export function compileSyntax(id: string, spec: LanguageSpec): Syntax {
  const embeds: Embed[] = (spec.embeds ?? []).map((e, i) => ({
    open: e.open.toLowerCase(),
    close: e.close.toLowerCase(),
    mode: i + 1,
    tag: e.tag === true,
    closeAnywhere: e.closeAnywhere === true,
  }));
  const host = compileMode(spec, embeds.length > 0 ? embeds : undefined);
  const modes: Mode[] = [host];
  for (const e of spec.embeds ?? []) modes.push(compileMode(e.spec, undefined, e.closeAnywhere === true ? '' : e.close));
  const hypotheses: number[] = [];
  host.constructs.forEach((c, i) => {
    if (c.type === X_BLOCK && c.distinct) hypotheses.push(i + 1);
  });
  const code: LexState = Object.freeze({ m: 0, k: 0, d: 0, t: '' });
  const states = new Map<number, LexState>([[0, code]]);
  // The common states (code, and just inside a construct) are kept in arrays for the lexer's hot path.
  const codeStates: LexState[] = modes.map((_, m) => (m === 0 ? code : Object.freeze({ m, k: 0, d: 0, t: '' })));
  const entryStates: LexState[][] = modes.map((mode, m) => {
    const row: LexState[] = [];
    for (let k = 1; k <= mode.constructs.length; k++) {
      row[k * 2] = Object.freeze({ m, k, d: 0, t: '' });
      row[k * 2 + 1] = Object.freeze({ m, k, d: 1, t: '' });
    }
    return row;
  });
  for (const s of [...codeStates, ...entryStates.flat()]) states.set((s.m * 1024 + s.k) * 256 + s.d, s);
  const simpleBlocks = embeds.length > 0 ? [] : simpleBlocksOf(host, entryStates[0] ?? []);
  const simpleBlockOf: (SimpleBlock | undefined)[] = [];
  for (const b of simpleBlocks) simpleBlockOf[b.k] = b;
  return {
    id,
    modes,
    embeds,
    code,
    hypotheses,
    multiline: modes.some((m) => m.multiline) || embeds.length > 0,
    anchors: host.anchors,
    states,
    codeStates,
    entryStates,
    needleCache: new Map(),
    simpleBlocks,
    simpleBlockOf,
  };
}

export function makeState(sx: Syntax, m: number, k: number, d: number, t: string): LexState {
  if (t !== '' || d > 255 || k > 1023) return Object.freeze({ m, k, d, t });
  if (k === 0) {
    const c = sx.codeStates[m];
    if (c !== undefined) return c;
  } else if (d <= 1) {
    const row = sx.entryStates[m];
    const e = row === undefined ? undefined : row[k * 2 + d];
    if (e !== undefined) return e;
  }
  const key = (m * 1024 + k) * 256 + d;
  let s = sx.states.get(key);
  if (s === undefined) {
    s = Object.freeze({ m, k, d, t });
    sx.states.set(key, s);
  }
  return s;
}

export function sameState(a: LexState, b: LexState): boolean {
  return a === b || (a.m === b.m && a.k === b.k && a.d === b.d && a.t === b.t);
}

/** The state for a hypothesis "the line starts inside host construct k" (look-back). */
export function insideConstruct(sx: Syntax, k: number): LexState {
  return makeState(sx, 0, k, 1, '');
}

/** What kind of region a state is in. */
export function stateKind(sx: Syntax, st: LexState): 'code' | 'comment' | 'string' {
  if (st.k === 0) return 'code';
  const c = sx.modes[st.m]?.constructs[st.k - 1];
  return c !== undefined && c.type === X_BLOCK ? 'comment' : 'string';
}

/**
 * Needles for the whole-text scan in state `st`: any line that can change the state contains one of them.
 * null means "lex every line" (heredocs and fences end on a line of their own). Keywords come on top, except
 * inside strings where nothing can start.
 */
export function needlesFor(sx: Syntax, st: LexState): { needles: readonly string[] | null; keywords: boolean } {
  const mode = sx.modes[st.m];
  if (mode === undefined) return { needles: null, keywords: true };
  const c = st.k === 0 ? undefined : mode.constructs[st.k - 1];
  if (c !== undefined && (c.type === X_HEREDOC || c.type === X_FENCE)) return { needles: null, keywords: true };
  const keywords = c === undefined || c.type === X_BLOCK;
  const key = `${st.m}/${st.k}/${st.t}`;
  let needles = sx.needleCache.get(key);
  if (needles === undefined) {
    const list: string[] = [];
    if (c === undefined) {
      list.push(...mode.openNeedles);
      if (st.m === 0) {
        for (const e of sx.embeds) list.push(e.open, e.open.toUpperCase());
      }
    } else {
      list.push(c.close === '' ? st.t : c.close);
      if (c.nested) list.push(c.open);
    }
    if (st.m > 0) {
      const e = sx.embeds[st.m - 1];
      if (e !== undefined && (e.closeAnywhere || c === undefined)) list.push(e.close, e.close.toUpperCase());
    }
    needles = [...new Set(list)].filter((n) => n !== '');
    if (sx.needleCache.size < 256) sx.needleCache.set(key, needles);
  }
  return { needles, keywords };
}

// ---- Lexing ----

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

export function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 128;
}

function placeOk(at: Place, after: string, text: string, i: number, lineStart: number): boolean {
  switch (at) {
    case 'any':
      return true;
    case 'col0':
      return i === lineStart;
    case 'word': {
      if (i === lineStart) return true;
      const p = text.charCodeAt(i - 1);
      return isSpaceCode(p) || (after !== '' && after.includes(text[i - 1] as string));
    }
    case 'line':
      for (let j = i - 1; j >= lineStart; j--) if (!isSpaceCode(text.charCodeAt(j))) return false;
      return true;
  }
}

function opens(r: Rule, text: string, i: number): boolean {
  if (!r.lower) return text.startsWith(r.open, i);
  return text.slice(i, i + r.open.length).toLowerCase() === r.open;
}

/** Looks for `needle` in [from, to): directly on a short stretch, else through the context's finder. */
function findIn(cx: LexContext, text: string, needle: string, from: number, to: number): number {
  const last = to - needle.length;
  if (last - from > 200) return cx.finder.find(text, needle, from, to);
  const c0 = needle.charCodeAt(0);
  if (needle.length === 1) {
    for (let i = from; i <= last; i++) if (text.charCodeAt(i) === c0) return i;
    return -1;
  }
  for (let i = from; i <= last; i++) if (text.charCodeAt(i) === c0 && text.startsWith(needle, i)) return i;
  return -1;
}

/** Finds the end (index after the closer) of a string from `j`; -1 when it does not close before `to`. */
function scanClose(
  cx: LexContext,
  text: string,
  j: number,
  to: number,
  close: string,
  escape: number,
  doubled: boolean,
  closeAt: Place,
): number {
  const n = close.length;
  for (;;) {
    const p = findIn(cx, text, close, j, to);
    if (p < 0) return -1;
    if (escape >= 0) {
      let e = p - 1;
      while (e >= j && text.charCodeAt(e) === escape) e--;
      if ((p - 1 - e) % 2 === 1) {
        j = p + 1;
        continue;
      }
    }
    if (doubled && text.startsWith(close, p + n) && p + 2 * n <= to) {
      j = p + 2 * n;
      continue;
    }
    if (closeAt !== 'any' && !placeOk(closeAt, '', text, p, cx.lineStart)) {
      j = p + 1;
      continue;
    }
    cx.closeStart = p;
    return p + n;
  }
}

/** Finds the end of a block comment from `j` at `depth`; -1 when still open (cx.depth holds the depth). */
function scanBlock(cx: LexContext, c: Construct, close: string, text: string, j: number, to: number, depth: number): number {
  for (;;) {
    const p = findIn(cx, text, close, j, to);
    if (c.nested) {
      const o = findIn(cx, text, c.open, j, to);
      if (o >= 0 && (p < 0 || o < p)) {
        depth++;
        j = o + c.open.length;
        continue;
      }
    }
    if (p < 0) {
      cx.depth = depth;
      return -1;
    }
    if (c.closeAt !== 'any' && !placeOk(c.closeAt, '', text, p, cx.lineStart)) {
      j = p + 1;
      continue;
    }
    depth--;
    j = p + close.length;
    if (depth <= 0) {
      cx.closeStart = p;
      return j;
    }
  }
}

const REGEX_AFTER = '(,=:[!&|?{};+-*%<>~^';
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'in', 'of', 'void', 'yield', 'await', 'delete', 'throw', 'new', 'else', 'do', 'instanceof']);

function regexAllowed(text: string, sig: number, lineStart: number): boolean {
  if (sig < lineStart) return true;
  const ch = text[sig] as string;
  if (REGEX_AFTER.includes(ch)) return true;
  if (!isWordCode(text.charCodeAt(sig))) return false;
  let b = sig;
  while (b > lineStart && isWordCode(text.charCodeAt(b - 1))) b--;
  return REGEX_KEYWORDS.has(text.slice(b, sig + 1));
}

function scanRegex(text: string, j: number, to: number): number {
  let inClass = false;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      j += 2;
      continue;
    }
    if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 47 && !inClass) {
      j++;
      while (j < to && isWordCode(text.charCodeAt(j))) j++;
      return j;
    }
    j++;
  }
  return -1;
}

const HEREDOC_RE: Record<HeredocStyle, RegExp> = {
  shell: /<<-?[ \t]*(?:(['"])([A-Za-z_][\w-]*)\1|\\?([A-Za-z_][\w-]*))/y,
  hcl: /<<-?()()([A-Za-z_]\w*)/y,
  ruby: /<<[~-]?(?:(['"`])([A-Za-z_]\w*)\1|()([A-Z_][A-Z0-9_]*))/y,
  perl: /<<~?(?:(['"])([A-Za-z_]\w*)\1|()([A-Z_][A-Z0-9_]*))/y,
  php: /<<<[ \t]*(?:(['"])([A-Za-z_]\w*)\1|()([A-Za-z_]\w*))/y,
};

function matchHeredoc(style: HeredocStyle, text: string, i: number, to: number): { id: string; end: number } | undefined {
  if (style !== 'php' && text.charCodeAt(i + 2) === 60) return undefined; // `<<<` is a here-string
  if (style === 'php' && !text.startsWith('<<<', i)) return undefined;
  const re = HEREDOC_RE[style];
  re.lastIndex = i;
  const m = re.exec(text);
  if (m === null || re.lastIndex > to) return undefined;
  const id = m[2] || m[3] || m[4] || '';
  return id === '' ? undefined : { id, end: re.lastIndex };
}

/** A heredoc ends on a line that starts (after indentation) with its terminator and has nothing word-like after. */
function endsHeredoc(text: string, from: number, to: number, id: string): boolean {
  let i = from;
  while (i < to && isSpaceCode(text.charCodeAt(i))) i++;
  if (!text.startsWith(id, i) || i + id.length > to) return false;
  const e = i + id.length;
  return e >= to || !isWordCode(text.charCodeAt(e));
}

function fenceRun(text: string, to: number, i: number, ch: number): number {
  let j = i;
  while (j < to && text.charCodeAt(j) === ch) j++;
  return j - i;
}

function endsFence(text: string, from: number, to: number, fence: string): boolean {
  let i = from;
  while (i < to && isSpaceCode(text.charCodeAt(i))) i++;
  const ch = fence.charCodeAt(0);
  const n = fenceRun(text, to, i, ch);
  if (n < fence.length) return false;
  for (let j = i + n; j < to; j++) if (!isSpaceCode(text.charCodeAt(j))) return false;
  return true;
}

/** Length of a character literal at i (`'a'`, `'\n'`, `'\u{1F600}'`), or 0 when the quote is not one. */
function charLiteral(text: string, i: number, to: number): number {
  const c1 = text.charCodeAt(i + 1);
  if (i + 2 >= to) return 0;
  if (c1 === 92) {
    const lim = Math.min(to, i + 14);
    for (let j = i + 3; j < lim; j++) if (text.charCodeAt(j) === 39) return j + 1 - i;
    return 0;
  }
  if (c1 === 39) return 0;
  if (text.charCodeAt(i + 2) === 39) return 3;
  if (c1 >= 0xd800 && c1 <= 0xdbff && text.charCodeAt(i + 3) === 39) return 4;
  return 0;
}

const RUST_RAW = /b?r(#*)"/y;
const CPP_RAW = /R"([^()\\\s"]{0,16})\(/y;
const SWIFT_RAW = /(#+)("""|")/y;
const LUA_OPEN = /\[(=*)\[/y;
const DOLLAR = /\$([A-Za-z_][\w]*)?\$/y;
const OCAML_QUOTED = /\{([a-z_]*)\|/y;

function sticky(re: RegExp, text: string, i: number, to: number): RegExpExecArray | undefined {
  re.lastIndex = i;
  const m = re.exec(text);
  return m !== null && re.lastIndex <= to ? m : undefined;
}

/** For computed openers: [closer, index after the opener], or undefined when there is no opener at i. */
function dynamicOpener(kind: StringKind | 'lua' | '', text: string, i: number, to: number): [string, number] | undefined {
  let m: RegExpExecArray | undefined;
  switch (kind) {
    case 'rustRaw':
      if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return undefined;
      m = sticky(RUST_RAW, text, i, to);
      return m && ['"' + (m[1] ?? ''), i + m[0].length];
    case 'cppRaw': {
      const p = i > 0 ? text.charCodeAt(i - 1) : 0;
      if (isWordCode(p) && !'8LuU'.includes(String.fromCharCode(p))) return undefined;
      m = sticky(CPP_RAW, text, i, to);
      return m && [')' + (m[1] ?? '') + '"', i + m[0].length];
    }
    case 'swiftRaw':
      m = sticky(SWIFT_RAW, text, i, to);
      return m && [(m[2] ?? '"') + (m[1] ?? ''), i + m[0].length];
    case 'luaLong':
    case 'lua':
      m = sticky(LUA_OPEN, text, i, to);
      return m && [']' + (m[1] ?? '') + ']', i + m[0].length];
    case 'dollar':
      if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return undefined;
      m = sticky(DOLLAR, text, i, to);
      return m && [m[0], i + m[0].length];
    case 'ocamlQuoted':
      m = sticky(OCAML_QUOTED, text, i, to);
      return m && ['|' + (m[1] ?? '') + '}', i + m[0].length];
    case 'quotes': {
      let j = i;
      while (j < to && text.charCodeAt(j) === 34) j++;
      return j - i >= 3 ? ['"'.repeat(j - i), j] : undefined;
    }
    default:
      return undefined;
  }
}

function endState(sx: Syntax, m: number, md: Mode, cx: LexContext): LexState {
  if (cx.heredoc !== '') {
    const t = cx.heredoc;
    cx.heredoc = '';
    return makeState(sx, m, md.heredocConstruct, 0, t);
  }
  return makeState(sx, m, 0, 0, '');
}

/** Continues a construct open at the line start. Returns where code resumes, or -1 (state in cx.resumeState). */
function resume(sx: Syntax, m: number, md: Mode, text: string, from: number, to: number, st: LexState, cx: LexContext): number {
  const c = md.constructs[st.k - 1];
  if (c === undefined) return from;
  switch (c.type) {
    case X_BLOCK: {
      const close = c.close === '' ? st.t : c.close;
      const end = scanBlock(cx, c, close, text, from, to, st.d);
      if (cx.segs !== null && c.comment !== undefined) {
        cx.segs.push({
          rule: c.comment,
          markerStart: from,
          textStart: from,
          textEnd: end < 0 ? to : cx.closeStart,
          opened: false,
          closed: end >= 0,
        });
      }
      if (end < 0) {
        cx.resumeState = cx.depth === st.d ? st : makeState(sx, m, st.k, cx.depth, st.t);
        return -1;
      }
      return end;
    }
    case X_STRING: {
      const end =
        c.close === ''
          ? scanClose(cx, text, from, to, st.t, -1, false, 'any')
          : scanClose(cx, text, from, to, c.close, c.escape, c.doubled, c.closeAt);
      if (end < 0) {
        cx.resumeState = st;
        return -1;
      }
      return end;
    }
    case X_HEREDOC:
      if (endsHeredoc(text, from, to, st.t)) return to;
      cx.resumeState = st;
      return -1;
    default:
      if (endsFence(text, from, to, st.t)) return to;
      cx.resumeState = st;
      return -1;
  }
}

/** Lexes [from, to) of one line in mode m from state st; `stop` ends the region (PHP `?>`) in code. */
function lexMode(sx: Syntax, m: number, text: string, from: number, to: number, st: LexState, cx: LexContext, stop: string): LexState {
  const md = sx.modes[m] as Mode;
  let i = from;
  if (st.k !== 0) {
    const r = resume(sx, m, md, text, from, to, st, cx);
    if (r < 0) return cx.resumeState as LexState;
    i = r;
  }
  const table = md.table;
  const hot = md.hot;
  const lineStart = cx.lineStart;
  const stop0 = stop === '' ? -1 : stop.charCodeAt(0);
  let sig = lineStart - 1;
  outer: while (i < to) {
    const ch = text.charCodeAt(i);
    if (ch >= 128 || hot[ch] === 0) {
      if (ch > 32) sig = i;
      i++;
      continue;
    }
    if (ch === stop0 && text.startsWith(stop, i)) {
      cx.stopAt = i;
      return endState(sx, m, md, cx);
    }
    if (ch === 92 && md.codeEscape) {
      sig = i + 1;
      i += 2;
      continue;
    }
    const rules = table[ch];
    if (rules !== undefined) {
      for (let ri = 0; ri < rules.length; ri++) {
        const r = rules[ri] as Rule;
        switch (r.t) {
          case R_LINE: {
            if (!opens(r, text, i) || !placeOk(r.at, r.after, text, i, lineStart)) continue;
            if (r.notAfter !== '' && i > lineStart && r.notAfter.includes(text[i - 1] as string)) continue;
            let e = i + r.open.length;
            if (r.dashRun) while (e < to && text.charCodeAt(e) === 45) e++;
            if (e < to && r.notBefore !== '' && r.notBefore.includes(text[e] as string)) continue;
            if (r.wordEnd && e < to && isWordCode(text.charCodeAt(e))) continue;
            let end = to;
            if (stop !== '') {
              const s = findIn(cx, text, stop, i + r.open.length, to);
              if (s >= 0) {
                end = s;
                cx.stopAt = s;
              }
            }
            if (cx.segs !== null && r.comment !== undefined) {
              cx.segs.push({ rule: r.comment, markerStart: i, textStart: i + r.open.length, textEnd: end, opened: true, closed: true });
            }
            return endState(sx, m, md, cx);
          }
          case R_BLOCK: {
            if (!text.startsWith(r.open, i) || !placeOk(r.at, '', text, i, lineStart)) continue;
            let j = i + r.open.length;
            if (j < to && r.notBefore !== '' && r.notBefore.includes(text[j] as string)) continue;
            if (r.wordEnd && j < to && isWordCode(text.charCodeAt(j))) continue;
            let close = r.close;
            if (r.kind === 'lua') {
              const d = dynamicOpener('lua', text, j, to);
              if (d === undefined) continue;
              [close, j] = d;
            }
            const c = md.constructs[r.c - 1] as Construct;
            const end = scanBlock(cx, c, close, text, j, to, 1);
            if (cx.segs !== null && r.comment !== undefined) {
              cx.segs.push({
                rule: r.comment,
                markerStart: i,
                textStart: j,
                textEnd: end < 0 ? to : cx.closeStart,
                opened: true,
                closed: end >= 0,
              });
            }
            if (end < 0) {
              cx.heredoc = '';
              return makeState(sx, m, r.c, cx.depth, r.kind === 'lua' ? close : '');
            }
            i = end;
            continue outer;
          }
          case R_STRING: {
            if (!opens(r, text, i)) continue;
            if (i > lineStart && (r.notAfter !== '' || r.notAfterWord)) {
              const p = text.charCodeAt(i - 1);
              if ((r.notAfterWord && isWordCode(p)) || r.notAfter.includes(text[i - 1] as string)) continue;
            }
            switch (r.kind) {
              case 'plain': {
                const end = scanClose(cx, text, i + r.open.length, to, r.close, r.escape, r.doubled, r.closeAt);
                if (end >= 0) {
                  sig = end - 1;
                  i = end;
                  continue outer;
                }
                if (r.multiline) {
                  cx.heredoc = '';
                  return makeState(sx, m, r.c, 0, '');
                }
                return endState(sx, m, md, cx); // unterminated: the rest of the line is the string
              }
              case 'char': {
                const n = charLiteral(text, i, to);
                if (n === 0) continue;
                sig = i + n - 1;
                i += n;
                continue outer;
              }
              case 'fence': {
                if (!placeOk('line', '', text, i, lineStart)) continue;
                const n = fenceRun(text, to, i, ch);
                if (n < 3) continue;
                if (ch === 96 && text.slice(i + n, to).includes('`')) continue;
                cx.heredoc = '';
                return makeState(sx, m, r.c, 0, text.slice(i, i + n));
              }
              default: {
                const d = dynamicOpener(r.kind, text, i, to);
                if (d === undefined) continue;
                const [close, j] = d;
                const end = scanClose(cx, text, j, to, close, -1, false, 'any');
                if (end >= 0) {
                  sig = end - 1;
                  i = end;
                  continue outer;
                }
                if (!r.multiline) return endState(sx, m, md, cx);
                cx.heredoc = '';
                return makeState(sx, m, r.c, 0, close);
              }
            }
          }
          case R_REGEX: {
            if (!regexAllowed(text, sig, lineStart)) continue;
            const end = scanRegex(text, i + 1, to);
            if (end < 0) continue;
            sig = end - 1;
            i = end;
            continue outer;
          }
          case R_HEREDOC: {
            if (r.heredoc === undefined || !text.startsWith('<<', i)) continue;
            const h = matchHeredoc(r.heredoc, text, i, to);
            if (h === undefined) continue;
            if (cx.heredoc === '') cx.heredoc = h.id;
            sig = h.end - 1;
            i = h.end;
            continue outer;
          }
          case R_EMBED: {
            if (m !== 0 || !opens(r, text, i)) continue;
            const e = sx.embeds[r.embed] as Embed;
            let at = i + r.open.length;
            if (e.tag) {
              const n = text.charCodeAt(at);
              if (at < to && !(isSpaceCode(n) || n === 62 || n === 47)) continue;
              const gt = indexOfIn(text, '>', at, to);
              at = gt >= 0 && gt < to ? gt + 1 : to;
            }
            cx.enter = r.embed;
            cx.enterAt = at;
            cx.heredoc = '';
            return sx.code;
          }
          case R_STRAY: {
            if (!text.startsWith(r.open, i)) continue;
            cx.stray++;
            sig = i + r.open.length - 1;
            i += r.open.length;
            continue outer;
          }
        }
      }
    }
    if (!isSpaceCode(ch)) sig = i;
    i++;
  }
  return endState(sx, m, md, cx);
}

function findIgnoreCase(cx: LexContext, text: string, needle: string, from: number, to: number): number {
  const first = needle.slice(0, 2);
  for (let p = cx.finder.find(text, first, from, to); p >= 0; p = cx.finder.find(text, first, p + 1, to)) {
    if (p + needle.length > to) return -1;
    if (text.slice(p, p + needle.length).toLowerCase() === needle) return p;
  }
  return -1;
}

/**
 * Lexes one line, [from, to) of `text` (the whole text, or just the line with from = 0), starting in `st`;
 * returns the state at the line's end. Comment segments go to `cx.segs` when it is set.
 */
export function lexLine(sx: Syntax, text: string, from: number, to: number, st: LexState, cx: LexContext): LexState {
  cx.lineStart = from;
  let i = from;
  let state = st;
  for (let guard = 0; guard < 64; guard++) {
    if (state.m === 0) {
      cx.enter = -1;
      state = lexMode(sx, 0, text, i, to, state, cx, '');
      if (cx.enter < 0) return state;
      const e = sx.embeds[cx.enter] as Embed;
      i = cx.enterAt;
      state = makeState(sx, e.mode, 0, 0, '');
      continue;
    }
    const e = sx.embeds[state.m - 1];
    if (e === undefined) return sx.code;
    let closeAt = -1;
    let lim = to;
    if (e.closeAnywhere) {
      closeAt = findIgnoreCase(cx, text, e.close, i, to);
      if (closeAt >= 0) lim = closeAt;
    }
    cx.stopAt = -1;
    const inner = lexMode(sx, state.m, text, i, lim, state, cx, e.closeAnywhere ? '' : e.close);
    if (!e.closeAnywhere && cx.stopAt >= 0) closeAt = cx.stopAt;
    else if (closeAt < 0) return inner;
    i = closeAt + e.close.length;
    state = sx.code;
  }
  return state;
}
