// `npm run test:vscode`: the integration suite inside a real VS Code extension host, then the end-to-end
// specs that drive the workbench with Playwright. One summary line per stage, then a closing line
// "N passed, N failed" counted from both mocha runs; exits non-zero when anything failed or nothing ran.
//
// Expects the suite to be built first (`node esbuild.mjs --tests`, as the npm script does).
// TALLYFY_TEST_VERBOSE=1 also prints the workbench's offline noise (gallery and sign-in look-ups).
import Mocha from 'mocha';
import type { Locator } from 'playwright-core';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { sandboxEnvironment } from '../integration/sandboxInfo';
import { startSandbox } from '../sandbox/server';
import { EXTENSION_ID } from '../../src/core/contract';
import { extensionHostProblems, openWorkbench, REPO_ROOT, startCodeServer } from './codeServer';
import { ensureHarness, type Harness } from './install';
import { copyFixtureWorkspace, filesContaining } from './workspace';
import { quickCreateBox } from '../e2e/workbench';

interface Counts {
  passed: number;
  failed: number;
}

const SUITE = join(REPO_ROOT, 'out', 'test', 'integration', 'index');
const E2E_DIR = join(REPO_ROOT, 'test', 'e2e');
const SIGN_IN_BOX = '.quick-input-widget input[type="password"]';
const SUITE_TIMEOUT_MS = 5 * 60_000;
/** Workbench log entries that only say the machine is offline (see docs on real VS Code tests). */
const OFFLINE_NOISE = /open-vsx\.org|Timed out waiting for authentication provider|vsda|marketplace|update\.code\.visualstudio\.com/i;
const verbose = process.env['TALLYFY_TEST_VERBOSE'] === '1';

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** (a) The integration suite, run by the extension host itself (extensionTestsPath). */
async function integration(harness: Harness): Promise<Counts> {
  if (!existsSync(`${SUITE}.js`)) {
    throw new Error(`${relative(REPO_ROOT, SUITE)}.js is missing: build it with \`node esbuild.mjs --tests\`.`);
  }
  const started = Date.now();
  const sandbox = await startSandbox();
  const server = await startCodeServer(harness, {
    settings: { 'tallyfy.apiBaseUrl': sandbox.url, 'tallyfy.organizationId': sandbox.orgId },
  });
  const workspace = copyFixtureWorkspace();
  const log: string[] = [];
  let hidden = 0;
  let version = 'unknown';
  let counts: Counts | undefined;
  let failed = 0;
  try {
    const workbench = await openWorkbench(server, harness, {
      folder: workspace.folder,
      extensionTestsPath: SUITE,
      extensionEnvironment: sandboxEnvironment(sandbox, true),
      onLog: (entry) => {
        log.push(entry);
        const v = /Integration suite running in VS Code (\S+)/.exec(entry);
        if (v?.[1]) version = v[1];
        const m = /^integration: (\d+) passed, (\d+) failed/.exec(entry);
        if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
        if (!verbose && OFFLINE_NOISE.test(entry.split('\n', 1)[0] ?? '')) {
          hidden++;
          return;
        }
        console.log(entry.replace(/^/gm, '  '));
      },
    });
    // Answers the boxes the suite opens, as a person would: the sandbox's token into the sign-in box,
    // Enter in the quick create's title box (accepting the title taken from the TODO).
    const page = workbench.page;
    const answer = async (input: Locator, fill?: string): Promise<void> => {
      for (;;) {
        await input.waitFor({ state: 'visible', timeout: 0 });
        if (fill !== undefined) await input.fill(fill);
        await input.press('Enter');
        await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
      }
    };
    const titleBox = quickCreateBox(page);
    // Both end when the page closes.
    const typist = Promise.all([answer(page.locator(SIGN_IN_BOX), sandbox.token), answer(titleBox)]).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      workbench.exitCode,
      new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), SUITE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (code !== 0) {
      // What the workbench showed when the suite ended, for the failure.
      const shot = join(REPO_ROOT, '.test-output', 'integration-failure.png');
      mkdirSync(dirname(shot), { recursive: true });
      await workbench.page.screenshot({ path: shot }).then(
        () => console.log(`integration: the workbench at the end of the suite: ${relative(REPO_ROOT, shot)}`),
        () => undefined,
      );
    }
    await workbench.close();
    await typist;
    if (hidden > 0) {
      console.log(`  (${hidden} workbench log entries about being offline hidden; TALLYFY_TEST_VERBOSE=1 shows them)`);
    }
    if (code === -1) {
      console.log(`integration: the suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} minutes`);
      failed++;
    } else if (code !== 0 && (counts?.failed ?? 0) === 0) {
      console.log(`integration: the suite's run() failed (exit ${code}) before reporting any test`);
      failed++;
    }
    const leaks = [
      ...filesContaining(server.userDataDir, sandbox.token),
      ...filesContaining(workspace.folder, sandbox.token),
      ...(log.some((line) => line.includes(sandbox.token)) ? ['the extension host output'] : []),
      ...(server.output.some((line) => line.includes(sandbox.token)) ? ['the server output'] : []),
    ];
    if (leaks.length > 0) {
      console.log(`integration: the token was found in ${leaks.join(', ')}`);
      failed++;
    } else {
      console.log('integration: the token appears in no log, no user-data file and no workspace file');
    }
    const problems = extensionHostProblems(server.userDataDir, EXTENSION_ID);
    if (problems.length > 0) {
      console.log(`integration: the extension host logged ${problems.length} warnings or errors about the extension:\n  ${[...new Set(problems.map((line) => line.replace(/^\S+ \S+ /, '')))].join('\n  ')}`);
      failed++;
    }
  } finally {
    await server.stop();
    await sandbox.close();
    workspace.remove();
  }
  const result = { passed: counts?.passed ?? 0, failed: (counts?.failed ?? 0) + failed };
  console.log(
    `\n[integration] VS Code ${version} (code-server ${codeServerVersion(harness)}, Node extension host, browser workbench): ` +
      `${result.passed} passed, ${result.failed} failed in ${seconds(started)}`,
  );
  return result;
}

/** (b) The end-to-end specs, in this Node.js process; each starts its workbench through test/e2e/workbench.ts. */
async function endToEnd(): Promise<Counts> {
  const started = Date.now();
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec' });
  const specs = readdirSync(E2E_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.ts'))
    .sort();
  for (const name of specs) {
    mocha.addFile(join(E2E_DIR, name));
  }
  await mocha.loadFilesAsync();
  const result = await new Promise<Counts>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
  });
  console.log(`[e2e] ${specs.length} spec file(s): ${result.passed} passed, ${result.failed} failed in ${seconds(started)}`);
  return result;
}

function codeServerVersion(harness: Harness): string {
  const manifest = join(harness.dir, 'node_modules', 'code-server', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Removes the screenshots of an earlier run's failures (.test-output/ is git-ignored). */
function clearOldScreenshots(): void {
  const dir = join(REPO_ROOT, '.test-output');
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    if (name === 'integration-failure.png' || (name.startsWith('e2e-') && name.endsWith('.png'))) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const harness = ensureHarness();
  clearOldScreenshots();
  console.log('\n== Integration suite in the real VS Code extension host');
  let a: Counts;
  try {
    a = await integration(harness);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    console.log('\n[integration] could not run: 0 passed, 1 failed');
    a = { passed: 0, failed: 1 };
  }
  console.log('\n== End-to-end specs driving the workbench');
  const b = await endToEnd();
  const passed = a.passed + b.passed;
  const failed = a.failed + b.failed;
  console.log(`\nReal VS Code tests took ${seconds(started)}.`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
