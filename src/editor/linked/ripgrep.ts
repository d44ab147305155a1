// The first index's search for files holding `tallyfy:`, with the ripgrep VS Code ships for its own
// search (the stable API has no text search). Where this VS Code keeps no ripgrep where one is looked
// for, the index reads the disk in a worker thread instead (diskScan.ts). ripgrep is told what the
// exclusions leave out, reads no ignore files (the exclusions are VS Code's settings alone, as findFiles
// applies them) and follows no symbolic links.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_PREFIX } from '../../core/todo/references';

/** Where VS Code's own ripgrep is in its installation (`vscode.env.appRoot`), or undefined. */
export function bundledRipgrep(appRoot: string): string | undefined {
  const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
  const candidates = [
    join(appRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', exe),
    join(appRoot, 'node_modules.asar.unpacked', '@vscode', 'ripgrep', 'bin', exe),
    join(appRoot, 'node_modules', '@vscode', 'ripgrep-universal', 'bin', `${process.platform}-${process.arch}`, exe),
  ];
  return candidates.find((path) => existsSync(path));
}

/**
 * The files under `root` holding `tallyfy:`, at most `maxBytes` large, leaving out what the `excludes`
 * globs match. Rejects when ripgrep cannot run; `signal` stops it.
 */
export function filesWithReferences(rg: string, root: string, excludes: readonly string[], maxBytes: number, signal: AbortSignal): Promise<string[]> {
  const args = [
    '--files-with-matches',
    '--null',
    '--no-ignore',
    '--hidden',
    '--no-messages',
    '--fixed-strings',
    '--max-filesize',
    String(maxBytes),
    ...excludes.flatMap((glob) => ['--glob', `!${glob}`]),
    '--',
    REFERENCE_PREFIX,
    '.',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(rg, args, { cwd: root, signal, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      // 0: found some; 1: found none; 2: some files could not be read (what was found still stands).
      if (code !== 0 && code !== 1 && code !== 2) {
        reject(new Error(`ripgrep ended with ${String(code)}`));
        return;
      }
      const out = Buffer.concat(chunks).toString('utf8');
      resolve(out.split('\0').filter((path) => path !== '').map((path) => join(root, path)));
    });
  });
}
