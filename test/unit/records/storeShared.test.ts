// Stores that share one record file, as windows do: concurrent processes, answers merged into records
// that changed meanwhile, removals that stay removed, a lock left by a killed process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { answerFor } from '../../../src/core/records/merge';
import type { TaskRecord } from '../../../src/core/records/record';
import { RecordStore } from '../../../src/core/records/store';
import { parseTask, type Task } from '../../../src/core/tallyfy/schema';
import { sampleRecord } from './fixtures';
import { diskRecordFiles } from '../../../src/editor/records/diskFiles';
import { expectedOf, SHARED_ID, sharedNamesOf } from './storePlan';

const WORKER = path.join(__dirname, 'storeWorker.ts');

function worker(...args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Kills the process and resolves once it is gone. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}

/** Resolves with the process's output once it printed `line` (rejects if it exits first). */
function untilPrinted(child: ChildProcess, line: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (line.test(out)) resolve(out);
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before printing ${line}: ${err}`)));
  });
}

function task(record: TaskRecord, fields: Record<string, unknown>): Task {
  const parsed = parseTask({
    id: record.id,
    title: record.title,
    task_type: 'task',
    status: 'not-started',
    owners: { users: [{ id: 1, full_name: 'Ada Lovelace' }], guests: [], groups: [] },
    deadline: record.deadline,
    created_at: record.createdAt,
    increment_id: record.incrementId,
    ...fields,
  });
  assert.ok(parsed);
  return parsed;
}

describe('RecordStore shared by windows', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(tmpdir(), 'tallyfy-records-shared-'));
    file = path.join(dir, 'tasks.json');
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const rec = (n: number, extra: Partial<TaskRecord> = {}): TaskRecord =>
    sampleRecord({ id: n.toString(16).padStart(32, '0'), createdAt: new Date(Date.UTC(2030, 0, n)).toISOString(), ...extra });

  it('loses nothing when two processes make 1,000 mixed changes at once', async function () {
    this.timeout(120_000);
    const count = 500;
    await new RecordStore(diskRecordFiles, file).add(sampleRecord({ id: SHARED_ID, assignees: [], createdAt: '2029-01-01T00:00:00Z' }));
    const [one, two] = [worker('plan', file, 'one', String(count)), worker('plan', file, 'two', String(count))];
    await Promise.all([untilPrinted(one!, /^done /m), untilPrinted(two!, /^done /m)]);

    const records = await new RecordStore(diskRecordFiles, file).all();
    const expected = new Map([...expectedOf('one', count), ...expectedOf('two', count)]);
    const own = records.filter((r) => r.id !== SHARED_ID);
    assert.deepEqual(new Map(own.map((r) => [r.id, r.title])), expected);
    const shared = records.find((r) => r.id === SHARED_ID);
    assert.deepEqual([...(shared?.assignees ?? [])].sort(), [...sharedNamesOf('one', count), ...sharedNamesOf('two', count)].sort());
    assert.deepEqual((await fs.readdir(dir)).sort(), ['tasks.json'], 'no lock or temporary file left');
  });

  it('merges a refresh answer into the record as it is at write time, keeping a concurrent update', async () => {
    const refreshing = new RecordStore(diskRecordFiles, file);
    const other = new RecordStore(diskRecordFiles, file);
    await refreshing.add(rec(1, { lastUpdated: '2030-01-01T10:00:00Z' }));
    const asked = (await refreshing.get(rec(1).id))!;
    // While the answer travels, another window moves the TODO's link and completes the task.
    await other.update(asked.id, (r) => ({ ...r, source: { ...r.source!, line: 99 } }));
    await other.merge([answerFor((await other.get(asked.id))!, task(asked, { status: 'completed', completed_at: '2030-01-01T11:00:00Z', last_updated: '2030-01-01T11:00:00Z' }))]);
    // The refresh's answer was computed before the completion.
    const summary = await refreshing.merge([answerFor(asked, task(asked, { title: 'Renamed before', last_updated: '2030-01-01T10:30:00Z' }))]);
    assert.deepEqual(summary, { applied: 0, unchanged: 0, dropped: 1, missing: 0 });
    const stored = (await new RecordStore(diskRecordFiles, file).get(asked.id))!;
    assert.equal(stored.status, 'completed');
    assert.equal(stored.source?.line, 99);
    assert.deepEqual(await refreshing.get(asked.id), stored, 'the merging store took the other changes in');
  });

  it('merges an answer that leaves the editor\'s fields as they are now', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await store.add(rec(1, { lastUpdated: '2030-01-01T10:00:00Z' }));
    const asked = (await store.get(rec(1).id))!;
    await store.update(asked.id, (r) => ({ ...r, source: { ...r.source!, line: 7 } }));
    await store.add(rec(2));
    const summary = await store.merge([answerFor(asked, task(asked, { title: 'Renamed in Tallyfy', last_updated: '2030-02-01T00:00:00Z' }))]);
    assert.equal(summary.applied, 1);
    const stored = (await new RecordStore(diskRecordFiles, file).get(asked.id))!;
    assert.equal(stored.title, 'Renamed in Tallyfy');
    assert.equal(stored.source?.line, 7);
    assert.equal((await store.all()).length, 2, 'the record added meanwhile stays');
  });

  it('writes nothing and fires nothing for answers that change nothing, and keeps their time in memory', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await store.add(rec(1, { lastUpdated: '2030-01-01T10:00:00Z' }));
    const before = await fs.readFile(file, 'utf8');
    const modified = (await fs.stat(file)).mtimeMs;
    let events = 0;
    store.onDidChange(() => events++);
    const asked = (await store.get(rec(1).id))!;
    const at = new Date('2031-06-01T00:00:00Z');
    const summary = await store.merge([answerFor(asked, task(asked, { last_updated: '2030-01-01T10:00:00Z' }), { at })]);
    assert.deepEqual(summary, { applied: 0, unchanged: 1, dropped: 0, missing: 0 });
    assert.equal(events, 0);
    assert.equal(await fs.readFile(file, 'utf8'), before);
    assert.equal((await fs.stat(file)).mtimeMs, modified);
    assert.equal(store.snapshot()[0]?.lastSyncedAt, at.toISOString(), 'the tree and the next refresh see it was confirmed');
  });

  it('does not bring back a record another window removed', async () => {
    const a = new RecordStore(diskRecordFiles, file);
    const b = new RecordStore(diskRecordFiles, file);
    await a.add(rec(1));
    await a.add(rec(2));
    assert.equal((await b.all()).length, 2);
    await a.remove(rec(1).id);
    // b still holds record 1 in memory; its change and its merge apply to the file as it is.
    await b.update(rec(2).id, { title: 'changed in b' });
    const summary = await b.merge([answerFor(rec(1), task(rec(1), { title: 'answer for a removed task' }))]);
    assert.equal(summary.missing, 1);
    assert.deepEqual((await new RecordStore(diskRecordFiles, file).all()).map((r) => [r.id, r.title]), [[rec(2).id, 'changed in b']]);
  });

  it('adds only the records it does not hold (moving an older file in), in one write', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await store.add(rec(1, { title: 'kept as it is' }));
    let events = 0;
    store.onDidChange(() => events++);
    assert.equal(await store.addMissing([rec(1, { title: 'older copy' }), rec(2), rec(3)]), 2);
    assert.equal(events, 1);
    assert.deepEqual((await new RecordStore(diskRecordFiles, file).all()).map((r) => r.title), [rec(3).title, rec(2).title, 'kept as it is']);
    assert.equal(await store.addMissing([rec(2)]), 0);
    assert.equal(events, 1, 'nothing to add: no write, no event');
  });

  it('counts a record\'s revision up at each change, and not for a change that changes nothing', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    assert.equal((await store.add(rec(1))).revision, 1);
    assert.equal((await store.update(rec(1).id, { title: 'new' }))?.revision, 2);
    let events = 0;
    store.onDidChange(() => events++);
    assert.equal((await store.update(rec(1).id, { title: 'new' }))?.revision, 2);
    assert.equal(events, 0);
  });

  it('takes over a lock left by a killed process', async function () {
    this.timeout(30_000);
    await new RecordStore(diskRecordFiles, file).add(rec(1));
    const holder = worker('hold', `${file}.lock`);
    await untilPrinted(holder, /^locked$/m);
    await stop(holder);
    const warnings: string[] = [];
    const store = new RecordStore(diskRecordFiles, file, { lock: { staleMs: 300 }, onWarning: (m) => warnings.push(m) });
    await store.add(rec(2));
    assert.equal((await new RecordStore(diskRecordFiles, file).all()).length, 2);
    assert.ok(warnings.some((w) => /Took over the lock/.test(w)), warnings.join('\n'));
    assert.deepEqual((await fs.readdir(dir)).sort(), ['tasks.json']);
  });

  it('waits for a live holder instead of taking its lock over', async function () {
    this.timeout(30_000);
    const holder = worker('hold', `${file}.lock`);
    try {
      await untilPrinted(holder, /^locked$/m);
      let waits = 0;
      let waitedFiveTimes: () => void = () => undefined;
      const fiveWaits = new Promise<void>((resolve) => (waitedFiveTimes = resolve));
      const sleep = (ms: number): Promise<void> => {
        if (++waits === 5) waitedFiveTimes();
        return new Promise((resolve) => setTimeout(resolve, ms));
      };
      const store = new RecordStore(diskRecordFiles, file, { lock: { staleMs: 60_000, sleep } });
      let added = false;
      const adding = store.add(rec(1)).then(() => (added = true));
      await fiveWaits;
      assert.equal(added, false, 'a young lock of a live process is waited for');
      await stop(holder);
      await fs.rm(`${file}.lock`);
      await adding;
      assert.equal((await new RecordStore(diskRecordFiles, file).all()).length, 1);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
