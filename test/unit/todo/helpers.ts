// Shared helpers for the TODO tests: cursor markers, documents, comparisons.

import assert from 'node:assert/strict';
import type { TextDocumentLike, TodoComment, TodoPosition, TodoRange } from '../../../src/core/todo';
import type { Expected } from './cases';

export const KEYWORDS = ['TODO', 'FIXME', 'HACK', 'XXX', 'BUG'];

const CURSOR = '‸';
const OPEN = '«';
const CLOSE = '»';

export interface Marked {
  readonly lines: string[];
  /** The cursor position, or the selection. */
  readonly at: TodoPosition | TodoRange;
}

/** Removes the cursor (‸) or selection («…») markers and returns the lines and where they were. */
export function unmark(src: string | readonly string[]): Marked {
  const lines = (typeof src === 'string' ? src.split('\n') : [...src]).slice();
  const marks: Record<string, TodoPosition> = {};
  for (let i = 0; i < lines.length; i++) {
    for (const m of [CURSOR, OPEN, CLOSE]) {
      const line = lines[i] as string;
      const c = line.indexOf(m);
      if (c >= 0) {
        marks[m] = { line: i, character: c };
        lines[i] = line.slice(0, c) + line.slice(c + m.length);
      }
    }
  }
  const open = marks[OPEN];
  const close = marks[CLOSE];
  if (open !== undefined && close !== undefined) return { lines, at: { start: open, end: close } };
  const cursor = marks[CURSOR];
  assert.ok(cursor !== undefined, 'each case needs a cursor ‸ or a selection «…»');
  return { lines, at: cursor };
}

/** A TextDocument-like view of lines (positionAt over line starts), as the editor would pass. */
export function documentOf(lines: readonly string[], eol = '\n'): TextDocumentLike {
  const text = lines.join(eol);
  const starts: number[] = [];
  let s = 0;
  for (const l of lines) {
    starts.push(s);
    s += l.length + eol.length;
  }
  return {
    getText: () => text,
    positionAt(offset: number) {
      let line = 0;
      while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
      return { line, character: offset - (starts[line] as number) };
    },
  };
}

/** Checks a found TODO against the table's expectation. */
export function assertMatches(actual: TodoComment | undefined, expected: Expected | null, label: string): void {
  if (expected === null) {
    assert.equal(actual, undefined, `${label}: expected no TODO, found ${JSON.stringify(actual?.title)}`);
    return;
  }
  assert.ok(actual !== undefined, `${label}: expected a TODO`);
  assert.equal(actual.keyword, expected.keyword, `${label}: keyword`);
  assert.equal(actual.title, expected.title, `${label}: title`);
  assert.equal(actual.description, expected.description ?? '', `${label}: description`);
  assert.deepEqual([...actual.authors], [...(expected.authors ?? [])], `${label}: authors`);
  assert.deepEqual([...actual.references], [...(expected.references ?? [])], `${label}: references`);
  if (expected.docTag !== undefined) assert.equal(actual.docTag, expected.docTag, `${label}: docTag`);
  if (expected.lines !== undefined) {
    assert.deepEqual([actual.range.start.line, actual.range.end.line], [...expected.lines], `${label}: lines`);
  }
}

/** A TODO as plain data (undefined as null), for comparing scans. */
export function summary(t: TodoComment | undefined): unknown {
  return t === undefined ? null : (JSON.parse(JSON.stringify(t)) as unknown);
}
