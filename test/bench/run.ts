// `npm run bench`: what the extension costs its users. Prints the minified bundle sizes, the .vsix size,
// the time activate() takes inside a real VS Code (median of several window loads), and the TODO
// detector's figures. Figures only: nothing here passes or fails on time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, REPO_ROOT, startCodeServer } from '../harness/codeServer';
import { ensureHarness } from '../harness/install';
import { copyFixtureWorkspace } from '../harness/workspace';
import { printTasksBench, runTasksBench } from './tasks.bench';
import { runTodoBench } from './todo.bench';
import { formFrame, openFromExplorer } from '../e2e/workbench';
import { startSandbox } from '../sandbox/server';

const ACTIVATION_RUNS = 5;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Every "<what> in N ms" figure the extension wrote to its log under a user-data folder. */
function loggedTimes(userDataDir: string, what: RegExp): number[] {
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

const activationTimes = (userDataDir: string): number[] => loggedTimes(userDataDir, /activated/);

async function measureActivation(): Promise<number[]> {
  const harness = ensureHarness();
  const server = await startCodeServer(harness);
  const workspace = copyFixtureWorkspace();
  try {
    for (let i = 0; i < ACTIVATION_RUNS; i++) {
      const workbench = await openWorkbench(server, harness, { folder: workspace.folder });
      const deadline = Date.now() + 60_000;
      while (activationTimes(server.userDataDir).length <= i && Date.now() < deadline) {
        await workbench.page.waitForTimeout(200);
      }
      await workbench.close();
    }
    return activationTimes(server.userDataDir);
  } finally {
    await server.stop();
    workspace.remove();
  }
}

const FORM_RUNS = 5;

/**
 * From the keybinding on a TODO (which opens the form) to a form whose Title field holds the TODO's
 * title, in the real workbench (median of several panels; the first also loads the webview machinery).
 */
async function measureFormReady(): Promise<{ filled: number[]; ready: number[] }> {
  const harness = ensureHarness();
  const sandbox = await startSandbox();
  const server = await startCodeServer(harness, {
    settings: { 'tallyfy.apiBaseUrl': sandbox.url, 'tallyfy.organizationId': sandbox.orgId },
  });
  const workspace = copyFixtureWorkspace();
  const times: number[] = [];
  try {
    const workbench = await openWorkbench(server, harness, { folder: workspace.folder });
    const page = workbench.page;
    await page.locator('.statusbar-item', { hasText: 'Tallyfy: Sign In' }).waitFor({ timeout: 60_000 });
    await openFromExplorer(page, 'src', 'report.ts');
    for (let i = 0; i < FORM_RUNS; i++) {
      await page.locator('.monaco-editor .view-line', { hasText: 'TODO: Prepare the Q3 report' }).first().click();
      await page.waitForTimeout(500); // the context key that enables the keybinding follows the cursor
      const started = Date.now();
      await page.keyboard.press('Control+Alt+Shift+T');
      const frame = await formFrame(page);
      const title = frame.getByLabel('Title', { exact: true });
      while ((await title.inputValue()) !== 'Prepare the Q3 report for the board') await page.waitForTimeout(5);
      times.push(Date.now() - started);
      await page.keyboard.press('Control+W');
      await page.waitForTimeout(500);
    }
    await workbench.close();
    return { filled: times, ready: loggedTimes(server.userDataDir, /Task form ready/) };
  } finally {
    await server.stop();
    await sandbox.close();
    workspace.remove();
  }
}

async function main(): Promise<void> {
  run('node', ['esbuild.mjs', '--production']);
  const extension = statSync(join(REPO_ROOT, 'dist', 'extension.js')).size;
  const webview = statSync(join(REPO_ROOT, 'dist', 'webview.js')).size;
  const out = mkdtempSync(join(tmpdir(), 'tallyfy-vsix-'));
  const vsixPath = join(out, 'bench.vsix');
  run('npx', ['vsce', 'package', '--no-dependencies', '--out', vsixPath]);
  const vsix = statSync(vsixPath).size;
  rmSync(out, { recursive: true, force: true });

  const times = await measureActivation();
  const form = await measureFormReady();
  const formTimes = form.filled;

  console.log('\n== Tallyfy TODO benchmark');
  console.log(`bundle  dist/extension.js (minified): ${kb(extension)}  (goal < 150 KB)`);
  console.log(`bundle  dist/webview.js (minified):   ${kb(webview)}  (goal < 120 KB)`);
  console.log(`package .vsix:                        ${kb(vsix)}  (goal < 300 KB)`);
  console.log(
    `activate() in VS Code, ${times.length} window loads: median ${median(times).toFixed(2)} ms ` +
      `(min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)})  (goal < 20 ms)`,
  );

  console.log(
    `task form ready (command → Title filled), ${formTimes.length} panels: median ${median(formTimes)} ms, ` +
      `first ${formTimes[0]} ms (goal < 300 ms)`,
  );
  console.log(
    `task form page loaded and said "ready" (extension side), ${form.ready.length} panels: median ${median(form.ready)} ms, ` +
      `first ${form.ready[0]} ms`,
  );

  console.log('\n== TODO detection');
  await runTodoBench();

  console.log('\n== Tasks view and refresh');
  printTasksBench(await runTasksBench());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
