import assert from 'node:assert/strict';
import { linkedTodosIn, ReferenceIndex } from '../../../src/core/linked';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const KEYWORDS = ['TODO', 'FIXME'];

describe('the workspace reference index', () => {
  it('finds references in TODO comments only, with the TODO line', () => {
    const text = [
      `const link = "tallyfy:${B}";`,
      `// TODO(tallyfy:${A}): Remove the retry hack`,
      '/* FIXME: two lines',
      ` * tallyfy:${B} */`,
      `// a note about tallyfy:${A}`,
    ].join('\n');
    assert.deepEqual(linkedTodosIn(text, 'typescript', KEYWORDS), [
      { id: A, line: 1 },
      { id: B, line: 2 },
    ]);
    assert.deepEqual(linkedTodosIn('// TODO: nothing linked', 'typescript', KEYWORDS), []);
    assert.deepEqual(linkedTodosIn(text, 'typescript', []), []);
  });

  it('tells whether another file still refers to a task', () => {
    const index = new ReferenceIndex();
    index.set('a.ts', [{ id: A, line: 1 }]);
    index.set('b.ts', [{ id: A, line: 4 }, { id: B, line: 9 }]);
    assert.equal(index.referencedOutside(A, 'a.ts'), true);
    assert.equal(index.referencedOutside(B, 'b.ts'), false);
    assert.equal(index.referencedOutside(B, 'a.ts'), true);
    index.delete('b.ts');
    assert.equal(index.referencedOutside(A, 'a.ts'), false);
    assert.deepEqual(index.ids(), [A]);
    assert.equal(index.has(A), true);
    assert.equal(index.has(B), false);
  });

  it('reports a change only when a file’s references changed', () => {
    const index = new ReferenceIndex();
    assert.equal(index.set('a.ts', [{ id: A, line: 1 }]), true);
    assert.equal(index.set('a.ts', [{ id: A, line: 1 }]), false);
    assert.equal(index.set('a.ts', [{ id: A, line: 2 }]), true);
    assert.equal(index.set('c.ts', []), false);
    assert.equal(index.delete('missing.ts'), false);
    assert.equal(index.size, 1);
  });

  it('places a task at its first file by name, and drops the files of a removed folder', () => {
    const index = new ReferenceIndex();
    index.set('src/z.ts', [{ id: A, line: 3 }]);
    index.set('lib/y.ts', [{ id: A, line: 7 }]);
    assert.deepEqual(index.placeOf(A), { file: 'lib/y.ts', id: A, line: 7 });
    assert.equal(index.deleteWhere((file) => file.startsWith('lib/')), true);
    assert.deepEqual(index.placeOf(A), { file: 'src/z.ts', id: A, line: 3 });
    assert.equal(index.placeOf(B), undefined);
  });
});
