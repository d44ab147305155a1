// Where strings, comments and the other constructs of a line end, and the openers whose closer depends on
// what they hold (raw strings, heredocs, long brackets). Each function looks at one line: [from, to) of a
// text that may be the whole document, with `lineStart` where that line starts.

import { isBlankCode, isWordCode } from './chars';
import type { HeredocStyle, Place } from './languages';
import { indexOfIn } from './references';
import type { BlockCommentConstruct } from './syntax';

/** Looks a needle up in [from, to). A remembering finder keeps whole-text scans linear. */
export interface Finder {
  find(text: string, needle: string, from: number, to: number): number;
}

/** Searches only [from, to): right for one line, or for unrelated queries. */
export const directFinder: Finder = { find: indexOfIn };

/**
 * For lexing the lines of one long text in order: remembers, per needle, the next occurrence after the last
 * query, so that looking for a closer that is far away (or absent) costs one scan in all, not one per line.
 */
export class RememberingFinder implements Finder {
  private readonly next = new Map<string, { from: number; at: number }>();

  find(text: string, needle: string, from: number, to: number): number {
    let known = this.next.get(needle);
    if (known === undefined) {
      known = { from, at: text.indexOf(needle, from) };
      this.next.set(needle, known);
    } else if (!(known.from <= from && (known.at < 0 || known.at >= from))) {
      known.from = from;
      known.at = text.indexOf(needle, from);
    }
    return known.at >= 0 && known.at + needle.length <= to ? known.at : -1;
  }
}

/** `needle` in [from, to): directly on a short stretch, else through the finder. */
export function findIn(finder: Finder, text: string, needle: string, from: number, to: number): number {
  const last = to - needle.length;
  if (last - from > 200) return finder.find(text, needle, from, to);
  const first = needle.charCodeAt(0);
  for (let i = from; i <= last; i++) if (text.charCodeAt(i) === first && (needle.length === 1 || text.startsWith(needle, i))) return i;
  return -1;
}

/** `needle` (lower-case) in [from, to), in any case. */
export function findIgnoreCase(finder: Finder, text: string, needle: string, from: number, to: number): number {
  const first = needle.slice(0, 2);
  for (let p = finder.find(text, first, from, to); p >= 0; p = finder.find(text, first, p + 1, to)) {
    if (p + needle.length > to) return -1;
    if (text.slice(p, p + needle.length).toLowerCase() === needle) return p;
  }
  return -1;
}

/** Whether position i of a line that starts at `lineStart` is a place where a marker counts. */
export function placeAllows(place: Place, text: string, i: number, lineStart: number, wordStartsAfter = ''): boolean {
  switch (place) {
    case 'any':
      return true;
    case 'col0':
      return i === lineStart;
    case 'word': {
      if (i === lineStart) return true;
      const before = text.charCodeAt(i - 1);
      return isBlankCode(before) || (wordStartsAfter !== '' && wordStartsAfter.includes(text[i - 1] as string));
    }
    case 'line':
      for (let j = i - 1; j >= lineStart; j--) if (!isBlankCode(text.charCodeAt(j))) return false;
      return true;
  }
}

/** How a string closes. */
export interface StringEnd {
  readonly closer: string;
  readonly escape: number;
  readonly doubled: boolean;
  readonly closeAt: Place;
}

/** The end (after the closer) of a string whose text goes on from `from`; -1 when it does not close before `to`. */
export function stringEnd(finder: Finder, text: string, from: number, to: number, lineStart: number, how: StringEnd): number {
  const { closer, escape, doubled, closeAt } = how;
  const n = closer.length;
  let j = from;
  for (;;) {
    const p = findIn(finder, text, closer, j, to);
    if (p < 0) return -1;
    if (escape >= 0 && escapedAt(text, p, j, escape)) {
      j = p + 1;
      continue;
    }
    if (doubled && text.startsWith(closer, p + n) && p + 2 * n <= to) {
      j = p + 2 * n;
      continue;
    }
    if (closeAt !== 'any' && !placeAllows(closeAt, text, p, lineStart)) {
      j = p + 1;
      continue;
    }
    return p + n;
  }
}

/** An odd run of escape characters stands right before p (and after `from`). */
function escapedAt(text: string, p: number, from: number, escape: number): boolean {
  let e = p - 1;
  while (e >= from && text.charCodeAt(e) === escape) e--;
  return (p - 1 - e) % 2 === 1;
}

/** Where a block comment stands at the end of what was looked at. */
export interface BlockEnd {
  /** Where its closer starts, or -1 when it is still open at `to`. */
  readonly closerAt: number;
  /** After the closer; `to` when still open. */
  readonly end: number;
  /** The nesting depth still open (0 once closed). */
  readonly depth: number;
}

/** Follows a block comment from `from` at nesting `depth` to its closer, or to `to`. */
export function blockEnd(
  finder: Finder,
  comment: BlockCommentConstruct,
  closer: string,
  text: string,
  from: number,
  to: number,
  lineStart: number,
  depth: number,
): BlockEnd {
  let j = from;
  let open = depth;
  for (;;) {
    const p = findIn(finder, text, closer, j, to);
    if (comment.nested) {
      const o = findIn(finder, text, comment.opener, j, to);
      if (o >= 0 && (p < 0 || o < p)) {
        open++;
        j = o + comment.opener.length;
        continue;
      }
    }
    if (p < 0) return { closerAt: -1, end: to, depth: open };
    if (comment.closeAt !== 'any' && !placeAllows(comment.closeAt, text, p, lineStart)) {
      j = p + 1;
      continue;
    }
    open--;
    j = p + closer.length;
    if (open <= 0) return { closerAt: p, end: j, depth: 0 };
  }
}

// ---- Regular expression literals (JavaScript) ----

const REGEX_AFTER = '(,=:[!&|?{};+-*%<>~^';
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'in', 'of', 'void', 'yield', 'await', 'delete', 'throw', 'new', 'else', 'do', 'instanceof']);

/** A `/` can start a regular expression after the line's last significant character at `last` (a division otherwise). */
export function regexAllowed(text: string, last: number, lineStart: number): boolean {
  if (last < lineStart) return true;
  if (REGEX_AFTER.includes(text[last] as string)) return true;
  if (!isWordCode(text.charCodeAt(last))) return false;
  let b = last;
  while (b > lineStart && isWordCode(text.charCodeAt(b - 1))) b--;
  return REGEX_AFTER_WORDS.has(text.slice(b, last + 1));
}

/** The end of a regular expression literal whose body starts at `from` (flags included), or -1 when it does not end on the line. */
export function regexEnd(text: string, from: number, to: number): number {
  let inClass = false;
  let j = from;
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

// ---- Heredocs and fences: constructs that end on a line of their own ----

const HEREDOC_OPENERS: Record<HeredocStyle, RegExp> = {
  shell: /<<-?[ \t]*(?:(['"])([A-Za-z_][\w-]*)\1|\\?([A-Za-z_][\w-]*))/y,
  hcl: /<<-?()()([A-Za-z_]\w*)/y,
  ruby: /<<[~-]?(?:(['"`])([A-Za-z_]\w*)\1|()([A-Z_][A-Z0-9_]*))/y,
  perl: /<<~?(?:(['"])([A-Za-z_]\w*)\1|()([A-Z_][A-Z0-9_]*))/y,
  php: /<<<[ \t]*(?:(['"])([A-Za-z_]\w*)\1|()([A-Za-z_]\w*))/y,
};

/** A heredoc opener at i: its terminator and where the opener ends; undefined when there is none. */
export function heredocOpener(style: HeredocStyle, text: string, i: number, to: number): { terminator: string; end: number } | undefined {
  if (style !== 'php' && text.charCodeAt(i + 2) === 60) return undefined; // `<<<` is a here-string
  if (style === 'php' && !text.startsWith('<<<', i)) return undefined;
  const m = sticky(HEREDOC_OPENERS[style], text, i, to);
  const terminator = m === undefined ? '' : m[2] || m[3] || m[4] || '';
  return m === undefined || terminator === '' ? undefined : { terminator, end: i + m[0].length };
}

/** A heredoc ends on a line that starts (after indentation) with its terminator, nothing word-like after it. */
export function endsHeredoc(text: string, from: number, to: number, terminator: string): boolean {
  let i = from;
  while (i < to && isBlankCode(text.charCodeAt(i))) i++;
  if (!text.startsWith(terminator, i) || i + terminator.length > to) return false;
  const e = i + terminator.length;
  return e >= to || !isWordCode(text.charCodeAt(e));
}

/** How many times the character `ch` repeats from i. */
export function runLength(text: string, to: number, i: number, ch: number): number {
  let j = i;
  while (j < to && text.charCodeAt(j) === ch) j++;
  return j - i;
}

/** A Markdown fence ends on a line holding a fence at least as long as its opener, and blanks. */
export function endsFence(text: string, from: number, to: number, fence: string): boolean {
  let i = from;
  while (i < to && isBlankCode(text.charCodeAt(i))) i++;
  const n = runLength(text, to, i, fence.charCodeAt(0));
  if (n < fence.length) return false;
  for (let j = i + n; j < to; j++) if (!isBlankCode(text.charCodeAt(j))) return false;
  return true;
}

/** The length of a character literal at i (`'a'`, `'\n'`, `'\u{1F600}'`), or 0 when the quote opens none. */
export function charLiteralLength(text: string, i: number, to: number): number {
  const next = text.charCodeAt(i + 1);
  if (i + 2 >= to) return 0;
  if (next === 92) {
    const limit = Math.min(to, i + 14);
    for (let j = i + 3; j < limit; j++) if (text.charCodeAt(j) === 39) return j + 1 - i;
    return 0;
  }
  if (next === 39) return 0;
  if (text.charCodeAt(i + 2) === 39) return 3;
  if (next >= 0xd800 && next <= 0xdbff && text.charCodeAt(i + 3) === 39) return 4;
  return 0;
}

// ---- Openers that fix their closer ----

const RUST_RAW = /b?r(#*)"/y;
const CPP_RAW = /R"([^()\\\s"]{0,16})\(/y;
const SWIFT_RAW = /(#+)("""|")/y;
const LONG_BRACKET = /\[(=*)\[/y;
const DOLLAR_QUOTE = /\$([A-Za-z_][\w]*)?\$/y;
const OCAML_QUOTED = /\{([a-z_]*)\|/y;

function sticky(re: RegExp, text: string, i: number, to: number): RegExpExecArray | undefined {
  re.lastIndex = i;
  const m = re.exec(text);
  return m !== null && re.lastIndex <= to ? m : undefined;
}

/** The kinds of opener whose closer depends on the opener. */
export type ComputedOpener = 'rustRaw' | 'cppRaw' | 'swiftRaw' | 'quotes' | 'luaLong' | 'dollar' | 'ocamlQuoted';

/** An opener of `kind` at i: the closer it fixes and where the opener ends; undefined when there is none. */
export function computedOpener(kind: ComputedOpener, text: string, i: number, to: number): { closer: string; end: number } | undefined {
  let m: RegExpExecArray | undefined;
  switch (kind) {
    case 'rustRaw':
      if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return undefined;
      m = sticky(RUST_RAW, text, i, to);
      return m && { closer: '"' + (m[1] ?? ''), end: i + m[0].length };
    case 'cppRaw': {
      const before = i > 0 ? text.charCodeAt(i - 1) : 0;
      if (isWordCode(before) && !'8LuU'.includes(String.fromCharCode(before))) return undefined;
      m = sticky(CPP_RAW, text, i, to);
      return m && { closer: ')' + (m[1] ?? '') + '"', end: i + m[0].length };
    }
    case 'swiftRaw':
      m = sticky(SWIFT_RAW, text, i, to);
      return m && { closer: (m[2] ?? '"') + (m[1] ?? ''), end: i + m[0].length };
    case 'luaLong':
      m = sticky(LONG_BRACKET, text, i, to);
      return m && { closer: ']' + (m[1] ?? '') + ']', end: i + m[0].length };
    case 'dollar':
      if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return undefined;
      m = sticky(DOLLAR_QUOTE, text, i, to);
      return m && { closer: m[0], end: i + m[0].length };
    case 'ocamlQuoted':
      m = sticky(OCAML_QUOTED, text, i, to);
      return m && { closer: '|' + (m[1] ?? '') + '}', end: i + m[0].length };
    case 'quotes': {
      const n = runLength(text, to, i, 34);
      return n >= 3 ? { closer: '"'.repeat(n), end: i + n } : undefined;
    }
  }
}
