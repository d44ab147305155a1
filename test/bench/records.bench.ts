// The record file's cost per change, now that every change is applied under a lock to the file as it
// is: the store's change against the floor of what any store must do (serialize the records, write
// them atomically), as a ratio; the cost of a check for another window's change; a merge that changes
// nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerFor } from '../../src/core/records/merge';
import { serializeRecordFile } from '../../src/core/records/record';
import { RecordStore } from '../../src/core/records/store';
import type { Task } from '../../src/core/tallyfy/schema';
import { diskRecordFiles } from '../../src/editor/records/diskFiles';
import { median } from './logs';
import { generateRecords } from './tasks.bench';

const RUNS = 15;

export interface RecordsBenchRow {
  readonly records: number;
  /** Serialize + atomic write of all records (the floor). */
  readonly floorMs: number;
  /** One update through the store (lock, read, compare, serialize, write, unlock). */
  readonly changeMs: number;
  /** The same after another store changed the file (its text is parsed again). */
  readonly changeAfterOtherMs: number;
  /** A check when nothing changed since the last one (the file's modification time). */
  readonly idleCheckMs: number;
  /** A merge of one answer per record that changes nothing (no write). */
  readonly quietMergeMs: number;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

async function row(count: number): Promise<RecordsBenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'tallyfy-records-bench-'));
  try {
    const file = join(dir, 'tasks.json');
    const records = generateRecords(count);
    const store = new RecordStore(diskRecordFiles, file);
    await store.addMissing(records);
    const other = new RecordStore(diskRecordFiles, file);
    await other.all();
    const floor: number[] = [];
    const change: number[] = [];
    const afterOther: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const id = records[i]!.id;
      floor.push(await time(() => diskRecordFiles.write(join(dir, 'floor.json'), serializeRecordFile(store.snapshot()))));
      change.push(await time(() => store.update(id, { title: `change ${i}` })));
      await other.update(id, { title: `other ${i}` });
      afterOther.push(await time(() => store.update(id, { title: `after ${i}` })));
      await store.checkFile(); // the first check after a write reads the text once
      idle.push(await time(() => store.checkFile()));
    }
    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answers = store.snapshot().map((record) => answerFor(record, taskOf(record)));
      quiet.push(await time(() => store.merge(answers)));
    }
    return {
      records: count,
      floorMs: median(floor),
      changeMs: median(change),
      changeAfterOtherMs: median(afterOther),
      idleCheckMs: median(idle),
      quietMergeMs: median(quiet),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The answer Tallyfy would give for a record that did not change. */
function taskOf(record: ReturnType<typeof generateRecords>[number]): Task {
  return {
    id: record.id,
    title: record.title,
    status: record.status,
    taskType: record.taskType,
    owners: { users: [], guests: [], groups: [] },
    isCompleted: false,
    raw: {},
    ...(record.deadline !== undefined ? { deadline: record.deadline } : {}),
    ...(record.incrementId !== undefined ? { incrementId: record.incrementId } : {}),
  };
}

export async function runRecordsBench(): Promise<RecordsBenchRow[]> {
  return [await row(1_000), await row(10_000)];
}

export function printRecordsBench(rows: readonly RecordsBenchRow[]): void {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  for (const r of rows) {
    console.log(`records file: ${r.records} records`);
    console.log(`  floor: serialize + atomic write       ${ms(r.floorMs)}`);
    console.log(`  one change through the store          ${ms(r.changeMs)} (${(r.changeMs / r.floorMs).toFixed(2)}x the floor)`);
    console.log(`  one change after another window's     ${ms(r.changeAfterOtherMs)} (${(r.changeAfterOtherMs / r.floorMs).toFixed(2)}x)`);
    console.log(`  check for another window's change     ${ms(r.idleCheckMs)} when there is none`);
    console.log(`  merge of ${r.records} unchanged answers     ${ms(r.quietMergeMs)}, no write`);
  }
}
