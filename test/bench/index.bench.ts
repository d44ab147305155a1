// The workspace index of `tallyfy:` references, in the real workbench: the first index (VS Code's
// ripgrep finding the files that hold a reference, then the extension reading those) of a workspace of
// 10,000 files (one in twenty holding a linked TODO, and an excluded node_modules folder full of them), as
// the extension logs it at start-up in fresh windows and once the window has settled, against ripgrep
// finding the files with the same references under the same exclusions (`rg --no-ignore --hidden` plus
// the default `files.exclude` and `search.exclude` globs), page cache warm; and indexing again after one
// file changes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, startCodeServer } from '../harness/codeServer';
import { ensureHarness, type Harness } from '../harness/install';
import { copyFixtureWorkspace } from '../harness/workspace';
import { runCommand } from '../e2e/workbench';
import { loggedTimes, median } from './logs';

const FOLDERS = 100;
const FILES_PER_FOLDER = 100;
const WINDOW_LOADS = 3;
const RG_RUNS = 5;
/** VS Code's default `files.exclude` and `search.exclude` patterns, which the index honours. */
const DEFAULT_EXCLUDES = ['**/.git', '**/.svn', '**/.hg', '**/.DS_Store', '**/Thumbs.db', '**/node_modules', '**/bower_components', '**/*.code-search'];

export interface IndexBench {
  readonly files: number;
  /** At start-up, as the window loads. */
  readonly index: number[];
  /** Asked for ("Find Linked TODOs") once the window has settled. */
  readonly settled: number[];
  readonly rg: number[];
  readonly rgFiles: number;
  readonly oneFile: number[];
}

const hex = (n: number): string => n.toString(16).padStart(32, '0');

/** 10,000 source files under `big/`, every 20th with a linked TODO; 500 more in node_modules (excluded). */
function writeWorkspace(folder: string): void {
  let n = 0;
  for (let d = 0; d < FOLDERS; d++) {
    const dir = join(folder, 'big', `module${d}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < FILES_PER_FOLDER; f++, n++) {
      const lines = [`// Module ${d}, part ${f}.`, `export function part${f}(input: number): number {`, '  let total = input;'];
      for (let i = 0; i < 25; i++) lines.push(`  total += ${i} * input; // step ${i}`);
      if (n % 20 === 0) lines.push(`  // TODO(tallyfy:${hex(n + 1)}): Check the total of part ${f}`);
      lines.push('  return total;', '}', '');
      writeFileSync(join(dir, `part${f}.ts`), lines.join('\n'));
    }
  }
  const modules = join(folder, 'node_modules', 'dep');
  mkdirSync(modules, { recursive: true });
  for (let f = 0; f < 500; f++) writeFileSync(join(modules, `dep${f}.js`), `// TODO(tallyfy:${hex(900_000 + f)}): not ours\n`);
}

/** The ripgrep VS Code ships (the harness's code-server has it). */
function ripgrep(harness: Harness): string {
  const base = join(harness.dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode');
  for (const candidate of [join(base, 'ripgrep', 'bin', 'rg'), join(base, 'ripgrep-universal', 'bin', `linux-${process.arch}`, 'rg')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`No ripgrep under ${base}: ${existsSync(base) ? readdirSync(base).join(', ') : 'missing'}`);
}

function timeRipgrep(rg: string, folder: string): { ms: number; files: number } {
  const args = ['--no-ignore', '--hidden', '-l', 'tallyfy:[0-9a-f]{32}', ...DEFAULT_EXCLUDES.flatMap((glob) => ['--glob', `!${glob}`]), folder];
  const started = performance.now();
  const result = spawnSync(rg, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`rg failed: ${result.stderr}`);
  return { ms, files: result.stdout.split('\n').filter((line) => line !== '').length };
}

const FIRST_INDEX = /Indexed the Tallyfy references of \d+ files/;
const ONE_CHANGE = /Indexed 1 changed files/;

export async function runIndexBench(): Promise<IndexBench> {
  const harness = ensureHarness();
  const workspace = copyFixtureWorkspace();
  writeWorkspace(workspace.folder);
  const rg = ripgrep(harness);
  // Warm the page cache before either side reads.
  timeRipgrep(rg, workspace.folder);
  const server = await startCodeServer(harness);
  const oneFile: number[] = [];
  try {
    for (let load = 0; load < WINDOW_LOADS; load++) {
      const workbench = await openWorkbench(server, harness, { folder: workspace.folder });
      const until = Date.now() + 180_000;
      // Each window logs two: its start-up index, then the one asked for below.
      while (loggedTimes(server.userDataDir, FIRST_INDEX).length <= 2 * load && Date.now() < until) await workbench.page.waitForTimeout(200);
      // One file changes on disk (its reference moves a line): only that file is read again.
      const changed = loggedTimes(server.userDataDir, ONE_CHANGE).length;
      writeFileSync(join(workspace.folder, 'big', 'module0', 'part0.ts'), `${'\n'.repeat(load + 1)}// TODO(tallyfy:${hex(1)}): Check the total of part 0\n`);
      while (loggedTimes(server.userDataDir, ONE_CHANGE).length <= changed && Date.now() < until) await workbench.page.waitForTimeout(100);
      const all = loggedTimes(server.userDataDir, ONE_CHANGE);
      if (all.length > changed) oneFile.push(all[all.length - 1] ?? 0);
      // Indexed again once the window has settled: "Find Linked TODOs" (signed out, it reads nothing from Tallyfy).
      const before = loggedTimes(server.userDataDir, FIRST_INDEX).length;
      await runCommand(workbench.page, 'Tallyfy: Find Linked TODOs');
      while (loggedTimes(server.userDataDir, FIRST_INDEX).length <= before && Date.now() < until) await workbench.page.waitForTimeout(100);
      await workbench.page.keyboard.press('Escape');
      await workbench.close();
    }
    // Per window: the index at start-up, then the one asked for.
    const logged = loggedTimes(server.userDataDir, FIRST_INDEX);
    const index = logged.filter((_, i) => i % 2 === 0);
    const settled = logged.filter((_, i) => i % 2 === 1);
    const runs = Array.from({ length: RG_RUNS }, () => timeRipgrep(rg, workspace.folder));
    return { files: FOLDERS * FILES_PER_FOLDER, index, settled, rg: runs.map((r) => r.ms), rgFiles: runs[0]?.files ?? 0, oneFile };
  } finally {
    await server.stop();
    workspace.remove();
  }
}

export function printIndexBench(bench: IndexBench): void {
  const index = median(bench.index);
  const rg = median(bench.rg);
  console.log(
    `first index of ${bench.files} files (+500 excluded), ${bench.index.length} fresh windows: median ${index.toFixed(0)} ms ` +
      `(min ${Math.min(...bench.index).toFixed(0)}, max ${Math.max(...bench.index).toFixed(0)})`,
  );
  console.log(`  rg --no-ignore --hidden with the same exclusions, ${bench.rg.length} runs: median ${rg.toFixed(0)} ms, ${bench.rgFiles} files`);
  const settled = median(bench.settled);
  console.log(`  indexed again once the window settled (Find Linked TODOs): median ${settled.toFixed(0)} ms`);
  console.log(`  ratio index / rg: at start-up ${(index / rg).toFixed(2)}, settled ${(settled / rg).toFixed(2)}  (goal ≤ 3)`);
  console.log(`one file changed on disk, read again: ${bench.oneFile.map((t) => t.toFixed(1)).join(', ')} ms (the first index read ${bench.files} files)`);
}
