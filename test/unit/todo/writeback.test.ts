import assert from 'node:assert/strict';
import type { WriteBackMode } from '../../../src/core/contract';
import { findAllTodos, findTodoAt, referenceEdit, refindTodo, type TodoComment, type TodoTextEdit } from '../../../src/core/todo';
import { ID, ID2 } from './cases';
import { KEYWORDS } from './helpers';

/** A one-line edit applied to that line's text (as the editor applies it to the document). */
function applyLineEdit(lineText: string, edit: TodoTextEdit): string {
  return lineText.slice(0, edit.startCharacter) + edit.newText + lineText.slice(edit.endCharacter);
}

interface WriteCase {
  readonly lang: string;
  readonly line: string;
  readonly mode: WriteBackMode;
  /** The line after the edit; null when no edit is expected. */
  readonly after: string | null;
  /** Lines around `line`, when it needs them (a doc comment's opener and closer). */
  readonly above?: readonly string[];
  readonly below?: readonly string[];
}

const R = `tallyfy:${ID}`;

const WRITE_CASES: readonly WriteCase[] = [
  // keyword: in parentheses right after the keyword
  { lang: 'typescript', line: '// TODO: Prepare Q3 report', mode: 'keyword', after: `// TODO(${R}): Prepare Q3 report` },
  { lang: 'typescript', line: '// TODO(alice): Prepare Q3 report', mode: 'keyword', after: `// TODO(alice, ${R}): Prepare Q3 report` },
  { lang: 'typescript', line: '// TODO (alice): spaced', mode: 'keyword', after: `// TODO (alice, ${R}): spaced` },
  { lang: 'typescript', line: '// TODO(): empty list', mode: 'keyword', after: `// TODO(${R}): empty list` },
  { lang: 'typescript', line: '// TODO - Prepare', mode: 'keyword', after: `// TODO(${R}) - Prepare` },
  { lang: 'typescript', line: '// TODO Prepare', mode: 'keyword', after: `// TODO(${R}) Prepare` },
  { lang: 'typescript', line: '// TODO', mode: 'keyword', after: `// TODO(${R})` },
  {
    lang: 'typescript',
    above: ['/**', ' * Loads things.'],
    line: ' * @todo Fix the cache',
    below: [' * @param x the input', ' */'],
    mode: 'keyword',
    after: ` * @todo (${R}) Fix the cache`,
  },
  { lang: 'typescript', line: '/** @todo Fix */', mode: 'keyword', after: `/** @todo (${R}) Fix */` },
  { lang: 'typescript', line: `// TODO(tallyfy:${ID2}): relinked`, mode: 'keyword', after: `// TODO(tallyfy:${ID2}, ${R}): relinked` },
  { lang: 'typescript', line: `// TODO(${R}): already linked`, mode: 'keyword', after: null },
  { lang: 'python', line: 'x = 1  # FIXME: trailing', mode: 'keyword', after: `x = 1  # FIXME(${R}): trailing` },
  { lang: 'html', line: '<!-- TODO: html -->', mode: 'keyword', after: `<!-- TODO(${R}): html -->` },
  { lang: 'sql', line: 'SELECT 1; -- HACK: sql', mode: 'keyword', after: `SELECT 1; -- HACK(${R}): sql` },
  // end: appended to the first line, before a closer on that line
  { lang: 'typescript', line: '// TODO: Prepare Q3 report', mode: 'end', after: `// TODO: Prepare Q3 report (${R})` },
  { lang: 'typescript', line: 'run(); // TODO: trailing   ', mode: 'end', after: `run(); // TODO: trailing (${R})   ` },
  { lang: 'c', line: 'int x; /* TODO: fix */ int y;', mode: 'end', after: `int x; /* TODO: fix (${R}) */ int y;` },
  { lang: 'c', line: '/* TODO: stars **/', mode: 'end', after: `/* TODO: stars (${R}) **/` },
  { lang: 'html', line: '<!-- TODO: html -->', mode: 'end', after: `<!-- TODO: html (${R}) -->` },
  { lang: 'ocaml', line: '(* TODO: ocaml *)', mode: 'end', after: `(* TODO: ocaml (${R}) *)` },
  { lang: 'typescript', line: '// TODO(alice) - with tags', mode: 'end', after: `// TODO(alice) - with tags (${R})` },
  { lang: 'typescript', line: `// TODO: linked (${R})`, mode: 'end', after: null },
  // none
  { lang: 'typescript', line: '// TODO: Prepare', mode: 'none', after: null },
];

function detect(lines: readonly string[], lang: string, line = 0): TodoComment {
  const t = findTodoAt(lines, lang, KEYWORDS, { line, character: 0 });
  assert.ok(t, 'a TODO');
  return t;
}

describe('writing the reference back', () => {
  for (const c of WRITE_CASES) {
    it(`${c.mode}: ${c.lang} ${c.line}`, () => {
      const above = c.above ?? [];
      const below = c.below ?? [];
      const at = above.length;
      const before = detect([...above, c.line, ...below], c.lang, at);
      const edit = referenceEdit(before, c.mode, ID);
      if (c.after === null) {
        assert.equal(edit, undefined);
        return;
      }
      assert.ok(edit);
      assert.equal(edit.line, at);
      const written = applyLineEdit(c.line, edit);
      assert.equal(written, c.after);
      // Detected again: the same title, tags and description, now linked.
      const again = detect([...above, written, ...below], c.lang, at);
      assert.equal(again.keyword, before.keyword);
      assert.equal(again.title, before.title);
      assert.equal(again.description, before.description);
      assert.deepEqual(again.authors, before.authors);
      assert.ok(again.references.includes(ID));
      // Writing again changes nothing.
      assert.equal(referenceEdit(again, c.mode, ID), undefined);
    });
  }

  it('writes on the first line of a multi-line TODO and keeps the description', () => {
    const lines = ['/*', ' * TODO: Prepare the report', ' *   with Q3 numbers', ' */'];
    for (const mode of ['keyword', 'end'] as const) {
      const t = detect(lines, 'typescript', 2);
      const edit = referenceEdit(t, mode, ID);
      assert.ok(edit);
      assert.equal(edit.line, 1);
      const next = [...lines];
      next[1] = applyLineEdit(lines[1] as string, edit);
      const again = detect(next, 'typescript', 1);
      assert.equal(again.title, 'Prepare the report');
      assert.equal(again.description, 'with Q3 numbers');
      assert.deepEqual(again.references, [ID]);
    }
  });

  it('refuses an id that is not 32 lowercase hex characters', () => {
    const t = detect(['// TODO: x'], 'typescript');
    assert.throws(() => referenceEdit(t, 'keyword', 'ABC'), RangeError);
    assert.throws(() => referenceEdit(t, 'end', ID.toUpperCase()), RangeError);
    assert.throws(() => referenceEdit(t, 'none', `${ID}0`), RangeError);
  });
});

describe('finding a TODO again', () => {
  const original = ['function a() {}', '// TODO: Prepare Q3 report', '//   with numbers', 'function b() {}', '// TODO: Other'];

  it('finds it where it was', () => {
    const t = refindTodo(original, 'typescript', KEYWORDS, { line: 1, keyword: 'TODO', title: 'Prepare Q3 report' });
    assert.equal(t?.range.start.line, 1);
  });

  it('finds it after lines were inserted above, and the edit lands on its new line', () => {
    const moved = ['// new header', 'import x from "y";', '', ...original];
    const t = refindTodo(moved, 'typescript', KEYWORDS, { line: 1, keyword: 'TODO', title: 'Prepare Q3 report' });
    assert.equal(t?.range.start.line, 4);
    const edit = t && referenceEdit(t, 'keyword', ID);
    assert.deepEqual(edit, { line: 4, startCharacter: 7, endCharacter: 7, newText: `(${R})` });
    const written = [...moved];
    written[4] = applyLineEdit(moved[4] as string, edit);
    const again = detect(written, 'typescript', 4);
    assert.equal(again.title, 'Prepare Q3 report');
    assert.deepEqual(again.references, [ID]);
  });

  it('finds it after lines were removed above', () => {
    const moved = original.slice(1);
    assert.equal(refindTodo(moved, 'typescript', KEYWORDS, { line: 1, keyword: 'TODO', title: 'Prepare Q3 report' })?.range.start.line, 0);
  });

  it('prefers the nearest of two equal TODOs, below on a tie', () => {
    const lines = ['// TODO: same', 'x();', 'y();', 'z();', '// TODO: same'];
    assert.equal(refindTodo(lines, 'typescript', KEYWORDS, { line: 1, keyword: 'TODO', title: 'same' })?.range.start.line, 0);
    assert.equal(refindTodo(lines, 'typescript', KEYWORDS, { line: 3, keyword: 'TODO', title: 'same' })?.range.start.line, 4);
    assert.equal(refindTodo(lines, 'typescript', KEYWORDS, { line: 2, keyword: 'TODO', title: 'same' })?.range.start.line, 4);
  });

  it('gives nothing when the TODO is gone, renamed, or too far', () => {
    assert.equal(refindTodo(['x();'], 'typescript', KEYWORDS, { line: 0, keyword: 'TODO', title: 'Prepare Q3 report' }), undefined);
    assert.equal(refindTodo(['// TODO: Prepare Q4 report'], 'typescript', KEYWORDS, { line: 0, keyword: 'TODO', title: 'Prepare Q3 report' }), undefined);
    assert.equal(refindTodo(['// FIXME: Prepare Q3 report'], 'typescript', KEYWORDS, { line: 0, keyword: 'TODO', title: 'Prepare Q3 report' }), undefined);
    const far = [...Array.from({ length: 30 }, () => 'x();'), '// TODO: Prepare Q3 report'];
    assert.equal(refindTodo(far, 'typescript', KEYWORDS, { line: 0, keyword: 'TODO', title: 'Prepare Q3 report' }, 10), undefined);
  });

  it('ignores a TODO inside a string that looks the same', () => {
    const lines = ['const s = `', '// TODO: Prepare Q3 report', '`;'];
    assert.equal(refindTodo(lines, 'typescript', KEYWORDS, { line: 1, keyword: 'TODO', title: 'Prepare Q3 report' }), undefined);
  });

  it('re-detects the whole document the same after a write-back, apart from the reference', () => {
    const doc = ['// TODO: one', 'x(); // FIXME(alice): two', '/* HACK: three */'];
    const todos = findAllTodos(doc, 'typescript', KEYWORDS);
    const written = [...doc];
    for (const [i, t] of todos.entries()) {
      const edit = referenceEdit(t, i % 2 === 0 ? 'keyword' : 'end', ID);
      assert.ok(edit);
      written[edit.line] = applyLineEdit(written[edit.line] as string, edit);
    }
    const again = findAllTodos(written, 'typescript', KEYWORDS);
    assert.deepEqual(
      again.map((t) => [t.keyword, t.title, t.authors, t.references]),
      todos.map((t) => [t.keyword, t.title, t.authors, [ID]]),
    );
  });
});
