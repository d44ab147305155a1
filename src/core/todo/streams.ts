// Forward-only searches over one text, for the whole-text scan: each stream knows the next occurrence of its
// needle at or after the last position asked for, so the text is searched about once per stream however
// many lines ask. V8 searches a needle by its first character, so a keyword is searched by the suffix that
// starts at its rarest character (`DO` for `TODO`) and checked in place; `/*` is searched as `*` (rarer
// than `/`); the tag forms of all keywords (`@todo`) share one `@` stream.

import type { KeywordSet } from './keywords';

/** Characters of source code from most to least frequent (roughly); used to pick search suffixes. */
const FREQUENCY = ' \t\n etaoinsrlcdupmhgfbyw.,;()=_"\'-/*:{}[]0123456789><+!&|ETSAIRONCLDMPUFBHGVWKYXJQZ$#@%^~`?\\';

function rarity(c: number): number {
  const i = FREQUENCY.indexOf(String.fromCharCode(c));
  return i < 0 ? FREQUENCY.length : i;
}

/** How a stream's hits are checked. */
type Search =
  /** The needle itself. */
  | 'whole'
  /** A suffix of the needle, checked back to the whole needle. */
  | 'suffix'
  /** `*` of `/*`. */
  | 'star'
  /** `@` of a keyword's tag form. */
  | 'tag';

interface Stream {
  readonly search: string;
  readonly needle: string;
  /** How far the searched suffix starts into the needle. */
  readonly back: number;
  readonly how: Search;
  /** The next occurrence found (valid for queries up to it), -1 for none, -2 before the first look-up. */
  next: number;
}

export class Streams {
  private readonly streams: Stream[] = [];
  private readonly ids = new Map<string, number>();
  /** Characters that can follow `@` in a tag form (`t` for `@todo`): most `@`s (`@param`) fail this at once. */
  private readonly tagSecond = new Uint8Array(128);

  constructor(
    private readonly text: string,
    private readonly keywords: KeywordSet,
  ) {
    for (const needle of keywords.needles) {
      const c = needle.charCodeAt(1);
      if (needle.charCodeAt(0) === 64 && c < 128) this.tagSecond[c] = 1;
    }
  }

  /** The stream that finds `needle`: a keyword (`keyword`; `@` for the tag forms), or a construct's delimiter. */
  id(needle: string, keyword: boolean): number {
    const key = (keyword ? 'k' : 'n') + needle;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    let search = needle;
    let back = 0;
    let how: Search = 'whole';
    if (needle === '@' && keyword) how = 'tag';
    else if (needle === '/*') {
      search = '*';
      how = 'star';
    } else if (needle.length > 2) {
      let rarest = 0;
      for (let j = 1; j <= needle.length - 2; j++) if (rarity(needle.charCodeAt(j)) >= rarity(needle.charCodeAt(rarest))) rarest = j;
      if (rarest > 0) {
        search = needle.slice(rarest);
        back = rarest;
        how = 'suffix';
      }
    }
    const searchKey = `${how}:${back}:${needle}`;
    let id = this.ids.get(searchKey);
    if (id === undefined) {
      id = this.streams.push({ search, needle, back, how, next: -2 }) - 1;
      this.ids.set(searchKey, id);
    }
    this.ids.set(key, id);
    return id;
  }

  /** The occurrence of stream `id` found last (valid for positions up to it): -1 for none, -2 before the first look-up. */
  known(id: number): number {
    return (this.streams[id] as Stream).next;
  }

  /** The next occurrence of stream `id` at or after `from`, or -1. */
  seek(id: number, from: number): number {
    const stream = this.streams[id] as Stream;
    if (stream.next >= from || stream.next === -1) return stream.next;
    const text = this.text;
    let p = text.indexOf(stream.search, from + stream.back);
    let found = -1;
    while (p >= 0) {
      found = this.verified(stream, p, from);
      if (found >= 0) break;
      p = text.indexOf(stream.search, p + 1);
    }
    stream.next = found;
    return found;
  }

  /** The needle's occurrence that the search hit at p stands for, or -1 when the hit is not one. */
  private verified(stream: Stream, p: number, from: number): number {
    const text = this.text;
    switch (stream.how) {
      case 'whole':
        return p;
      case 'suffix':
        return text.startsWith(stream.needle, p - stream.back) ? p - stream.back : -1;
      case 'star':
        return text.charCodeAt(p - 1) === 47 ? Math.max(from, p - 1) : -1;
      case 'tag': {
        const c = text.charCodeAt(p + 1);
        return (c >= 128 || this.tagSecond[c] === 1) && this.keywords.match(text, p, text.length) !== undefined ? p : -1;
      }
    }
  }
}
