// The extension as users install it: packaged into a .vsix, installed into a fresh VS Code profile
// (as `code --install-extension` does), and running there without the development folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, REPO_ROOT, startCodeServer, type CodeServer, type Workbench } from '../harness/codeServer';
import { ensureHarness } from '../harness/install';
import { copyFixtureWorkspace } from '../harness/workspace';
import { runCommand, screenshot, signInItem } from './workbench';

describe('e2e: the packaged extension', function () {
  let server: CodeServer;
  let workbench: Workbench;
  let cleanup: () => void = () => undefined;

  before(async () => {
    const harness = ensureHarness();
    const out = mkdtempSync(join(tmpdir(), 'tallyfy-vsix-'));
    const vsix = join(out, 'tallyfy-todo.vsix');
    const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: REPO_ROOT, stdio: 'ignore' });
    server = await startCodeServer(harness, { vsix });
    const workspace = copyFixtureWorkspace();
    cleanup = () => {
      workspace.remove();
      rmSync(out, { recursive: true, force: true });
    };
    workbench = await openWorkbench(server, harness, { folder: workspace.folder, extensionDevelopmentPath: null });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(workbench.page, this.currentTest.fullTitle());
  });

  after(async () => {
    await workbench?.close();
    await server?.stop();
    cleanup();
  });

  it('installs from the .vsix and starts: the status bar offers sign-in', async () => {
    await signInItem(workbench.page).waitFor({ timeout: 60_000 });
  });

  it('shows its commands in the palette under the Tallyfy category', async () => {
    await runCommand(workbench.page, 'Tallyfy: Sign In');
    const box = workbench.page.locator('.quick-input-widget input[type="password"]');
    await box.waitFor({ state: 'visible' });
    assert.match(await workbench.page.locator('.quick-input-widget').innerText(), /Sign in to Tallyfy/);
    await box.press('Escape');
  });

  it('loads its parts from the package: the Tasks view welcomes a signed-out user', async () => {
    await runCommand(workbench.page, 'Tallyfy: Focus on Tasks View');
    const view = workbench.page.locator('.pane:has(.pane-header[aria-label^="Tasks"])');
    await view.getByRole('button', { name: 'Sign in to Tallyfy' }).waitFor();
  });
});
