// A file on the extension host's disk (a `file:` workspace folder: local, or the remote machine the
// extension host runs on), read with Node's file system rather than a round trip through VS Code's.
import { readFile, stat } from 'node:fs/promises';

/** A file's text; '' when it is larger than `maxBytes` (too large to index), undefined when it cannot be read. */
export async function readLocalText(path: string, maxBytes: number): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > maxBytes) return '';
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
