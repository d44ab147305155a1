import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RecordStore } from '../../../src/core/records/store';
import type { TaskRecord } from '../../../src/core/records/record';
import { sampleRecord } from './fixtures';
import { diskRecordFiles } from '../../../src/editor/records/diskFiles';

describe('RecordStore', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(tmpdir(), 'tallyfy-records-'));
    file = path.join(dir, 'nested', 'tasks.json');
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const rec = (n: number, extra: Partial<TaskRecord> = {}): TaskRecord =>
    sampleRecord({ id: n.toString(16).padStart(32, '0'), createdAt: new Date(Date.UTC(2030, 0, n)).toISOString(), ...extra });

  it('starts empty without a file and loads lazily', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    assert.deepEqual(store.snapshot(), []);
    assert.deepEqual(await store.all(), []);
    assert.deepEqual(store.warnings, []);
    await assert.rejects(fs.stat(file));
  });

  it('adds, updates and removes records, newest first, and round-trips through the file', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await store.add(rec(1));
    await store.add(rec(3));
    await store.add(rec(2));
    assert.deepEqual((await store.all()).map((r) => r.createdAt.slice(0, 10)), ['2030-01-03', '2030-01-02', '2030-01-01']);

    const updated = await store.update(rec(2).id, { status: 'completed' });
    assert.equal(updated?.status, 'completed');
    const viaFunction = await store.update(rec(1).id, (r) => ({ ...r, assignees: [...r.assignees, 'Grace Hopper'] }));
    assert.deepEqual(viaFunction?.assignees, ['Ada Lovelace', 'Grace Hopper']);
    assert.equal(await store.update('f'.repeat(32), { status: 'x' }), undefined);
    assert.equal(await store.remove(rec(3).id), true);
    assert.equal(await store.remove(rec(3).id), false);

    const again = new RecordStore(diskRecordFiles, file);
    const loaded = await again.all();
    assert.deepEqual(loaded, await store.all());
    assert.equal((await again.get(rec(2).id))?.status, 'completed');
    assert.deepEqual((await again.forSource('file:///project/src/parser.ts')).length, 2);
    const text = JSON.parse(await fs.readFile(file, 'utf8')) as { version: number };
    assert.equal(text.version, 1);
  });

  it('replaces a record added twice with the same id', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await store.add(rec(1));
    await store.add(rec(1, { title: 'second' }));
    const all = await store.all();
    assert.equal(all.length, 1);
    assert.equal(all[0]?.title, 'second');
  });

  it('writes adds that come during a write together in the next one, each resolved once written', async () => {
    let writes = 0;
    const files = { ...diskRecordFiles, write: (target: string, text: string) => (writes++, diskRecordFiles.write(target, text)) };
    const store = new RecordStore(files, file);
    const added = await Promise.all(Array.from({ length: 20 }, (_, i) => store.add(rec(i + 1))));
    assert.deepEqual(added.map((r) => r.id), Array.from({ length: 20 }, (_, i) => rec(i + 1).id));
    assert.ok(writes <= 3, `${writes} writes for 20 adds`);
    const reread = new RecordStore(diskRecordFiles, file);
    assert.equal((await reread.all()).length, 20);
    // The same id twice in one batch: the last add wins, and the file holds it once.
    await Promise.all([store.add(rec(1, { title: 'first' })), store.add(rec(1, { title: 'second' }))]);
    const again = new RecordStore(diskRecordFiles, file);
    assert.deepEqual((await again.all()).filter((r) => r.id === rec(1).id).map((r) => r.title), ['second']);
  });

  it('refuses an invalid record without touching the file', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await store.add(rec(1));
    await assert.rejects(store.add({ ...rec(2), source: { uri: '', line: 0, reference: 'r' } }), TypeError);
    await assert.rejects(store.update(rec(1).id, { assignees: 'nobody' as unknown as string[] }), TypeError);
    assert.equal((await new RecordStore(diskRecordFiles, file).all()).length, 1);
  });

  it('notifies listeners after each change, and survives a throwing listener', async () => {
    const warnings: string[] = [];
    const store = new RecordStore(diskRecordFiles, file, { onWarning: (m) => warnings.push(m) });
    const seen: number[] = [];
    const subscription = store.onDidChange((records) => seen.push(records.length));
    store.onDidChange(() => {
      throw new Error('listener bug');
    });
    await store.add(rec(1));
    await store.add(rec(2));
    await store.update(rec(1).id, { status: 'completed' });
    await store.remove('missing');
    subscription.dispose();
    await store.remove(rec(1).id);
    assert.deepEqual(seen, [1, 2, 2]);
    assert.ok(warnings.some((w) => w.includes('listener bug')));
  });

  it('writes atomically: only the record file remains in the folder', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.add(rec(n))));
    assert.deepEqual(await fs.readdir(path.dirname(file)), ['tasks.json']);
  });

  it('leaves the previous file intact and no temp file when a write fails', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await store.add(rec(1));
    const before = await fs.readFile(file, 'utf8');
    // A directory where the file should be makes the rename fail.
    const blocked = path.join(dir, 'blocked.json');
    await fs.mkdir(blocked);
    await fs.writeFile(path.join(blocked, 'x'), 'keep the directory non-empty');
    const failing = new RecordStore(diskRecordFiles, blocked);
    await assert.rejects(failing.add(rec(2)));
    assert.deepEqual((await fs.readdir(dir)).sort(), ['blocked.json', 'nested']);
    assert.deepEqual(failing.snapshot(), []);
    assert.equal(await fs.readFile(file, 'utf8'), before);
    await failing.add(rec(3)).catch(() => undefined);
    assert.deepEqual(await failing.all(), [], 'the queue keeps working after a failure');
  });

  it('serializes concurrent updates so none is lost', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await store.add(rec(1, { assignees: [] }));
    const names = Array.from({ length: 40 }, (_, i) => `Person ${i}`);
    await Promise.all(names.map((name) => store.update(rec(1).id, (r) => ({ ...r, assignees: [...r.assignees, name] }))));
    const fromDisk = await new RecordStore(diskRecordFiles, file).get(rec(1).id);
    assert.deepEqual(fromDisk?.assignees, names);
  });

  it('serializes concurrent adds', async () => {
    const store = new RecordStore(diskRecordFiles, file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.add(rec(i + 1))));
    const fromDisk = await new RecordStore(diskRecordFiles, file).all();
    assert.equal(fromDisk.length, 20);
  });

  it('skips invalid records on load with warnings', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify({ version: 1, records: [rec(1), { id: 42 }, rec(2)] }));
    const warnings: string[] = [];
    const store = new RecordStore(diskRecordFiles, file, { onWarning: (m) => warnings.push(m) });
    assert.equal((await store.all()).length, 2);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /record 2/);
    assert.deepEqual(store.warnings, warnings);
  });

  it('reports a corrupt file, keeps a copy of it, starts empty and carries on', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{"version": 1, "records": [ oops');
    const store = new RecordStore(diskRecordFiles, file);
    assert.deepEqual(await store.all(), []);
    assert.match(store.warnings[0] ?? '', /not valid JSON/);
    assert.equal(await fs.readFile(`${file}.corrupt`, 'utf8'), '{"version": 1, "records": [ oops');
    await store.add(rec(1));
    assert.equal((await new RecordStore(diskRecordFiles, file).all()).length, 1);
  });

  it('takes in changes another store wrote, and fires only when they changed something', async () => {
    const a = new RecordStore(diskRecordFiles, file);
    const b = new RecordStore(diskRecordFiles, file);
    await a.add(rec(1));
    assert.equal((await b.all()).length, 1);
    await a.add(rec(2));
    assert.equal((await b.all()).length, 1, 'kept until the file is checked');
    const seen: number[] = [];
    b.onDidChange((records) => seen.push(records.length));
    assert.equal(await b.checkFile(), true);
    assert.equal(await b.checkFile(), false, 'nothing new');
    assert.equal((await b.all()).length, 2);
    assert.deepEqual(seen, [2]);
  });
});
