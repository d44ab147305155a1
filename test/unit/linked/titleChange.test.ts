import assert from 'node:assert/strict';
import { titleToOffer } from '../../../src/core/linked';
import type { TaskRecord } from '../../../src/core/records';
import { sampleRecord } from '../records/fixtures';

const record = (patch: Partial<TaskRecord> = {}): TaskRecord => sampleRecord({ title: 'Remove the retry hack', ...patch });

describe('the title update offer', () => {
  it('offers the saved TODO text when it differs from the task title', () => {
    assert.equal(titleToOffer('Remove the retry hack before 2.0', record(), false), 'Remove the retry hack before 2.0');
  });

  it('offers nothing for blanks alone, an unsaved file, an unknown, closed or empty title', () => {
    assert.equal(titleToOffer('  Remove the   retry hack ', record(), false), undefined);
    assert.equal(titleToOffer('Another title', record(), true), undefined);
    assert.equal(titleToOffer('Another title', undefined, false), undefined);
    assert.equal(titleToOffer('Another title', record({ status: 'completed', completedAt: '2026-02-01T00:00:00Z' }), false), undefined);
    assert.equal(titleToOffer('   ', record(), false), undefined);
  });
});
