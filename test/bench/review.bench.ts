// "Create Tasks from TODOs…" in the real workbench. (1) Opening the review of 2,000 TODOs over 200 files
// against the floor of a trivial webview (a fixture extension: one labelled input, the same CSP, an
// external script and style sheet), opened alternately in the same window from the palette; both pages
// mark the moment they show. (2) A run of 500 TODOs over 50 files against the sandbox: wall time, requests
// sent, duplicates, and the extension host's longest event-loop delay during it (logged by the run).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REVIEW_READY_MARK } from '../../src/core/bulk/protocol';
import { ensureSignedIn, reviewFolder, runCommand, signInItem, startE2E, writeTodoFolder, type E2E } from '../e2e/workbench';
import { loggedTimes, median } from './logs';
import { openReference, REFERENCE_WEBVIEW, timeToMark } from './marks';

const RUNS = 6;

export interface RunFigures {
  readonly rows: number;
  readonly files: number;
  readonly wallMs: number;
  readonly posts: number;
  readonly duplicates: number;
  readonly created: number;
  /** As the run logged them: the extension host's CPU per row, the event-loop delay's p99 and longest. */
  readonly cpuPerRowMs: number | undefined;
  readonly delayP99Ms: number | undefined;
  readonly delayMaxMs: number | undefined;
}

export interface ReviewBench {
  readonly reference: number[];
  readonly review: number[];
  /** The extension's scan of the files, as it logged it, and the part of it that listed them. */
  readonly scan: number[];
  readonly listing: number[];
  readonly runs: RunFigures[];
}

/** 200 files of 10 TODOs each (with code between them) under `src/many`. */
function writeManyTodos(folder: string): void {
  const dir = join(folder, 'src', 'many');
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < 200; f++) {
    const lines = [`export function part${f}(input: number): number {`, '  let total = input;'];
    for (let t = 0; t < 10; t++) lines.push(`  // TODO: Review step ${t} of part ${f}`, `  total += ${t}; // running total`, '');
    lines.push('  return total;', '}', '');
    writeFileSync(join(dir, `part${f}.ts`), lines.join('\n'));
  }
}

async function measureOpening(e2e: E2E): Promise<{ reference: number[]; review: number[] }> {
  const reference: number[] = [];
  const review: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // No editor is open: from the palette the review covers the whole workspace without asking.
    await runCommand(e2e.page, 'View: Close All Editor Groups');
    reference.push(await openReference(e2e.page));
    await runCommand(e2e.page, 'View: Close All Editor Groups');
    review.push(await timeToMark(e2e.page, 'Tallyfy: Create Tasks from TODOs…', (frame) => frame.getByRole('heading', { name: 'Create Tallyfy tasks' }), REVIEW_READY_MARK));
  }
  await runCommand(e2e.page, 'View: Close All Editor Groups');
  return { reference, review };
}

/** Every match of `pattern` (its first group, a number) in the extension's logs. */
function loggedNumbers(userDataDir: string, pattern: RegExp): number[] {
  const found: number[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name === 'Tallyfy.log') for (const m of readFileSync(path, 'utf8').matchAll(pattern)) found.push(Number(m[1]));
    }
  };
  visit(join(userDataDir, 'logs'));
  return found;
}

/** The figures the last run logged. */
function loggedRun(userDataDir: string): Pick<RunFigures, 'cpuPerRowMs' | 'delayP99Ms' | 'delayMaxMs'> {
  const last = (pattern: RegExp): number | undefined => loggedNumbers(userDataDir, pattern).at(-1);
  return {
    cpuPerRowMs: last(/CPU ([\d.]+) ms per row/g),
    delayP99Ms: last(/event-loop delay p99 ([\d.]+) ms/g),
    delayMaxMs: last(/event-loop delay p99 [\d.]+ ms, longest ([\d.]+) ms/g),
  };
}

async function measureRun(e2e: E2E, files: number, perFile: number): Promise<RunFigures> {
  await ensureSignedIn(e2e);
  const folder = writeTodoFolder(e2e, `run${files * perFile}`, files, perFile);
  const rows = files * perFile;
  const frame = await reviewFolder(e2e.page, folder.name);
  const create = frame.getByRole('button', { name: `Create ${rows} tasks` });
  await create.waitFor();
  const postsBefore = e2e.sandbox.requests({ method: 'POST', path: '/organizations/*/tasks' }).length;
  const started = Date.now();
  await create.click();
  // Above 50 tasks the extension asks first.
  await e2e.page.locator('.monaco-dialog-box').getByRole('button', { name: `Create ${rows} Tasks` }).click();
  await frame.locator('body[data-phase="over"]').waitFor({ timeout: 600_000 });
  const wallMs = Date.now() - started;
  const titles = new Set(folder.titles);
  const counts = new Map<string, number>();
  for (const task of e2e.sandbox.tasks().filter((t) => titles.has(t.title))) counts.set(task.title, (counts.get(task.title) ?? 0) + 1);
  await runCommand(e2e.page, 'View: Close All Editor Groups');
  return {
    rows,
    files,
    wallMs,
    posts: e2e.sandbox.requests({ method: 'POST', path: '/organizations/*/tasks' }).length - postsBefore,
    duplicates: [...counts.values()].filter((n) => n > 1).length,
    created: counts.size,
    ...loggedRun(e2e.server.userDataDir),
  };
}

export async function runReviewBench(): Promise<ReviewBench> {
  const e2e = await startE2E({ moreExtensions: [REFERENCE_WEBVIEW] });
  try {
    await signInItem(e2e.page).waitFor({ timeout: 60_000 });
    writeManyTodos(e2e.folder);
    const opening = await measureOpening(e2e);
    const scan = loggedTimes(e2e.server.userDataDir, /TODOs in \d+ files scanned/);
    const listing = loggedNumbers(e2e.server.userDataDir, /listing the files ([\d.]+) ms/g);
    // The same work per row at 100 and at 500 rows: nothing per created task grows with their number.
    const runs = [await measureRun(e2e, 10, 10), await measureRun(e2e, 50, 10)];
    return { ...opening, scan, listing, runs };
  } finally {
    await e2e.close();
  }
}

export function printReviewBench(bench: ReviewBench): void {
  const spread = (t: readonly number[]): string => `median ${median(t)} ms (${t.join(', ')})`;
  const later = (t: readonly number[]): number[] => t.slice(1);
  const ratio = median(later(bench.review)) / median(later(bench.reference));
  console.log(`trivial reference webview, palette → shown: ${spread(bench.reference)}`);
  console.log(`review of 2,000 TODOs in 200 files, palette → rows shown: ${spread(bench.review)}`);
  console.log(`  ratio review / reference (medians after the first of each): ${ratio.toFixed(2)}  (goal ≤ 1.5)`);
  console.log(`  the extension's scan of the 200 files (logged): ${spread(bench.scan.map((t) => Math.round(t)))}; listing them (findFiles): ${spread(bench.listing)}`);
  for (const run of bench.runs) {
    console.log(
      `run of ${run.rows} TODOs in ${run.files} files against the sandbox: ${(run.wallMs / 1000).toFixed(1)} s, ${run.posts} create requests, ` +
        `${run.created} tasks, ${run.duplicates} duplicates (goal 0); extension host CPU ${run.cpuPerRowMs ?? '?'} ms per row, ` +
        `event-loop delay p99 ${run.delayP99Ms ?? '?'} ms, longest ${run.delayMaxMs ?? '?'} ms`,
    );
  }
}
