// The record file's operations on the extension host's own disk, where its storage is (`file:` URIs):
// the operating system's atomic rename over the old file and exclusive create, which VS Code's file API
// does not offer (its rename with overwrite deletes the target first; it has no exclusive create).
// Files are named by path.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RecordFiles } from '../../core/records/files';

const isCode = (error: unknown, ...codes: string[]): boolean => codes.includes((error as NodeJS.ErrnoException).code ?? '');

export const diskRecordFiles: RecordFiles = {
  async read(file) {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  },

  async write(file, text) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // On the disk before the rename, so that a crash leaves the old file or the new one, never an empty one.
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await renameOver(temp, file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  },

  async create(file, text) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      await fs.writeFile(file, text, { encoding: 'utf8', flag: 'wx' });
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      throw error;
    }
  },

  async modified(file) {
    try {
      return (await fs.stat(file)).mtimeMs;
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  },

  async delete(file) {
    await fs.rm(file, { force: true });
  },
};

/** Renames over the target; on Windows a reader or a virus scanner may hold it for a moment, so a few tries. */
async function renameOver(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      if (attempt >= 9 || !isCode(error, 'EPERM', 'EACCES', 'EBUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * (attempt + 1)));
    }
  }
}
