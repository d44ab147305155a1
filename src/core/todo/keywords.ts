// Keyword matching: user keywords are literal strings (never regular expressions), case-sensitive, and
// each also matches in the doc-comment tag form `@keyword` (`@todo`, `@TODO`).

import { isWordCode } from './chars';

export interface KeywordMatch {
  /** The configured keyword. */
  readonly keyword: string;
  /** As written: `TODO`, `@todo`. */
  readonly text: string;
  readonly docTag: boolean;
}

interface Form {
  readonly text: string;
  readonly keyword: string;
  readonly docTag: boolean;
  /** The form ends in a word character, so the next character must not be one. */
  readonly wordEnd: boolean;
}

export interface KeywordSet {
  readonly keywords: readonly string[];
  /** Substrings of which every keyword occurrence contains one (for scanning whole texts). */
  readonly needles: readonly string[];
  /** The keywords as written (each occurrence of a tag form `@TODO` contains one of these). */
  readonly plain: readonly string[];
  /** True when some tag form (`@todo`) is not covered by `plain`: scanners must also look at `@`. */
  readonly tags: boolean;
  readonly empty: boolean;
  /** The keyword at `i` when it stands as a whole word before `end`, else undefined. */
  match(text: string, i: number, end: number): KeywordMatch | undefined;
}

const cache = new Map<string, KeywordSet>();

/** Compiles a keyword list (blank entries are ignored; an empty list matches nothing). Cached. */
export function compileKeywords(keywords: readonly string[]): KeywordSet {
  const key = keywords.join('\u0000');
  let set = cache.get(key);
  if (set === undefined) {
    set = build(keywords);
    if (cache.size > 32) cache.clear();
    cache.set(key, set);
  }
  return set;
}

function build(input: readonly string[]): KeywordSet {
  const keywords = [...new Set(input.map((k) => k.trim()).filter((k) => k !== ''))];
  const forms: Form[] = [];
  const needles = new Set<string>();
  for (const keyword of keywords) {
    const wordEnd = isWordCode(keyword.charCodeAt(keyword.length - 1));
    forms.push({ text: keyword, keyword, docTag: false, wordEnd });
    needles.add(keyword);
    if (!keyword.startsWith('@')) {
      forms.push({ text: `@${keyword}`, keyword, docTag: true, wordEnd });
      const lower = keyword.toLowerCase();
      if (lower !== keyword) {
        forms.push({ text: `@${lower}`, keyword, docTag: true, wordEnd });
        needles.add(`@${lower}`);
      }
    }
  }
  // Longest first, so that `TODOS` wins over `TODO` when both are configured.
  forms.sort((a, b) => b.text.length - a.text.length);
  const byFirst = new Map<number, Form[]>();
  const ascii: (Form[] | undefined)[] = new Array<Form[] | undefined>(128).fill(undefined);
  for (const f of forms) {
    const c = f.text.charCodeAt(0);
    const list = byFirst.get(c);
    if (list === undefined) byFirst.set(c, [f]);
    else list.push(f);
    if (c < 128) ascii[c] = byFirst.get(c);
  }
  return {
    keywords,
    needles: [...needles],
    plain: keywords,
    tags: keywords.some((k) => !k.startsWith('@') && k.toLowerCase() !== k),
    empty: keywords.length === 0,
    match(text, i, end) {
      const c = text.charCodeAt(i);
      const list = c < 128 ? ascii[c] : byFirst.get(c);
      if (list === undefined) return undefined;
      for (const f of list) {
        const e = i + f.text.length;
        if (e > end || !text.startsWith(f.text, i)) continue;
        if (f.wordEnd && !standsAlone(text, e, end)) continue;
        return { keyword: f.keyword, text: f.text, docTag: f.docTag };
      }
      return undefined;
    },
  };
}

/**
 * After a keyword: the end, a blank, or punctuation. Not a word character (`TODONOW`, `TODO_MAX`), and not
 * `.`, `-`, `'` or `/` joined to a word (`TODO.md`, `TODO-list`, `TODO's`, `TODO/FIXME`).
 */
function standsAlone(text: string, e: number, end: number): boolean {
  if (e >= end) return true;
  const c = text.charCodeAt(e);
  if (isWordCode(c) || c === 36) return false;
  if ((c === 46 || c === 45 || c === 39 || c === 47 || c === 0x2019) && e + 1 < end && isWordCode(text.charCodeAt(e + 1))) {
    return false;
  }
  return true;
}
