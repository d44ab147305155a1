// Position queries far down a document start from a nearby line instead of the document's start. These
// tests check that they agree with the exact whole-document scan, and that the lines they read do not
// grow with the document (counted through the line accessor, not timed).

import assert from 'node:assert/strict';
import { EXACT_LINES, LOOKAHEAD_LINES, LOOKBACK_LINES, findAllTodos, findTodoAt, type LineSource, type TodoComment } from '../../../src/core/todo';
import { KEYWORDS } from './helpers';

/** A deterministic generator (LCG). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

type Block = (n: number) => string[];

/** Per language: blocks of source, mixing code, comments with TODOs, and strings holding TODO text. */
const BLOCKS: Record<string, Block[]> = {
  typescript: [
    (n) => [`export function f${n}(a: number): number {`, `  return a + ${n};`, '}'],
    (n) => [`  // TODO: item ${n}`, `  //   detail ${n}`],
    (n) => ['/**', ` * Doc ${n}.`, ` * @todo tag ${n}`, ' */'],
    (n) => ['const t = `', `  // TODO: template ${n}`, '`;'],
    (n) => [`const s = "// TODO: string ${n}"; // FIXME: after ${n}`],
    (n) => ['/*', `  TODO: block ${n}`, '*/'],
  ],
  python: [
    (n) => [`def f${n}(a):`, `    return a + ${n}`],
    (n) => [`# TODO: item ${n}`, `#   detail ${n}`],
    (n) => [`def g${n}():`, '    """', `    TODO: docstring ${n}`, '    """'],
    (n) => [`s = '''`, `# TODO: string ${n}`, `'''`],
    (n) => [`x = "# TODO: no" # FIXME: after ${n}`],
  ],
  c: [
    (n) => [`int f${n}(int a) {`, `  return a + ${n};`, '}'],
    (n) => ['/*', ` * TODO: block ${n}`, ' *   more', ' */'],
    (n) => [`static const char *s${n} = "// TODO: no"; // HACK: after ${n}`],
    (n) => [`#include "todo${n}.h"`],
  ],
  html: [
    (n) => [`<div id="d${n}">`, `  <p>TODO: text ${n}</p>`, '</div>'],
    (n) => ['<!--', `  TODO: comment ${n}`, '-->'],
    (n) => ['<script>', `  // TODO: script ${n}`, '  var s = "<!-- TODO: no -->";', '</script>'],
  ],
  shellscript: [
    (n) => [`function f${n}() {`, `  echo "# TODO: no ${n}"`, '}'],
    (n) => [`# TODO: item ${n}`],
    (n) => ['cat <<EOF', `# TODO: heredoc ${n}`, 'EOF'],
    (n) => [`export V${n}=1 # FIXME: after ${n}`],
  ],
};

function generate(lang: string, count: number, seed = 1): string[] {
  const rnd = random(seed);
  const blocks = BLOCKS[lang] as Block[];
  const out: string[] = [];
  let n = 0;
  while (out.length < count) out.push(...(blocks[Math.floor(rnd() * blocks.length)] as Block)(n++));
  return out;
}

/** The exact answer: the TODO covering `line` in the whole-document scan (the last starting on it, if several). */
function covering(all: readonly TodoComment[], line: number): TodoComment | undefined {
  let best: TodoComment | undefined;
  for (const t of all) {
    if (t.range.start.line <= line && line <= t.range.end.line && (best === undefined || t.range.start.line === line)) best = t;
  }
  return best;
}

function counting(lines: readonly string[]): LineSource & { reads: number } {
  const src = {
    reads: 0,
    lineCount: lines.length,
    lineAt(i: number) {
      src.reads++;
      return lines[i] as string;
    },
  };
  return src;
}

describe('position queries far down a document', () => {
  for (const lang of Object.keys(BLOCKS)) {
    it(`agree with the whole-document scan on every line (${lang})`, () => {
      const lines = generate(lang, EXACT_LINES + 2500);
      const all = findAllTodos(lines, lang, KEYWORDS);
      for (let line = EXACT_LINES - 20; line < lines.length; line++) {
        const expected = covering(all, line);
        const found = findTodoAt(lines, lang, KEYWORDS, { line, character: 0 });
        assert.equal(found?.title, expected?.title, `line ${line}: ${lines[line]}`);
      }
    });
  }

  it('read a bounded number of lines, whatever the document length', () => {
    const reads: number[] = [];
    for (const size of [20_000, 100_000, 400_000]) {
      const src = counting(generate('typescript', size, 2));
      const middle = Math.floor(size / 2);
      findTodoAt(src, 'typescript', KEYWORDS, { line: middle, character: 0 });
      reads.push(src.reads);
    }
    assert.ok(reads.every((r) => r < 400), `lines read: ${reads.join(', ')}`);
  });

  it('read a bounded number of lines without any anchor line', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `    step(${i}); // plain`);
    const src = counting(lines);
    findTodoAt(src, 'typescript', KEYWORDS, { line: 150_000, character: 0 });
    assert.ok(src.reads <= 3 * (LOOKBACK_LINES + LOOKAHEAD_LINES) + 200, `lines read: ${src.reads}`);
  });

  it('see that a block comment opened above the look-back is still open (its closer follows)', () => {
    const prose = Array.from({ length: LOOKBACK_LINES + 500 }, (_, i) => `   Some prose line ${i}, it's long.`);
    const at = EXACT_LINES + 100 + prose.length - 20;
    const lines = [
      ...Array.from({ length: EXACT_LINES + 100 }, (_, i) => `export const v${i} = ${i};`),
      '/*',
      ...prose.slice(0, -20),
      '   TODO: inside the long comment',
      ...prose.slice(-19),
      '*/',
      '// TODO: after the long comment',
    ];
    assert.equal(findTodoAt(lines, 'typescript', KEYWORDS, { line: at + 1, character: 0 })?.title, 'inside the long comment');
    assert.equal(findTodoAt(lines, 'typescript', KEYWORDS, { line: lines.length - 1, character: 0 })?.title, 'after the long comment');
  });
});
