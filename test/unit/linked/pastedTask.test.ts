import assert from 'node:assert/strict';
import { pastedTaskId } from '../../../src/core/linked';

const ORG = '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f';
const TASK = '0123456789abcdef0123456789abcdef';

describe('a pasted task', () => {
  it('reads an id, a reference and a link', () => {
    assert.equal(pastedTaskId(` ${TASK} `, ORG), TASK);
    assert.equal(pastedTaskId(`tallyfy:${TASK}`, ORG), TASK);
    assert.equal(pastedTaskId(TASK.toUpperCase(), ORG), TASK);
    assert.equal(pastedTaskId(`https://go.tallyfy.com/${ORG}/tasks/${TASK}/view`, ORG), TASK);
  });

  it('names nothing for text without an id, a longer hex run, the organization alone, or two ids', () => {
    assert.equal(pastedTaskId('Remove the retry hack', ORG), undefined);
    assert.equal(pastedTaskId(`${TASK}ab`, ORG), undefined);
    assert.equal(pastedTaskId(`https://go.tallyfy.com/${ORG}/home`, ORG), undefined);
    assert.equal(pastedTaskId(`${TASK} ${'f'.repeat(32)}`, ORG), undefined);
  });
});
