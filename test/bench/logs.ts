import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every "<what> in N ms" figure the extension wrote to its log under a VS Code user-data folder. */
export function loggedTimes(userDataDir: string, what: RegExp): number[] {
  return loggedMatches(userDataDir, new RegExp(`${what.source} in ([\\d.]+) ms`, 'g')).map((m) => Number(m[1]));
}

/** Every match of `pattern` (global) in the extension's logs under a VS Code user-data folder. */
export function loggedMatches(userDataDir: string, pattern: RegExp): RegExpMatchArray[] {
  return extensionLogs(userDataDir).flatMap((text) => [...text.matchAll(pattern)]);
}

/** The text of each of the extension's logs (one per window) under a VS Code user-data folder. */
export function extensionLogs(userDataDir: string): string[] {
  const texts: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name === 'Tallyfy.log') texts.push(readFileSync(path, 'utf8'));
    }
  };
  visit(join(userDataDir, 'logs'));
  return texts;
}

/** "N ms (CPU M ms)" as the extension logs a stretch of time; CPU is NaN where the host has no thread clock. */
export const SPENT = String.raw`([\d.]+) ms(?: \(CPU ([\d.]+) ms\))?`;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
