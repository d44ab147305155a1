// An exclusive lock between the windows (processes) that share a record file: a lock file created
// exclusively beside it, deleted by its holder. A lock file older than `staleMs` was left by a process
// that died while holding it, and is taken over.
import type { RecordFiles } from './files';

export interface LockOptions {
  /** Age after which a lock is taken over. Default 10 s (a record write takes milliseconds). */
  readonly staleMs?: number;
  /** Told when a stale lock is taken over, or when the lock was lost to such a takeover. */
  readonly onWarning?: (message: string) => void;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_STALE_MS = 10_000;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` while holding the lock `lockFile`; waits for it as long as another live holder has it. */
export async function withLock<T>(files: RecordFiles, lockFile: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const held = await acquire(files, lockFile, options);
  try {
    return await work();
  } finally {
    await release(files, lockFile, held, options);
  }
}

async function acquire(files: RecordFiles, lockFile: string, options: LockOptions): Promise<string> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const text = `${JSON.stringify({ owner: globalThis.crypto.randomUUID(), since: new Date(now()).toISOString() })}\n`;
  for (let attempt = 0; ; attempt++) {
    if (await files.create(lockFile, text)) return text;
    const modified = await files.modified(lockFile);
    if (modified !== undefined && now() - modified > staleMs && (await takeOver(files, lockFile, modified))) {
      options.onWarning?.(`Took over the lock of the task records, held for ${Math.round((now() - modified) / 1000)} s by a window that is gone.`);
      continue;
    }
    // Short waits with jitter, so that two windows do not retry in step; a write holds the lock for ms.
    await sleep(Math.min(50, 2 + attempt * 2) * (0.5 + Math.random()));
  }
}

/** Deletes a stale lock unless it changed since it was judged stale (another window took it over). */
async function takeOver(files: RecordFiles, lockFile: string, staleModified: number): Promise<boolean> {
  if ((await files.modified(lockFile)) !== staleModified) return false;
  await files.delete(lockFile);
  return true;
}

async function release(files: RecordFiles, lockFile: string, held: string, options: LockOptions): Promise<void> {
  const current = await files.read(lockFile);
  if (current === held) {
    await files.delete(lockFile);
  } else {
    options.onWarning?.('The lock of the task records was taken over while this window held it (a write took longer than the stale-lock limit).');
  }
}
