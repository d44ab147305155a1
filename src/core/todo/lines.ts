// Line helpers: split text on any line ending, and view any TodoSource as lines.

import type { LineSource, TodoSource } from './types';

/** Splits text into lines; `\r\n`, `\n` and a lone `\r` each end a line. The terminators are dropped. */
export function splitLines(text: string): string[] {
  if (text.indexOf('\r') < 0) return text.split('\n');
  return text.split(/\r\n|\r|\n/);
}

/** An array as a LineSource, without copying. */
export function arrayLineSource(lines: readonly string[]): LineSource {
  return {
    lineCount: lines.length,
    lineAt: (i) => lines[i] ?? '',
  };
}

/** Any TodoSource as a LineSource (text is split once). */
export function toLineSource(source: TodoSource): LineSource {
  if (typeof source === 'string') return arrayLineSource(splitLines(source));
  if (isLineArray(source)) return arrayLineSource(source);
  return source;
}

function isLineArray(source: readonly string[] | LineSource): source is readonly string[] {
  return Array.isArray(source);
}
