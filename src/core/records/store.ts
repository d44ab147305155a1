// The task records on disk: one JSON file that several windows may share (every window without a
// folder, two windows on one folder). Every change is applied to the file's current content while
// holding the lock beside it, then written atomically; a change made by another window is taken in by
// `checkFile` (the editor calls it when the file changes). Nothing changed: nothing written, no event.
import { Emitter, type Disposable } from './emitter';
import type { RecordFiles } from './files';
import { withLock, type LockOptions } from './lock';
import { answers, mergeAnswer, sameRecord, type TaskAnswer } from './merge';
import { parseRecordFile, serializeRecordFile, sortNewestFirst, taskRecordSchema, type TaskRecord } from './record';

export interface RecordStoreOptions {
  /** Told about skipped records, a corrupt file, lock takeovers, and listeners that threw. */
  readonly onWarning?: (message: string) => void;
  readonly lock?: Omit<LockOptions, 'onWarning'>;
}

export type RecordUpdate = Partial<Omit<TaskRecord, 'id'>> | ((record: TaskRecord) => TaskRecord);

/** What a merge of answers did, by record. */
export interface MergeSummary {
  /** Records the answers changed. */
  readonly applied: number;
  /** Records the answers confirmed as they were (not written). */
  readonly unchanged: number;
  /** Answers not taken: the record changed after they were asked for. */
  readonly dropped: number;
  /** Answers for records no longer in the store (removed meanwhile; they stay removed). */
  readonly missing: number;
}

export class RecordStore {
  private readonly lockFile: string;
  private readonly onWarning: ((message: string) => void) | undefined;
  /** The records as last read from or written to the file; undefined before the first load. */
  private records: TaskRecord[] | undefined;
  /** The file's text they came from (undefined: no file). */
  private text: string | undefined;
  /** The file's modification time when `text` was read (undefined: not known, read it again). */
  private modified: number | undefined;
  /** When answers that changed nothing confirmed a record (kept in memory: no write for them). */
  private readonly confirmed = new Map<string, string>();
  private view: readonly TaskRecord[] | undefined;
  private loading: Promise<TaskRecord[]> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Adds waiting for the next write (see `add`). */
  private readonly pendingAdds: Array<{ record: TaskRecord; resolve: (record: TaskRecord) => void; reject: (error: unknown) => void }> = [];
  private readonly changed = new Emitter<readonly TaskRecord[]>();
  private readonly warningList: string[] = [];

  constructor(
    private readonly files: RecordFiles,
    readonly file: string,
    private readonly options: RecordStoreOptions = {},
  ) {
    this.lockFile = `${file}.lock`;
    this.onWarning = options.onWarning;
  }

  /** Fires after every change of the records (this window's or another's) with all of them, newest first. */
  readonly onDidChange = (listener: (records: readonly TaskRecord[]) => void): Disposable => this.changed.event(listener);

  /** Warnings so far (skipped records, corrupt file, lock takeovers). */
  get warnings(): readonly string[] {
    return this.warningList;
  }

  /** The records loaded so far (empty before the first load), newest first. */
  snapshot(): readonly TaskRecord[] {
    this.view ??= (this.records ?? []).map((record) => {
      const at = this.confirmed.get(record.id);
      return at !== undefined && at > (record.lastSyncedAt ?? '') ? { ...record, lastSyncedAt: at } : record;
    });
    return this.view;
  }

  /** Every record, newest first (loads the file on first use; waits for pending changes). */
  async all(): Promise<TaskRecord[]> {
    await this.settled();
    await this.ensureLoaded();
    return [...this.snapshot()];
  }

  async get(id: string): Promise<TaskRecord | undefined> {
    return (await this.all()).find((record) => record.id === id);
  }

  /** Records whose TODO lives in this document. */
  async forSource(uri: string): Promise<TaskRecord[]> {
    return (await this.all()).filter((record) => record.source?.uri === uri);
  }

  /**
   * Adds a record, replacing one with the same id; resolves once it is written. Throws when the record
   * is invalid. Adds that come while a write is under way are written together in the next one (many
   * tasks created at once cost a few writes of the file, not one each).
   */
  add(record: TaskRecord): Promise<TaskRecord> {
    return new Promise<TaskRecord>((resolve, reject) => {
      this.pendingAdds.push({ record: validate(record), resolve, reject });
      if (this.pendingAdds.length === 1) void this.enqueue(() => this.writePendingAdds());
    });
  }

  /** Writes every add waiting now, in one change of the file. */
  private async writePendingAdds(): Promise<void> {
    const batch = this.pendingAdds.splice(0);
    // The last add of an id wins, as when they are written one by one.
    const latest = new Map(batch.map((add) => [add.record.id, add.record]));
    const ids = new Set(latest.keys());
    let stored = new Map<string, TaskRecord>();
    try {
      await this.apply(
        (records) => [...[...latest.values()].reverse(), ...records.filter((r) => !ids.has(r.id))],
        (records) => {
          stored = new Map(records.filter((r) => ids.has(r.id)).map((r) => [r.id, r]));
        },
      );
    } catch (error) {
      for (const add of batch) add.reject(error);
      return;
    }
    // Once the lock is released: the write is over for the callers.
    for (const add of batch) add.resolve(stored.get(add.record.id) ?? add.record);
  }

  /** Adds the records whose id the store does not hold yet, in one write; how many were added. */
  async addMissing(list: readonly TaskRecord[]): Promise<number> {
    const valid = list.map(validate);
    let added = 0;
    await this.change((records) => {
      const held = new Set(records.map((r) => r.id));
      const missing = valid.filter((r) => !held.has(r.id));
      added = missing.length;
      return missing.length === 0 ? undefined : [...records, ...missing];
    });
    return added;
  }

  /** Updates one record (a patch, or a function of its current version); undefined when there is none. */
  async update(id: string, change: RecordUpdate): Promise<TaskRecord | undefined> {
    let found = false;
    let updated: TaskRecord | undefined;
    await this.change(
      (records) => {
        const index = records.findIndex((r) => r.id === id);
        const current = records[index];
        if (current === undefined) return undefined;
        found = true;
        const next = typeof change === 'function' ? change({ ...current }) : { ...current, ...change };
        const copy = [...records];
        copy[index] = validate({ ...next, id });
        return copy;
      },
      (records) => {
        if (found) updated = records.find((r) => r.id === id);
      },
    );
    return updated;
  }

  /**
   * Takes Tallyfy's answers into the records as they are now (see `mergeAnswer`), in one write, or
   * none when nothing changed. Records removed meanwhile stay removed.
   */
  async merge(list: readonly TaskAnswer[]): Promise<MergeSummary> {
    let summary: MergeSummary = { applied: 0, unchanged: 0, dropped: 0, missing: 0 };
    if (list.length === 0) return summary;
    const byId = new Map(list.map((answer) => [answer.id, answer]));
    await this.change((records) => {
      const counts = { applied: 0, unchanged: 0, dropped: 0, missing: 0 };
      const seen = new Set<string>();
      const next = records.map((record) => {
        const answer = byId.get(record.id);
        if (answer === undefined || !answers(answer, record)) return record;
        seen.add(record.id);
        const outcome = mergeAnswer(record, answer);
        counts[outcome.kind]++;
        if (outcome.kind === 'unchanged') this.confirm(record.id, answer.at);
        return outcome.record;
      });
      counts.missing = byId.size - seen.size;
      summary = counts;
      return next;
    });
    return summary;
  }

  /** Removes a record; false when there was none. */
  async remove(id: string): Promise<boolean> {
    let removed = false;
    await this.change((records) => {
      const next = records.filter((r) => r.id !== id);
      removed = next.length !== records.length;
      return removed ? next : undefined;
    });
    return removed;
  }

  /**
   * Takes in the file's content when another window changed it (cheap when it did not: the
   * modification time, then the text, are compared first). True when the records changed.
   */
  checkFile(): Promise<boolean> {
    return this.enqueue(async () => {
      if (this.records === undefined) {
        await this.ensureLoaded();
        return false;
      }
      const modified = await this.files.modified(this.file);
      if (modified !== undefined && modified === this.modified) return false;
      const before = this.text;
      await this.readCurrent();
      this.modified = modified;
      return this.announceIfChanged(before);
    });
  }

  /** Resolves when every queued change has finished. */
  async settled(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  // -------------------------------------------------------------------------------------------------

  /**
   * Applies `change` to the file's current records under the lock, and writes the result when it
   * differs. `done` sees the records as stored (changed ones with their new revision).
   */
  private change(change: (records: TaskRecord[]) => TaskRecord[] | undefined, done?: (records: readonly TaskRecord[]) => void): Promise<void> {
    return this.enqueue(() => this.apply(change, done));
  }

  /** The body of `change`, run in its turn of the queue. */
  private async apply(change: (records: TaskRecord[]) => TaskRecord[] | undefined, done?: (records: readonly TaskRecord[]) => void): Promise<void> {
    await this.ensureLoaded();
    const before = this.text;
    try {
      await withLock(
        this.files,
        this.lockFile,
        async () => {
          const current = await this.readCurrent();
          const proposed = change(current);
          const next = proposed === undefined ? undefined : revised(current, proposed);
          if (next !== undefined) {
            const text = serializeRecordFile(next);
            await this.files.write(this.file, text);
            this.adopt(sortNewestFirst(next), text);
          }
          done?.(this.records ?? []);
        },
        { ...this.options.lock, onWarning: (message) => this.warn(message) },
      );
    } finally {
      // Another window's changes read under the lock count too, even when this change failed.
      this.announceIfChanged(before);
    }
  }

  /** Reads the file; its records (parsed again only when the text differs from the last one seen). */
  private async readCurrent(): Promise<TaskRecord[]> {
    const text = await this.readText();
    if (this.records !== undefined && text === this.text) return this.records;
    const records = text === undefined ? [] : await this.parse(text);
    this.adopt(records, text);
    return records;
  }

  private adopt(records: TaskRecord[], text: string | undefined): void {
    this.records = records;
    this.text = text;
    this.modified = undefined;
    this.view = undefined;
    for (const record of records) {
      const at = this.confirmed.get(record.id);
      if (at !== undefined && at <= (record.lastSyncedAt ?? '')) this.confirmed.delete(record.id);
    }
  }

  private confirm(id: string, at: string): void {
    this.confirmed.set(id, at);
    this.view = undefined;
  }

  private announceIfChanged(textBefore: string | undefined): boolean {
    if (this.text === textBefore) return false;
    this.changed.fire(this.snapshot(), (error) => this.warn(`A record listener failed: ${String(error)}`));
    return true;
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private ensureLoaded(): Promise<TaskRecord[]> {
    if (this.records !== undefined) return Promise.resolve(this.records);
    this.loading ??= this.readCurrent().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async readText(): Promise<string | undefined> {
    try {
      return await this.files.read(this.file);
    } catch (error) {
      if (this.records !== undefined) throw error;
      this.warn(`Could not read the task records (${(error as Error).message}); starting with no records.`);
      return undefined;
    }
  }

  private async parse(text: string): Promise<TaskRecord[]> {
    const parsed = parseRecordFile(text);
    for (const warning of parsed.warnings) this.warn(warning);
    if (parsed.corrupt) {
      const backup = `${this.file}.corrupt`;
      try {
        await this.files.write(backup, text);
        this.warn('The unreadable task record file was kept beside it, its name ending in ".corrupt".');
      } catch {
        // The backup is a courtesy; the store still works without it.
      }
    }
    return parsed.records;
  }

  private warn(message: string): void {
    this.warningList.push(message);
    this.onWarning?.(message);
  }
}

// The revision counts changes, not the time it was asked: a record's revision is not part of "changed".
const IGNORED_BY_REVISION: ReadonlySet<string> = new Set(['revision']);

/**
 * The proposed records with the revision of each changed one counted up, or undefined when nothing
 * changed (same records, same content).
 */
function revised(before: readonly TaskRecord[], proposed: readonly TaskRecord[]): TaskRecord[] | undefined {
  const previous = new Map(before.map((record) => [record.id, record]));
  let changed = proposed.length !== before.length;
  const next = proposed.map((record) => {
    const old = previous.get(record.id);
    if (old === record) return record;
    if (old !== undefined && sameRecord(old, record, IGNORED_BY_REVISION)) return old;
    changed = true;
    return { ...record, revision: (old?.revision ?? record.revision ?? 0) + 1 };
  });
  return changed ? next : undefined;
}

function validate(record: TaskRecord): TaskRecord {
  const result = taskRecordSchema().safeParse(record);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TypeError(`Invalid task record${issue ? ` (${issue.path.map(String).join('.') || 'record'}: ${issue.message})` : ''}.`);
  }
  return result.data;
}
