// The `tallyfy:<id>` reference token that links a TODO to its task: `<id>` is a 32-character lowercase hex id.

export const REFERENCE_PREFIX = 'tallyfy:';

const ID = /^[0-9a-f]{32}$/;

export function isTaskId(id: string): boolean {
  return ID.test(id);
}

/** `tallyfy:<id>`; throws a RangeError when the id is not 32 lowercase hex characters. */
export function formatReference(id: string): string {
  if (!isTaskId(id)) throw new RangeError(`Not a task id (32 lowercase hex characters): ${JSON.stringify(id)}`);
  return REFERENCE_PREFIX + id;
}

export interface ReferenceMatch {
  readonly id: string;
  /** Offset of `tallyfy:` in the scanned text. */
  readonly start: number;
  /** Offset after the id. */
  readonly end: number;
}

/**
 * Every `tallyfy:<32 hex>` token in a text (a line, or a whole file), in order. The token must not be glued
 * to a word before it (`xtallyfy:…`) or continue as a word after the id.
 */
export function findReferences(text: string): ReferenceMatch[] {
  return findReferencesIn(text, 0, text.length);
}

/** The first `needle` within [from, to) of `text`, or -1; never looks past `to`. */
export function indexOfIn(text: string, needle: string, from: number, to: number): number {
  const last = to - needle.length;
  if (last < from) return -1;
  if (last - from > 64) {
    const p = text.slice(from, to).indexOf(needle);
    return p < 0 ? -1 : from + p;
  }
  const c0 = needle.charCodeAt(0);
  for (let i = from; i <= last; i++) if (text.charCodeAt(i) === c0 && text.startsWith(needle, i)) return i;
  return -1;
}

/** findReferences over [from, to) of `text`; offsets are into `text`. */
export function findReferencesIn(text: string, from: number, to: number): ReferenceMatch[] {
  let p = indexOfIn(text, REFERENCE_PREFIX, from, to);
  if (p < 0) return NO_MATCHES;
  const out: ReferenceMatch[] = [];
  const n = REFERENCE_PREFIX.length + 32;
  for (; p >= 0 && p + n <= to; p = indexOfIn(text, REFERENCE_PREFIX, p + 1, to)) {
    if (p > 0 && isWordChar(text.charCodeAt(p - 1))) continue;
    if (p + n < to && isWordChar(text.charCodeAt(p + n))) continue;
    let hex = true;
    for (let i = p + REFERENCE_PREFIX.length; i < p + n && hex; i++) {
      const c = text.charCodeAt(i);
      hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
    }
    if (hex) out.push({ id: text.slice(p + REFERENCE_PREFIX.length, p + n), start: p, end: p + n });
  }
  return out;
}

const NO_MATCHES: ReferenceMatch[] = [];

export interface LineReferenceMatch extends ReferenceMatch {
  /** 0-based line; `start` and `end` are characters within that line. */
  readonly line: number;
}

/** Like findReferences, over a whole text, with line and character positions (any of \r\n, \n, \r ends a line). */
export function findReferencesByLine(text: string): LineReferenceMatch[] {
  const found = findReferences(text);
  if (found.length === 0) return [];
  const out: LineReferenceMatch[] = [];
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  const cr = text.indexOf('\r') >= 0;
  for (const r of found) {
    if (cr) {
      for (let i = scanned; i < r.start; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
          line++;
          lineStart = i + 1;
        }
      }
    } else {
      for (let i = text.indexOf('\n', scanned); i >= 0 && i < r.start; i = text.indexOf('\n', i + 1)) {
        line++;
        lineStart = i + 1;
      }
    }
    scanned = r.start;
    out.push({ id: r.id, line, start: r.start - lineStart, end: r.end - lineStart });
  }
  return out;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
