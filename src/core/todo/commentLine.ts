// Reading one comment piece of a line: where its own text starts and ends (past decoration such as `///`,
// `/**` or a block comment's leading `*`), and the TODO head in it: the keyword, the tag list after it
// (`TODO(alice):`) and where the title starts. Also the title's clean-up (references taken out).

import { isBlankCode } from './chars';
import type { KeywordSet } from './keywords';
import type { Segment } from './lexer';
import { indexOfIn } from './references';

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

const DECORATION = charTable('/*!#;%-=~|');
const PUNCTUATION = charTable(':-!,;.>=');

function isDecoration(c: number): boolean {
  return c < 128 && DECORATION[c] === 1;
}

function isPunctuation(c: number): boolean {
  return (c < 128 && PUNCTUATION[c] === 1) || c === 0x2013 || c === 0x2014;
}

const REFERENCE_GROUP = /\(\s*tallyfy:[0-9a-f]{32}(?:\s*,\s*tallyfy:[0-9a-f]{32})*\s*\)/g;
const REFERENCE_TOKEN = /tallyfy:[0-9a-f]{32}(?![0-9A-Za-z_])/g;
export const HAS_REFERENCE = /tallyfy:[0-9a-f]{32}/;

/** Where a comment piece's own text starts: after decoration (`///`, `/**`, a leading `*`) and blanks. */
export function contentStart(text: string, segment: Segment): number {
  let i = segment.textStart;
  const end = segment.textEnd;
  if (!segment.opened) while (i < end && isBlankCode(text.charCodeAt(i))) i++;
  while (i < end && isDecoration(text.charCodeAt(i))) i++;
  while (i < end && isBlankCode(text.charCodeAt(i))) i++;
  return i;
}

/** Where a comment piece's text ends: before trailing blanks and, in a closed block comment, decoration (`**` of `**\/`). */
export function contentEnd(text: string, segment: Segment, start: number): number {
  let e = segment.textEnd;
  while (e > start && isBlankCode(text.charCodeAt(e - 1))) e--;
  if (segment.marker.block && segment.closed) {
    let d = e;
    while (d > start && isDecoration(text.charCodeAt(d - 1))) d--;
    if (d === start || isBlankCode(text.charCodeAt(d - 1))) {
      e = d;
      while (e > start && isBlankCode(text.charCodeAt(e - 1))) e--;
    }
  }
  return e;
}

/** The decoration right after a comment's marker (`/` of `///`, `*` of `/**`). */
export function decorationOf(text: string, segment: Segment): string {
  let i = segment.textStart;
  while (i < segment.textEnd && isDecoration(text.charCodeAt(i))) i++;
  return text.slice(segment.textStart, i);
}

/** A TODO's first line, as offsets into the lexed text. */
export interface TodoHead {
  readonly keyword: string;
  readonly keywordText: string;
  readonly docTag: boolean;
  readonly keywordStart: number;
  readonly keywordEnd: number;
  /** The tag list's parentheses, or -1 when there is none. */
  readonly tagsOpen: number;
  readonly tagsClose: number;
  readonly titleStart: number;
  /** The end of the comment's text on this line. */
  readonly end: number;
}

/** The TODO head in a comment piece: its text starts with a keyword. Undefined when it does not. */
export function parseHead(text: string, segment: Segment, keywords: KeywordSet): TodoHead | undefined {
  const start = contentStart(text, segment);
  const end = contentEnd(text, segment, start);
  if (start >= end) return undefined;
  const match = keywords.match(text, start, end);
  if (match === undefined) return undefined;
  const keywordEnd = start + match.text.length;
  const tags = tagList(text, keywordEnd, end);
  let p = tags === undefined ? keywordEnd : tags.close + 1;
  while (p < end && isBlankCode(text.charCodeAt(p))) p++;
  while (p < end && isPunctuation(text.charCodeAt(p))) p++;
  while (p < end && isBlankCode(text.charCodeAt(p))) p++;
  return {
    keyword: match.keyword,
    keywordText: match.text,
    docTag: match.docTag,
    keywordStart: start,
    keywordEnd,
    tagsOpen: tags?.open ?? -1,
    tagsClose: tags?.close ?? -1,
    titleStart: p,
    end,
  };
}

/**
 * The parenthesised list after a keyword that ends at `from`: right after the keyword always; after a blank
 * only when a colon follows it or it holds a reference (`TODO (alice): x`, `@todo (tallyfy:…) x`), so that
 * `TODO (maybe) later` keeps its words.
 */
function tagList(text: string, from: number, end: number): { open: number; close: number } | undefined {
  let open = from;
  while (open < end && isBlankCode(text.charCodeAt(open))) open++;
  if (text.charCodeAt(open) !== 40) return undefined;
  const close = indexOfIn(text, ')', open + 1, end);
  if (close < 0) return undefined;
  let next = close + 1;
  while (next < end && isBlankCode(text.charCodeAt(next))) next++;
  if (open === from || text.charCodeAt(next) === 58 || HAS_REFERENCE.test(text.slice(open + 1, close))) return { open, close };
  return undefined;
}

/** Takes out reference tokens (and parentheses holding only references) and tidies blanks. */
export function withoutReferences(s: string): string {
  if (!s.includes('tallyfy:')) return isTidy(s) ? s : s.replace(/\s+/g, ' ').trim();
  return s
    .replace(REFERENCE_GROUP, ' ')
    .replace(REFERENCE_TOKEN, ' ')
    .replace(/\(\s*,?\s*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** No blank at either end, no run of blanks and no odd blank inside. */
function isTidy(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) return false;
  let previousSpace = false;
  for (let i = 1; i < n - 1; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return false;
      previousSpace = true;
    } else if (c < 32 || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029) return false;
    else previousSpace = false;
  }
  return true;
}
