// The task records on disk: one JSON file, loaded lazily, written atomically (temp file in the same
// folder, then rename), one write at a time.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Emitter, type Disposable } from './emitter';
import { parseRecordFile, serializeRecordFile, sortNewestFirst, taskRecordSchema, type TaskRecord } from './record';

export interface RecordStoreOptions {
  /** Told about skipped records, a corrupt file, and listeners that threw. */
  readonly onWarning?: (message: string) => void;
}

export type RecordUpdate = Partial<Omit<TaskRecord, 'id'>> | ((record: TaskRecord) => TaskRecord);

export class RecordStore {
  readonly filePath: string;
  private readonly onWarning: ((message: string) => void) | undefined;
  private records: TaskRecord[] | undefined;
  private loading: Promise<TaskRecord[]> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changed = new Emitter<readonly TaskRecord[]>();
  private readonly warningList: string[] = [];

  constructor(filePath: string, options: RecordStoreOptions = {}) {
    this.filePath = filePath;
    this.onWarning = options.onWarning;
  }

  /** Fires after every successful change with all records, newest first. */
  readonly onDidChange = (listener: (records: readonly TaskRecord[]) => void): Disposable => this.changed.event(listener);

  /** Warnings from loading (skipped records, corrupt file). */
  get warnings(): readonly string[] {
    return this.warningList;
  }

  /** The records loaded so far (empty before the first load), newest first. */
  snapshot(): readonly TaskRecord[] {
    return this.records ?? [];
  }

  /** Every record, newest first (loads the file on first use; waits for pending writes). */
  async all(): Promise<TaskRecord[]> {
    await this.settled();
    return [...(await this.ensureLoaded())];
  }

  async get(id: string): Promise<TaskRecord | undefined> {
    return (await this.all()).find((record) => record.id === id);
  }

  /** Records whose TODO lives in this document. */
  async forSource(uri: string): Promise<TaskRecord[]> {
    return (await this.all()).filter((record) => record.source?.uri === uri);
  }

  /** Adds a record, replacing one with the same id. Throws when the record is invalid. */
  async add(record: TaskRecord): Promise<TaskRecord> {
    const valid = validate(record);
    await this.mutate((records) => [valid, ...records.filter((r) => r.id !== valid.id)]);
    return valid;
  }

  /** Updates one record (a patch, or a function of the current record); undefined when there is none. */
  update(id: string, change: RecordUpdate): Promise<TaskRecord | undefined> {
    let updated: TaskRecord | undefined;
    return this.mutate((records) => {
      const index = records.findIndex((r) => r.id === id);
      const current = records[index];
      if (current === undefined) return undefined;
      const next = typeof change === 'function' ? change({ ...current }) : { ...current, ...change };
      updated = validate({ ...next, id });
      const copy = [...records];
      copy[index] = updated;
      return copy;
    }).then(() => updated);
  }

  /**
   * Replaces the records with these ids by the given versions, in one write (a refresh's results).
   * Records that are no longer in the store (removed meanwhile) stay removed.
   */
  replaceMany(updated: readonly TaskRecord[]): Promise<void> {
    const byId = new Map(updated.map((record) => [record.id, validate(record)]));
    return this.mutate((records) =>
      records.some((r) => byId.has(r.id)) ? records.map((r) => byId.get(r.id) ?? r) : undefined,
    );
  }

  /** Removes a record; false when there was none. */
  remove(id: string): Promise<boolean> {
    let removed = false;
    return this.mutate((records) => {
      const next = records.filter((r) => r.id !== id);
      removed = next.length !== records.length;
      return removed ? next : undefined;
    }).then(() => removed);
  }

  /** Re-reads the file (after a change by another window) and notifies listeners. */
  reload(): Promise<void> {
    return this.enqueue(async () => {
      this.records = undefined;
      this.loading = undefined;
      const records = await this.ensureLoaded();
      this.changed.fire(records, (error) => this.warn(`A record listener failed: ${String(error)}`));
    });
  }

  /** Resolves when every queued write has finished. */
  async settled(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  // -------------------------------------------------------------------------------------------------

  private mutate(change: (records: TaskRecord[]) => TaskRecord[] | undefined): Promise<void> {
    return this.enqueue(async () => {
      const current = await this.ensureLoaded();
      const next = change(current);
      if (next === undefined) return;
      const sorted = sortNewestFirst(next);
      await this.write(sorted);
      this.records = sorted;
      this.changed.fire(sorted, (error) => this.warn(`A record listener failed: ${String(error)}`));
    });
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private ensureLoaded(): Promise<TaskRecord[]> {
    if (this.records !== undefined) return Promise.resolve(this.records);
    this.loading ??= this.readFile().then((records) => {
      this.records = records;
      return records;
    });
    return this.loading;
  }

  private async readFile(): Promise<TaskRecord[]> {
    let text: string;
    try {
      text = await fs.readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      this.warn(`Could not read the task records (${(error as Error).message}); starting with no records.`);
      return [];
    }
    const parsed = parseRecordFile(text);
    for (const warning of parsed.warnings) this.warn(warning);
    if (parsed.corrupt) {
      const backup = `${this.filePath}.corrupt`;
      try {
        await fs.copyFile(this.filePath, backup);
        this.warn(`The unreadable task record file was kept as ${path.basename(backup)}.`);
      } catch {
        // The backup is a courtesy; the store still works without it.
      }
    }
    return parsed.records;
  }

  private async write(records: readonly TaskRecord[]): Promise<void> {
    const dir = path.dirname(this.filePath);
    await fs.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(this.filePath)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(serializeRecordFile(records), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, this.filePath);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  private warn(message: string): void {
    this.warningList.push(message);
    this.onWarning?.(message);
  }
}

function validate(record: TaskRecord): TaskRecord {
  const result = taskRecordSchema.safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TypeError(`Invalid task record${issue ? ` (${issue.path.map(String).join('.') || 'record'}: ${issue.message})` : ''}.`);
  }
  return result.data;
}
