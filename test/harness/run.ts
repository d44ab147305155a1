// `npm run test:vscode`: the integration suite inside a real VS Code extension host, then the end-to-end
// specs that drive the workbench with Playwright. Prints one closing line: "N passed, N failed".
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/server';
import { openWorkbench, REPO_ROOT, startCodeServer } from './codeServer';
import { ensureHarness, type Harness } from './install';
import { copyFixtureWorkspace, filesContaining } from './workspace';

const SIGN_IN_BOX = '.quick-input-widget input[type="password"]';

async function integration(harness: Harness): Promise<{ passed: number; failed: number }> {
  const sandbox = await startSandbox();
  const server = await startCodeServer(harness, {
    settings: { 'tallyfy.apiBaseUrl': sandbox.url, 'tallyfy.organizationId': sandbox.orgId },
  });
  const workspace = copyFixtureWorkspace();
  const log: string[] = [];
  let counts = { passed: 0, failed: 0 };
  try {
    const workbench = await openWorkbench(server, harness, {
      folder: workspace.folder,
      extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index'),
      extensionEnvironment: {
        TALLYFY_TEST_SANDBOX: JSON.stringify({ url: sandbox.url, controlUrl: sandbox.controlUrl, orgId: sandbox.orgId, typist: true }),
      },
      onLog: (line) => {
        log.push(line);
        console.log(`  ${line}`);
        const m = /^integration: (\d+) passed, (\d+) failed/.exec(line);
        if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
      },
    });
    // Type the token into the sign-in box whenever the suite opens it, as a person would.
    let done = false;
    const typist = (async () => {
      while (!done) {
        const box = workbench.page.locator(SIGN_IN_BOX);
        if (await box.isVisible().catch(() => false)) {
          await box.fill(sandbox.token);
          await box.press('Enter');
          await workbench.page.waitForTimeout(500);
        }
        await workbench.page.waitForTimeout(100);
      }
    })();
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), 5 * 60_000));
    const code = await Promise.race([workbench.exitCode, timeout]);
    done = true;
    await typist.catch(() => undefined);
    await workbench.close();
    if (code === -1) {
      console.log('integration: the suite did not finish within 5 minutes');
      counts = { passed: counts.passed, failed: counts.failed + 1 };
    } else if (code !== 0 && counts.failed === 0) {
      counts = { passed: counts.passed, failed: 1 };
    }
    const leaks = [
      ...filesContaining(server.userDataDir, sandbox.token),
      ...filesContaining(workspace.folder, sandbox.token),
      ...(log.some((line) => line.includes(sandbox.token)) ? ['the extension host output'] : []),
      ...(server.output.some((line) => line.includes(sandbox.token)) ? ['the server output'] : []),
    ];
    if (leaks.length > 0) {
      console.log(`integration: the token was found in ${leaks.join(', ')}`);
      counts = { passed: counts.passed, failed: counts.failed + 1 };
    } else {
      console.log('integration: the token appears in no log, no user-data file and no workspace file');
      counts = { passed: counts.passed + 1, failed: counts.failed };
    }
    return counts;
  } finally {
    await server.stop();
    await sandbox.close();
    workspace.remove();
  }
}

async function endToEnd(): Promise<{ passed: number; failed: number }> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec' });
  const dir = join(REPO_ROOT, 'test', 'e2e');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.test.ts')).sort()) {
    mocha.addFile(join(dir, name));
  }
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 });
    });
  });
}

async function main(): Promise<void> {
  const harness = ensureHarness();
  const started = Date.now();
  console.log('\n== Integration suite in the real VS Code extension host');
  const a = await integration(harness);
  console.log('\n== End-to-end specs driving the workbench');
  const b = await endToEnd();
  const passed = a.passed + b.passed;
  const failed = a.failed + b.failed;
  console.log(`\nReal VS Code tests took ${Math.round((Date.now() - started) / 1000)} s.`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
