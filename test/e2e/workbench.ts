// The end-to-end fixture: a sandbox Tallyfy, a real VS Code with the extension under development and a
// fresh copy of the fixture workspace, and the Playwright page showing its workbench.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openWorkbench, REPO_ROOT, startCodeServer, type CodeServer, type Workbench } from '../harness/codeServer';
import { ensureHarness } from '../harness/install';
import { copyFixtureWorkspace } from '../harness/workspace';
import { startSandbox, type Sandbox } from '../sandbox/server';

export interface E2E {
  readonly page: Page;
  readonly sandbox: Sandbox;
  readonly server: CodeServer;
  readonly workbench: Workbench;
  readonly folder: string;
  close(): Promise<void>;
}

export async function startE2E(options: { settings?: Record<string, unknown> } = {}): Promise<E2E> {
  const harness = ensureHarness();
  const sandbox = await startSandbox();
  const server = await startCodeServer(harness, {
    settings: { 'tallyfy.apiBaseUrl': sandbox.url, 'tallyfy.organizationId': sandbox.orgId, ...options.settings },
  });
  const workspace = copyFixtureWorkspace();
  const workbench = await openWorkbench(server, harness, { folder: workspace.folder });
  return {
    page: workbench.page,
    sandbox,
    server,
    workbench,
    folder: workspace.folder,
    async close() {
      await workbench.close();
      await server.stop();
      await sandbox.close();
      workspace.remove();
    },
  };
}

/** Runs a command from the palette by its title, as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await input.press('Enter');
}

/** Saves a screenshot under .test-output/ (for a failing test). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(REPO_ROOT, '.test-output');
  mkdirSync(dir, { recursive: true });
  const file = `e2e-${name.replace(/^e2e\W*/i, '').replace(/[^a-z0-9]+/gi, '-')}.png`;
  await page.screenshot({ path: join(dir, file) }).catch(() => undefined);
}
