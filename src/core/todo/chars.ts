// Character classes the detector shares, by UTF-16 code: blanks and word characters.

/** A blank inside a line: space, tab, form feed, vertical tab, no-break space, BOM. */
export function isBlankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

/** A letter, digit or underscore, or any non-ASCII character. */
export function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 128;
}

/** [from, to) of `text` holds only blanks. */
export function isBlankRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlankCode(text.charCodeAt(i))) return false;
  return true;
}
