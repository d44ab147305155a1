// The record store's file operations over Node (the editor's are over VS Code's file system).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RecordFiles } from '../../../src/core/records/files';

const isCode = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException).code === code;

export const nodeFiles: RecordFiles = {
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
      await fs.writeFile(temp, text, 'utf8');
      await fs.rename(temp, file);
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
