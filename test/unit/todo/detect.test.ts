import assert from 'node:assert/strict';
import { findAllTodos, findTodoAt, findTodosInRange } from '../../../src/core/todo';
import { CASES } from './cases';
import { KEYWORDS, assertMatches, documentOf, summary, unmark } from './helpers';

describe('TODO detection table', () => {
  const languages = new Set(CASES.map((c) => c.lang));
  it(`has at least 100 cases over at least 20 languages (${CASES.length} cases, ${languages.size} languages)`, () => {
    assert.ok(CASES.length >= 100);
    assert.ok(languages.size >= 20);
  });

  CASES.forEach((c, i) => {
    const shown = (typeof c.src === 'string' ? c.src : c.src.join('⏎')).slice(0, 70);
    const label = `#${i} ${c.lang}: ${shown}${c.note === undefined ? '' : ` (${c.note})`}`;
    const keywords = c.keywords ?? KEYWORDS;

    it(label, () => {
      const { lines, at } = unmark(c.src);
      const text = lines.join('\n');
      const found = findTodoAt(text, c.lang, keywords, at);
      assertMatches(found, c.expect, label);

      // The same answer from lines and from a document-like source.
      assert.deepEqual(summary(findTodoAt(lines, c.lang, keywords, at)), summary(found), `${label}: lines`);

      // Every scan of the whole document agrees, and holds the TODO found here.
      const all = findAllTodos(text, c.lang, keywords).map(summary);
      assert.deepEqual(findAllTodos(lines, c.lang, keywords).map(summary), all, `${label}: scan of lines`);
      assert.deepEqual(findAllTodos(documentOf(lines), c.lang, keywords).map(summary), all, `${label}: scan of a document`);
      if (found !== undefined) assert.ok(all.some((t) => JSON.stringify(t) === JSON.stringify(summary(found))), `${label}: in the scan`);

      // CRLF text gives the same TODOs, with no \r in titles or descriptions.
      const crlf = lines.join('\r\n');
      assert.deepEqual(findAllTodos(crlf, c.lang, keywords).map(summary), all, `${label}: CRLF`);
      assert.deepEqual(findAllTodos(documentOf(lines, '\r\n'), c.lang, keywords).map(summary), all, `${label}: CRLF document`);
      assert.deepEqual(summary(findTodoAt(crlf, c.lang, keywords, at)), summary(found), `${label}: CRLF at`);
    });
  });
});

describe('TODO detection details', () => {
  it('reports the ranges of the keyword, the tag list, the head and the whole TODO', () => {
    const lines = ['  run(); // TODO(alice): Prepare the report  ', '         //   with numbers'];
    const t = findTodoAt(lines, 'typescript', KEYWORDS, { line: 0, character: 0 });
    assert.ok(t);
    assert.deepEqual(t.keywordRange, { start: { line: 0, character: 12 }, end: { line: 0, character: 16 } });
    assert.deepEqual(t.tagsRange, { start: { line: 0, character: 16 }, end: { line: 0, character: 23 } });
    assert.deepEqual(t.headEnd, { line: 0, character: 43 });
    assert.deepEqual(t.range, { start: { line: 0, character: 12 }, end: { line: 1, character: 26 } });
    assert.equal(t.description, 'with numbers');
    assert.equal(t.comment, 'line');
    assert.equal(t.marker, '//');
  });

  it('stops a block comment head before the closer', () => {
    const t = findTodoAt('x = 1; /* TODO: fix */ y = 2;', 'javascript', KEYWORDS, { line: 0, character: 0 });
    assert.ok(t);
    assert.equal(t.comment, 'block');
    assert.equal(t.marker, '/*');
    assert.deepEqual(t.headEnd, { line: 0, character: 19 });
  });

  it('gives every reference token with its range, continuation lines included', () => {
    const id1 = '0123456789abcdef0123456789abcdef';
    const id2 = 'fedcba9876543210fedcba9876543210';
    const lines = [`// TODO(tallyfy:${id1}): Prepare`, `//   and tallyfy:${id2} and tallyfy:${id1}`];
    const t = findTodoAt(lines, 'typescript', KEYWORDS, { line: 0, character: 0 });
    assert.ok(t);
    assert.deepEqual(t.references, [id1, id2]);
    assert.deepEqual(
      t.referenceTokens.map((r) => [r.id, r.range.start.line, r.range.start.character, r.range.end.character]),
      [
        [id1, 0, 8, 48],
        [id2, 1, 9, 49],
        [id1, 1, 54, 94],
      ],
    );
    assert.equal(t.description, 'and and');
  });

  it('ignores tokens that are not a 32-character lowercase hex id', () => {
    const t = findTodoAt('// TODO: a tallyfy:0123 b tallyfy:0123456789ABCDEF0123456789ABCDEF', 'typescript', KEYWORDS, { line: 0, character: 0 });
    assert.ok(t);
    assert.deepEqual(t.references, []);
    assert.equal(t.title, 'a tallyfy:0123 b tallyfy:0123456789ABCDEF0123456789ABCDEF');
  });

  it('finds several TODOs on one line, and picks the one at the cursor', () => {
    const line = '/* TODO: a */ /* FIXME: b */';
    assert.deepEqual(
      findAllTodos(line, 'c', KEYWORDS).map((t) => t.title),
      ['a', 'b'],
    );
    assert.equal(findTodoAt(line, 'c', KEYWORDS, { line: 0, character: 2 })?.title, 'a');
    assert.equal(findTodoAt(line, 'c', KEYWORDS, { line: 0, character: 20 })?.title, 'b');
    assert.equal(findTodosInRange(line, 'c', KEYWORDS, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }).length, 2);
  });

  it('returns nothing for positions outside the document', () => {
    assert.equal(findTodoAt('', 'typescript', KEYWORDS, { line: 0, character: 0 }), undefined);
    assert.equal(findTodoAt('// TODO: x', 'typescript', KEYWORDS, { line: 5, character: 0 })?.title, 'x');
  });

  it('handles a line accessor without copying', () => {
    const lines = ['a();', '// TODO: from an accessor', 'b();'];
    let reads = 0;
    const src = {
      lineCount: lines.length,
      lineAt: (i: number) => {
        reads++;
        return lines[i] as string;
      },
    };
    assert.equal(findTodoAt(src, 'typescript', KEYWORDS, { line: 1, character: 0 })?.title, 'from an accessor');
    assert.ok(reads <= 6);
  });

  it('caps continuation lines', () => {
    const lines = ['// TODO: long', ...Array.from({ length: 80 }, (_, i) => `//   line ${i}`)];
    const t = findTodoAt(lines, 'typescript', KEYWORDS, { line: 0, character: 0 });
    assert.ok(t);
    assert.equal(t.description.split('\n').length, 50);
  });
});

describe('TODO detection: the whole-text scan agrees with the line-by-line scan', () => {
  // The whole-text scan passes lines that only open or only close a simple block comment without lexing
  // them; the line-by-line scan lexes every line that may matter. Files made of tricky block-comment
  // lines must come out the same from both.
  const SHAPES = [
    '/**',
    '  /*',
    '\t/*\t',
    '  /* TODO: opened here',
    ' * TODO: inside a block',
    ' * @todo tag inside a block',
    ' *   continued',
    ' */',
    '  */  ',
    '*/ x = 1;',
    '*/ /*',
    '/* a */ y = 2;',
    '/**/',
    '/*/',
    '  /* */ // TODO: after a closed block',
    'x = "/*"; // FIXME: in a string, then a comment',
    '  // TODO: a line comment',
    'y = 3 * 4 / 2;',
    '  /* HACK: one line */',
    '',
    '  plain text',
  ];
  const LANGS = ['typescript', 'c', 'css', 'sql', 'java', 'go', 'rust', 'php', 'swift', 'scss'];

  function random(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  }

  for (const lang of LANGS) {
    it(lang, () => {
      const rnd = random(lang.length * 7919);
      for (let file = 0; file < 150; file++) {
        const lines = Array.from({ length: 24 }, () => SHAPES[Math.floor(rnd() * SHAPES.length)] as string);
        const byLines = findAllTodos(lines, lang, KEYWORDS).map(summary);
        assert.deepEqual(findAllTodos(lines.join('\n'), lang, KEYWORDS).map(summary), byLines, `${lang}:\n${lines.join('\n')}`);
        assert.deepEqual(findAllTodos(documentOf(lines, '\r\n'), lang, KEYWORDS).map(summary), byLines, `${lang} CRLF:\n${lines.join('\n')}`);
      }
    });
  }
});
