import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, tempFolder } from './codeServer';

/** A fresh copy of the fixture workspace in a temporary folder, so tests may edit it. */
export function copyFixtureWorkspace(): { folder: string; remove(): void } {
  const root = tempFolder('tallyfy-workspace-');
  const folder = join(root.path, 'workspace');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), folder, { recursive: true });
  return { folder, remove: root.remove };
}

/** The files under `dir` whose bytes contain `needle` (for checking that a secret was never written). */
export function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const visit = (path: string): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.isFile() && stat.size < 64 * 1024 * 1024 && readFileSync(path).includes(needle)) {
      found.push(path);
    }
  };
  visit(dir);
  return found;
}
