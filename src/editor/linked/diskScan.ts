// The disk's part of the first index: lists `file:` workspace folders, leaving out what the exclusions
// say, reads each file with the synchronous calls (run in a worker thread, see indexWorker.ts, they block
// nobody, and cost a fraction of the asynchronous ones, which each hop to Node's thread pool), searches
// the bytes before decoding any, and keeps only the texts that hold `tallyfy:`. No `vscode` here.
import { closeSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { globTest } from '../../core/linked/glob';
import { REFERENCE_PREFIX } from '../../core/todo/references';

export interface IndexWorkerInput {
  readonly roots: readonly string[];
  /** `files.exclude` and `search.exclude` patterns, relative to each root. */
  readonly excludes: readonly string[];
  readonly maxFiles: number;
  readonly maxBytes: number;
}

export interface IndexWorkerOutput {
  /** Files listed (read or skipped as too large). */
  readonly files: number;
  /** Milliseconds the worker spent listing and reading. */
  readonly ms: number;
  /** The files that hold a `tallyfy:` token, with their text. */
  readonly candidates: ReadonlyArray<{ readonly path: string; readonly text: string }>;
}

const PREFIX = Buffer.from(REFERENCE_PREFIX);
/** One buffer for every read, grown as files need (the bytes are searched before any is decoded). */
let buffer = Buffer.allocUnsafe(64 * 1024);

/** A file's text when it holds `tallyfy:` and is not too large; undefined otherwise, or when it is gone. */
function readCandidate(path: string, maxBytes: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) return undefined;
    if (size > buffer.length) buffer = Buffer.allocUnsafe(Math.max(size, buffer.length * 2));
    const read = readSync(fd, buffer, 0, size, 0);
    const bytes = buffer.subarray(0, read);
    return bytes.indexOf(PREFIX) >= 0 ? bytes.toString('utf8') : undefined;
  } catch {
    // Gone or unreadable since it was listed.
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The files under the roots, and the texts of those that hold a reference. Symbolic links are not followed. */
export function scanDisk(input: IndexWorkerInput): IndexWorkerOutput {
  const started = performance.now();
  const excluded = globTest(input.excludes);
  const candidates: Array<{ path: string; text: string }> = [];
  let files = 0;
  const visit = (dir: string, relative: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files >= input.maxFiles) return;
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (excluded(rel)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(path, rel);
      } else if (entry.isFile()) {
        files++;
        const text = readCandidate(path, input.maxBytes);
        if (text !== undefined) candidates.push({ path, text });
      }
    }
  };
  for (const root of input.roots) visit(root, '');
  return { files, candidates, ms: performance.now() - started };
}

