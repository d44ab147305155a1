import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every "<what> in N ms" figure the extension wrote to its log under a VS Code user-data folder. */
export function loggedTimes(userDataDir: string, what: RegExp): number[] {
  const times: number[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name === 'Tallyfy.log') {
        for (const m of readFileSync(path, 'utf8').matchAll(new RegExp(`${what.source} in ([\\d.]+) ms`, 'g'))) times.push(Number(m[1]));
      }
    }
  };
  visit(join(userDataDir, 'logs'));
  return times;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
