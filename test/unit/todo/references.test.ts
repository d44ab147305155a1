import assert from 'node:assert/strict';
import { findReferences, findReferencesByLine, formatReference, isTaskId, splitLines } from '../../../src/core/todo';
import { ID, ID2 } from './cases';

describe('reference tokens', () => {
  it('formats and checks task ids', () => {
    assert.equal(formatReference(ID), `tallyfy:${ID}`);
    assert.ok(isTaskId(ID));
    assert.ok(!isTaskId(ID.toUpperCase()));
    assert.ok(!isTaskId(ID.slice(1)));
    assert.ok(!isTaskId(`${ID}0`));
    assert.throws(() => formatReference('x'), RangeError);
  });

  it('finds tokens with their offsets', () => {
    const text = `// TODO(tallyfy:${ID}): x (tallyfy:${ID2}) tallyfy:${ID}`;
    assert.deepEqual(findReferences(text), [
      { id: ID, start: 8, end: 48 },
      { id: ID2, start: 54, end: 94 },
      { id: ID, start: 96, end: 136 },
    ]);
  });

  const negatives: [string, string][] = [
    ['upper-case hex', `tallyfy:${ID.toUpperCase()}`],
    ['too short', `tallyfy:${ID.slice(1)}`],
    ['too long', `tallyfy:${ID}0`],
    ['glued to a word before', `xtallyfy:${ID}`],
    ['glued to a word after', `tallyfy:${ID}_x`],
    ['another prefix', `tallyfyx:${ID}`],
    ['no id', 'tallyfy: later'],
  ];
  for (const [name, text] of negatives) {
    it(`ignores a token ${name}`, () => assert.deepEqual(findReferences(text), []));
  }

  it('finds tokens by line in text with any line ends', () => {
    const text = `a\r\nb tallyfy:${ID}\rc\n\ndd tallyfy:${ID2}`;
    assert.deepEqual(findReferencesByLine(text), [
      { id: ID, line: 1, start: 2, end: 42 },
      { id: ID2, line: 4, start: 3, end: 43 },
    ]);
    assert.deepEqual(findReferencesByLine('x\ny'), []);
    assert.deepEqual(findReferencesByLine(`x\n\ny tallyfy:${ID}`), [{ id: ID, line: 2, start: 2, end: 42 }]);
  });
});

describe('splitting text into lines', () => {
  const cases: [string, string[]][] = [
    ['a\nb', ['a', 'b']],
    ['a\r\nb', ['a', 'b']],
    ['a\rb', ['a', 'b']],
    ['a\r\n\r\nb\n', ['a', '', 'b', '']],
    ['a\n\rb', ['a', '', 'b']],
    ['', ['']],
  ];
  for (const [text, lines] of cases) {
    it(JSON.stringify(text), () => assert.deepEqual(splitLines(text), lines));
  }
});
