import assert from 'node:assert/strict';
import { answerFor, mergeAnswer, sameRecord } from '../../../src/core/records/merge';
import type { TaskRecord } from '../../../src/core/records/record';
import { parseTask, type Task } from '../../../src/core/tallyfy/schema';
import { sampleRecord } from './fixtures';

const ID = sampleRecord().id;

function task(fields: Record<string, unknown>): Task {
  const parsed = parseTask({
    id: ID,
    title: 'Fix the parser',
    task_type: 'task',
    status: 'not-started',
    owners: { users: [{ id: 1, full_name: 'Ada Lovelace' }], guests: [], groups: [] },
    deadline: '2031-01-01T00:00:00Z',
    created_at: '2030-01-01T10:00:00Z',
    ...fields,
  });
  assert.ok(parsed);
  return parsed;
}

const at = new Date('2030-01-02T00:00:00Z');

describe('merging Tallyfy answers into records', () => {
  it('takes the fields Tallyfy owns from the answer and keeps the ones the editor owns', () => {
    const asked = sampleRecord({ revision: 3, lastUpdated: '2030-01-01T10:00:00Z' });
    const answer = answerFor(asked, task({ title: 'Fix the lexer', status: 'in-progress', last_updated: '2030-01-01T12:00:00Z' }), { at });
    // Meanwhile the TODO moved down and the record was written again.
    const now: TaskRecord = { ...asked, source: { ...asked.source!, line: 40 }, revision: 4 };
    const outcome = mergeAnswer(now, answer);
    assert.equal(outcome.kind, 'applied');
    assert.equal(outcome.record.title, 'Fix the lexer');
    assert.equal(outcome.record.status, 'in-progress');
    assert.equal(outcome.record.source?.line, 40, 'the line the TODO is on now');
    assert.equal(outcome.record.lastUpdated, '2030-01-01T12:00:00Z');
    assert.equal(outcome.record.lastSyncedAt, at.toISOString());
  });

  it('drops an answer older than the record by Tallyfy\'s last_updated, whatever the revision', () => {
    const asked = sampleRecord({ revision: 2, lastUpdated: '2030-01-01T10:00:00Z' });
    const late = answerFor(asked, task({ status: 'not-started', last_updated: '2030-01-01T10:00:00Z' }), { at });
    const completed = { ...asked, status: 'completed', completedAt: '2030-01-01T11:00:00Z', lastUpdated: '2030-01-01T11:00:00Z', revision: 3 };
    assert.deepEqual(mergeAnswer(completed, late), { kind: 'dropped', record: completed });
    // Same revision, but Tallyfy says the record holds newer news.
    const older = answerFor(completed, task({ status: 'not-started', last_updated: '2030-01-01T10:30:00Z' }), { at });
    assert.equal(mergeAnswer(completed, older).kind, 'dropped');
  });

  it('drops an answer with the same last_updated (second-resolution dates) when the record changed since it was asked', () => {
    const asked = sampleRecord({ revision: 1, lastUpdated: '2030-01-01T10:00:00Z' });
    const late = answerFor(asked, task({ status: 'not-started', last_updated: '2030-01-01T10:00:00Z' }), { at });
    const completed = { ...asked, status: 'completed', completedAt: '2030-01-01T10:00:00Z', revision: 2 };
    assert.equal(mergeAnswer(completed, late).kind, 'dropped');
    assert.equal(mergeAnswer(asked, answerFor(asked, task({ status: 'completed', completed_at: '2030-01-01T10:00:00Z', last_updated: '2030-01-01T10:00:00Z' }))).kind, 'applied');
    // The record's date lost its milliseconds, the late answer's kept them: still the same second.
    const withMillis = answerFor(asked, task({ status: 'not-started', last_updated: '2030-01-01T10:00:00.600Z' }), { at });
    assert.equal(mergeAnswer(completed, withMillis).kind, 'dropped');
  });

  it('without last_updated, takes an answer only when the record has not changed since it was asked', () => {
    const asked = sampleRecord({ revision: 5 });
    const answer = answerFor(asked, task({ status: 'in-progress' }), { at });
    assert.equal(mergeAnswer(asked, answer).kind, 'applied');
    assert.equal(mergeAnswer({ ...asked, revision: 6 }, answer).kind, 'dropped');
    assert.equal(mergeAnswer(sampleRecord(), answerFor(sampleRecord(), task({ status: 'in-progress' }))).kind, 'applied', 'no revision yet is revision 0');
  });

  it('takes a newer answer even when the record changed since it was asked', () => {
    const asked = sampleRecord({ revision: 1, lastUpdated: '2030-01-01T10:00:00Z' });
    const answer = answerFor(asked, task({ status: 'completed', last_updated: '2030-01-01T10:05:00Z' }), { at });
    assert.equal(mergeAnswer({ ...asked, revision: 9 }, answer).kind, 'applied');
  });

  it('gives the same record back when the answer only confirms it', () => {
    const record = sampleRecord({ lastUpdated: '2030-01-01T10:00:00Z' });
    const outcome = mergeAnswer(record, answerFor(record, task({ last_updated: '2030-01-01T10:00:00Z', increment_id: 3 }), { at }));
    assert.equal(outcome.kind, 'unchanged');
    assert.equal(outcome.record, record);
  });

  it('marks a task Tallyfy no longer has, unless the record changed since it was asked; a confirmed delete always', () => {
    const asked = sampleRecord({ revision: 2 });
    const gone = answerFor(asked, undefined, { at });
    assert.equal(mergeAnswer(asked, gone).record.deleted, true);
    assert.equal(mergeAnswer({ ...asked, revision: 3 }, gone).kind, 'dropped');
    const deleted = answerFor(asked, undefined, { at, confirmed: true });
    assert.equal(deleted.basedOn, undefined);
    assert.equal(mergeAnswer({ ...asked, revision: 3, lastUpdated: '2040-01-01T00:00:00Z' }, deleted).record.deleted, true);
    const already = { ...asked, deleted: true };
    assert.equal(mergeAnswer(already, gone).kind, 'unchanged');
  });

  it('compares records field by field, nested values by content', () => {
    const a = sampleRecord();
    assert.equal(sameRecord(a, { ...a, source: { ...a.source! } }), true);
    assert.equal(sameRecord(a, { ...a, assignees: ['Grace Hopper'] }), false);
    assert.equal(sameRecord(a, { ...a, revision: 2 }), false);
    assert.equal(sameRecord(a, { ...a, revision: 2 }, new Set(['revision'])), true);
    const withoutDeadline: TaskRecord = { ...a };
    delete withoutDeadline.deadline;
    assert.equal(sameRecord(a, withoutDeadline), false);
  });
});
