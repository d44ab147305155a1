// How the record store reaches its file: the few operations it needs, so that the store stays free of
// I/O of its own. The editor implements them on the extension host's disk (src/editor/records/diskFiles.ts),
// the implementation the store's tests use too. Files are named by the implementer's own strings; the store
// only appends suffixes for the files it keeps beside the record file (`.lock`, `.corrupt`).
export interface RecordFiles {
  /** The file's text, or undefined when there is no such file. */
  read(file: string): Promise<string | undefined>;
  /** Replaces the file's text atomically (a temporary file beside it, renamed over it), creating its folder. */
  write(file: string, text: string): Promise<void>;
  /**
   * Creates the file with this text only if it does not exist, atomically (two callers at once: one
   * succeeds), creating its folder. False when the file existed.
   */
  create(file: string, text: string): Promise<boolean>;
  /** When the file last changed (milliseconds since the epoch), or undefined when there is no such file. */
  modified(file: string): Promise<number | undefined>;
  /** Deletes the file; nothing happens when there is none. */
  delete(file: string): Promise<void>;
}
