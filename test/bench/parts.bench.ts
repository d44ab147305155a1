// The parts loaded on first use, timed in the real workbench, in fresh windows: the sign-in's (the
// window's first command), the Tasks view's (it loads once the window is signed in: the view, the refresh
// and the index), and the task form's (the first "Create Task from TODO"). Each load is logged by the
// extension as "Loaded the <part> in N ms (CPU M ms), W ms after it was first needed": N, its code's run
// and its start, is what the first use costs more than when the part was in the start-up bundle.
import { openWorkbench, startCodeServer } from '../harness/codeServer';
import { ensureHarness } from '../harness/install';
import { copyFixtureWorkspace } from '../harness/workspace';
import { editorLine, formFrame, openFile, runCommand } from '../e2e/workbench';
import { startSandbox } from '../sandbox/server';
import { loggedMatches, loggedTimes, SPENT } from './logs';

const WINDOWS = 5;

export interface PartLoad {
  /** Its code's run and its start, per window. */
  readonly own: number[];
  /** The same by the thread's CPU time. */
  readonly cpu: number[];
  /** From the moment it was first needed to started (what else the extension host did meanwhile included). */
  readonly wall: number[];
}

export interface PartsBench {
  readonly loads: ReadonlyMap<string, PartLoad>;
  /** Activation (module evaluation and activate()) in the same windows. */
  readonly activation: number[];
}

/** Every "Loaded the <part> in N ms (CPU M ms), W ms after it was first needed" the extension logged. */
function loggedPartLoads(userDataDir: string): Map<string, PartLoad> {
  const loads = new Map<string, PartLoad>();
  for (const m of loggedMatches(userDataDir, new RegExp(`Loaded the (.+?) in ${SPENT}, ([\\d.]+) ms after it was first needed`, 'g'))) {
    const load = loads.get(m[1]!) ?? { own: [], cpu: [], wall: [] };
    load.own.push(Number(m[2]));
    load.cpu.push(Number(m[3]));
    load.wall.push(Number(m[4]));
    loads.set(m[1]!, load);
  }
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
      // Each window signs in (the browser keeps the secrets, and each window is a browser of its own).
      await page.locator('.statusbar-item', { hasText: 'Tallyfy: Sign In' }).waitFor({ timeout: 60_000 });
      await runCommand(page, 'Tallyfy: Sign In');
      const box = page.locator('.quick-input-widget input[type="password"]');
      await box.waitFor({ state: 'visible' });
      await box.fill(sandbox.token);
      await box.press('Enter');
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
