import assert from 'node:assert/strict';
import { decideRemovals, offered, removedIds } from '../../../src/core/linked';
import type { TaskRecord } from '../../../src/core/records';
import { sampleRecord } from '../records/fixtures';

const ids = ['1', '2', '3', '4', '5', '6'].map((n) => n.repeat(32));

const record = (id: string, patch: Partial<TaskRecord> = {}): TaskRecord => sampleRecord({ id, ...patch });

describe('the removal decision', () => {
  it('lists the ids the save removed, once each, in their old order', () => {
    assert.deepEqual(removedIds([ids[0]!, ids[1]!, ids[0]!, ids[2]!], new Set([ids[1]!])), [ids[0], ids[2]]);
  });

  it('offers open tasks nobody refers to any more, and says why it skips the others', () => {
    const records = new Map<string, TaskRecord>([
      [ids[0]!, record(ids[0]!)],
      [ids[1]!, record(ids[1]!)],
      [ids[2]!, record(ids[2]!, { status: 'completed', completedAt: '2026-01-02T00:00:00Z' })],
      [ids[3]!, record(ids[3]!, { archivedAt: '2026-01-02T00:00:00Z' })],
      [ids[4]!, record(ids[4]!, { taskType: 'approval' })],
    ]);
    const decisions = decideRemovals(ids, {
      referencedElsewhere: (id) => id === ids[1],
      recordOf: (id) => records.get(id),
    });
    assert.deepEqual(
      decisions.map((d) => d.verdict),
      ['offer', 'still-referenced', 'closed', 'closed', 'approval', 'unknown-task'],
    );
    assert.deepEqual(offered(decisions).map((r) => r.id), [ids[0]]);
  });
});
