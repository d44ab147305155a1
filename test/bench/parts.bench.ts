// The parts loaded on first use, timed in the real workbench: in fresh windows of a signed-in user, the
// Tasks view's part (it loads once the window knows it is signed in: the view, the refresh and the index),
// the task form's (the first "Create Task from TODO"), and the sign-in's. Each load is logged by the
// extension as "Loaded the <part> in N ms (its code M ms)": the whole is what the first use costs more
// than when the part was in the start-up bundle at most; its code's load is what it costs at least.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, startCodeServer } from '../harness/codeServer';
import { ensureHarness } from '../harness/install';
import { copyFixtureWorkspace } from '../harness/workspace';
import { editorLine, formFrame, openFile, runCommand } from '../e2e/workbench';
import { startSandbox } from '../sandbox/server';
import { loggedTimes } from './logs';

const WINDOWS = 5;

export interface PartLoad {
  /** Load and start, per window. */
  readonly total: number[];
  /** The module's load alone. */
  readonly code: number[];
}

export interface PartsBench {
  readonly loads: ReadonlyMap<string, PartLoad>;
  /** Activation (first statement → end of activate()) in the same signed-in windows. */
  readonly activation: number[];
}

/** Every "Loaded the <part> in N ms (its code M ms)" the extension logged under a user-data folder. */
function loggedPartLoads(userDataDir: string): Map<string, PartLoad> {
  const loads = new Map<string, { total: number[]; code: number[] }>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name === 'Tallyfy.log') {
        for (const m of readFileSync(path, 'utf8').matchAll(/Loaded the (.+?) in ([\d.]+) ms \(its code ([\d.]+) ms\)/g)) {
          const load = loads.get(m[1]!) ?? { total: [], code: [] };
          load.total.push(Number(m[2]));
          load.code.push(Number(m[3]));
          loads.set(m[1]!, load);
        }
      }
    }
  };
  visit(join(userDataDir, 'logs'));
  return loads;
}

export async function runPartsBench(): Promise<PartsBench> {
  const harness = ensureHarness();
  const sandbox = await startSandbox();
  const server = await startCodeServer(harness, {
    settings: { 'tallyfy.apiBaseUrl': sandbox.url, 'tallyfy.organizationId': sandbox.orgId },
  });
  const workspace = copyFixtureWorkspace();
  try {
    for (let i = 0; i < WINDOWS; i++) {
      const workbench = await openWorkbench(server, harness, { folder: workspace.folder });
      const page = workbench.page;
      const org = sandbox.seed.organizations.find((o) => o.id === sandbox.orgId)?.name ?? 'Sandbox Organization';
      const signedIn = page.locator('.statusbar-item', { hasText: org });
      if (i === 0) {
        // The first window signs in (the sign-in's part); the token is kept for the windows after it.
        await page.locator('.statusbar-item', { hasText: 'Tallyfy: Sign In' }).waitFor({ timeout: 60_000 });
        await runCommand(page, 'Tallyfy: Sign In');
        const box = page.locator('.quick-input-widget input[type="password"]');
        await box.waitFor({ state: 'visible' });
        await box.fill(sandbox.token);
        await box.press('Enter');
      }
      await signedIn.waitFor({ timeout: 60_000 });
      await openFile(page, 'report.ts');
      await editorLine(page, 'TODO: Prepare the Q3 report').click();
      await runCommand(page, 'Tallyfy: Create Task from TODO');
      await formFrame(page);
      await workbench.close();
    }
    return { loads: loggedPartLoads(server.userDataDir), activation: loggedTimes(server.userDataDir, /activated/) };
  } finally {
    await server.stop();
    await sandbox.close();
    workspace.remove();
  }
}
