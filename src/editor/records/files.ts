// The record file's operations over VS Code's file system, so the records work where the extension host
// reaches its storage through VS Code (remote and virtual workspaces), not only on a local disk.
import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { RecordFiles } from '../../core/records';

/** The record files, named by URI strings (`file:///…/tasks.json`). */
export const workspaceRecordFiles: RecordFiles = {
  async read(file) {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(file)));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },

  async write(file, text) {
    const target = vscode.Uri.parse(file);
    const temp = beside(target, `${randomName()}.tmp`);
    try {
      await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(temp, target, { overwrite: true });
    } catch (error) {
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      throw error;
    }
  },

  async create(file, text) {
    const target = vscode.Uri.parse(file);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    if (target.scheme === 'file') {
      // VS Code's file API has no exclusive create (its rename without overwrite checks, then renames),
      // and a lock needs one: on a local disk, the operating system's.
      try {
        const handle = await open(target.fsPath, 'wx');
        try {
          await handle.writeFile(text, 'utf8');
        } finally {
          await handle.close();
        }
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    }
    // Elsewhere the closest VS Code offers: a rename that refuses to overwrite.
    const temp = beside(target, `${randomName()}.tmp`);
    await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
    try {
      await vscode.workspace.fs.rename(temp, target, { overwrite: false });
      return true;
    } catch (error) {
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      if (error instanceof vscode.FileSystemError && error.code === 'FileExists') return false;
      throw error;
    }
  },

  async modified(file) {
    try {
      return (await vscode.workspace.fs.stat(vscode.Uri.parse(file))).mtime;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },

  async delete(file) {
    try {
      await vscode.workspace.fs.delete(vscode.Uri.parse(file));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  },
};

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}

function beside(uri: vscode.Uri, suffix: string): vscode.Uri {
  return uri.with({ path: `${uri.path}.${suffix}` });
}

function randomName(): string {
  return globalThis.crypto.randomUUID().slice(0, 12);
}
