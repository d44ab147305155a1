// A separate process for the store tests: `plan <file> <name> <count>` runs a store's share of mixed
// changes on a record file another process writes at the same time; `hold <lockFile>` takes the lock of
// a record file and keeps it until killed.
import { withLock } from '../../../src/core/records/lock';
import { RecordStore } from '../../../src/core/records/store';
import { diskRecordFiles } from '../../../src/editor/records/diskFiles';
import { planOf, SHARED_ID } from './storePlan';

async function main(): Promise<void> {
  const [mode, file, name, count] = process.argv.slice(2);
  if (mode === 'hold' && file !== undefined) {
    await withLock(diskRecordFiles, file, async () => {
      process.stdout.write('locked\n');
      // Held until the process is killed (the timer keeps it alive).
      await new Promise(() => setInterval(() => undefined, 60_000));
    });
    return;
  }
  if (mode !== 'plan' || file === undefined || name === undefined || count === undefined) throw new Error('usage: plan <file> <name> <count> | hold <lockFile>');
  const store = new RecordStore(diskRecordFiles, file);
  for (const step of planOf(name, Number(count))) {
    if (step.kind === 'add') await store.add(step.record);
    else if (step.kind === 'title') await store.update(step.id, { title: step.title });
    else if (step.kind === 'remove') await store.remove(step.id);
    else await store.update(SHARED_ID, (record) => ({ ...record, assignees: [...record.assignees, step.name] }));
  }
  process.stdout.write(`done ${store.warnings.length}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
