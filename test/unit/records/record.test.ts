import assert from 'node:assert/strict';
import { assigneeNames, markDeleted, refreshRecord, taskToRecord } from '../../../src/core/records/fromTask';
import { parseRecordFile, serializeRecordFile, type TaskRecord } from '../../../src/core/records/record';
import { sampleRecord } from './fixtures';
import { parseTask, type Task } from '../../../src/core/tallyfy/schema';

function task(raw: Record<string, unknown>): Task {
  const parsed = parseTask(raw);
  assert.ok(parsed);
  return parsed;
}

describe('task records', () => {
  it('round-trips through the file format, newest first', () => {
    const older = sampleRecord({ id: 'a'.repeat(32), createdAt: '2030-01-01T00:00:00Z' });
    const newer = sampleRecord({ id: 'b'.repeat(32), createdAt: '2030-02-01T00:00:00Z', deleted: true });
    const text = serializeRecordFile([older, newer]);
    const file = JSON.parse(text) as { version: number; records: TaskRecord[] };
    assert.equal(file.version, 1);
    assert.deepEqual(file.records.map((r) => r.id), [newer.id, older.id]);
    const parsed = parseRecordFile(text);
    assert.deepEqual(parsed, { records: [newer, older], warnings: [], corrupt: false });
  });

  it('keeps fields it does not know (from a newer version)', () => {
    const text = JSON.stringify({ version: 1, records: [{ ...sampleRecord(), futureField: { a: 1 } }] });
    assert.deepEqual(parseRecordFile(text).records[0]?.['futureField'], { a: 1 });
  });

  it('skips invalid records with a warning each, keeping the rest', () => {
    const good = sampleRecord();
    const text = JSON.stringify({
      version: 1,
      records: [good, { ...sampleRecord({ id: 'c'.repeat(32) }), source: { uri: 'x', line: -1, reference: 'r' } }, 'junk', { ...good }],
    });
    const parsed = parseRecordFile(text);
    assert.deepEqual(parsed.records, [good]);
    assert.equal(parsed.corrupt, false);
    assert.equal(parsed.warnings.length, 3);
    assert.match(parsed.warnings[0] ?? '', /record 2: source\.line/);
    assert.match(parsed.warnings[1] ?? '', /record 3/);
    assert.match(parsed.warnings[2] ?? '', /second record/);
  });

  it('reports a corrupt file and starts empty, never throwing', () => {
    for (const text of ['{ not json', '[]', '{"version":2,"records":[]}', '{"version":1}', 'null']) {
      const parsed = parseRecordFile(text);
      assert.deepEqual(parsed.records, [], text);
      assert.equal(parsed.corrupt, true, text);
      assert.equal(parsed.warnings.length, 1, text);
    }
    assert.deepEqual(parseRecordFile('   '), { records: [], warnings: [], corrupt: false });
  });

  it('maps a task from the API into a record', () => {
    const now = new Date('2030-03-03T03:03:03.000Z');
    const record = taskToRecord(
      task({
        id: 'd'.repeat(32),
        increment_id: 9,
        title: 'Remove hack',
        status: 'not-started',
        task_type: 'approval',
        run_id: 'run9',
        owners: { users: [{ id: 1001, full_name: 'Ada Lovelace' }, 1002, 1077], guests: ['g@example.com'], groups: [{ id: 'g1', name: 'Eng' }, 'g2'] },
        deadline: '2030-04-01 12:00:00',
        created_at: '2030-03-03T03:00:00.000+00:00',
      }),
      {
        orgId: 'org',
        baseUrl: 'https://go.tallyfy.com/api',
        now,
        names: { users: new Map([[1002, 'Grace Hopper']]), groups: new Map([['g2', 'Ops']]) },
        source: { uri: 'file:///a.ts', line: 0, reference: `tallyfy:${'d'.repeat(32)}` },
      },
    );
    assert.deepEqual(record, {
      id: 'd'.repeat(32),
      incrementId: 9,
      title: 'Remove hack',
      taskType: 'approval',
      status: 'not-started',
      deadline: '2030-04-01T12:00:00Z',
      assignees: ['Ada Lovelace', 'Grace Hopper', 'User 1077', 'g@example.com', 'Eng', 'Ops'],
      orgId: 'org',
      baseUrl: 'https://go.tallyfy.com/api',
      createdAt: '2030-03-03T03:00:00Z',
      lastSyncedAt: '2030-03-03T03:03:03.000Z',
      runId: 'run9',
      source: { uri: 'file:///a.ts', line: 0, reference: `tallyfy:${'d'.repeat(32)}` },
    });
  });

  it('refreshes a record from a newer answer, keeping its source and readable names', () => {
    const record = sampleRecord({ deleted: true });
    const now = new Date('2030-05-05T00:00:00.000Z');
    const fresh = refreshRecord(
      record,
      task({ id: record.id, title: 'Renamed', status: 'in-progress', completed_at: '2030-05-04T00:00:00Z', owners: { users: [1001] } }),
      { now },
    );
    assert.equal(fresh.title, 'Renamed');
    assert.equal(fresh.status, 'completed');
    assert.equal(fresh.completedAt, '2030-05-04T00:00:00Z');
    assert.equal(fresh.deadline, undefined);
    assert.equal(fresh.deleted, undefined);
    assert.deepEqual(fresh.source, record.source);
    assert.deepEqual(fresh.assignees, ['Ada Lovelace'], 'an id-only answer keeps the known names');
    assert.equal(fresh.createdAt, record.createdAt);
    assert.equal(fresh.lastSyncedAt, '2030-05-05T00:00:00.000Z');
    assert.equal(markDeleted(record, now).deleted, true);
  });

  it('reads stored records with and without archivedAt, and skips one whose archivedAt is not text', () => {
    const old = sampleRecord({ id: 'a'.repeat(32) });
    assert.equal('archivedAt' in old, false, 'a record from before archiving was kept');
    const archived = sampleRecord({ id: 'b'.repeat(32), archivedAt: '2030-01-02T00:00:00Z' });
    const text = JSON.stringify({ version: 1, records: [old, archived, { ...sampleRecord({ id: 'c'.repeat(32) }), archivedAt: 20300102 }] });
    const parsed = parseRecordFile(text);
    assert.deepEqual(parsed.records, [old, archived]);
    assert.equal(parsed.records[0]?.archivedAt, undefined);
    assert.equal(parsed.records[1]?.archivedAt, '2030-01-02T00:00:00Z');
    assert.equal(parsed.warnings.length, 1);
    assert.match(parsed.warnings[0] ?? '', /record 3: archivedAt/);
    assert.deepEqual(parseRecordFile(serializeRecordFile(parsed.records)).records, [old, archived], 'archivedAt survives a write');
  });

  it('keeps archived_at from a task answer, and leaves it out when the answer has none', () => {
    const context = { orgId: 'org', baseUrl: 'https://go.tallyfy.com/api', now: new Date('2030-03-03T00:00:00Z') };
    const archived = taskToRecord(task({ id: 'e'.repeat(32), title: 'Old', archived_at: '2030-03-02 08:00:00' }), context);
    assert.equal(archived.archivedAt, '2030-03-02T08:00:00Z');
    const open = taskToRecord(task({ id: 'e'.repeat(32), title: 'Old', archived_at: null }), context);
    assert.equal('archivedAt' in open, false);
  });

  it('follows archiving and restoring on refresh', () => {
    const record = sampleRecord();
    const now = new Date('2030-05-05T00:00:00.000Z');
    const archived = refreshRecord(record, task({ id: record.id, title: record.title, status: 'in-progress', archived_at: '2030-05-04T00:00:00+00:00' }), { now });
    assert.equal(archived.archivedAt, '2030-05-04T00:00:00Z');
    assert.equal(archived.status, 'in-progress');
    const restored = refreshRecord(archived, task({ id: record.id, title: record.title, status: 'in-progress', archived_at: null }), { now });
    assert.equal('archivedAt' in restored, false, 'restoring clears it');
    assert.equal(restored.status, 'in-progress');
  });

  it('names assignees', () => {
    assert.deepEqual(assigneeNames(task({ id: 'x', owners: { users: [{ id: 5, email: 'e@x.com' }] } })), ['e@x.com']);
  });
});
