// The end-to-end fixture: a sandbox Tallyfy, a real VS Code with the extension under development and a
// fresh copy of the fixture workspace, and the Playwright page showing its workbench.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
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

/** Signs in through the palette and the password box with the sandbox's token. */
export async function signIn(e2e: E2E): Promise<void> {
  await runCommand(e2e.page, 'Tallyfy: Sign In');
  const box = e2e.page.locator('.quick-input-widget input[type="password"]');
  await box.waitFor({ state: 'visible' });
  await box.fill(e2e.sandbox.token);
  await box.press('Enter');
  await box.waitFor({ state: 'hidden' });
  await e2e.page.locator('.statusbar-item', { hasText: 'Tallyfy: Sign In' }).waitFor({ state: 'hidden' });
}

/** Opens a workspace file from the Explorer, as a person would. */
export async function openFromExplorer(page: Page, ...names: string[]): Promise<void> {
  await page.keyboard.press('Control+Shift+E');
  for (const name of names) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

/** The rendered editor line that shows `text`. */
export function editorLine(page: Page, text: string) {
  return page.locator('.monaco-editor .view-line', { hasText: text }).first();
}

/**
 * Clicks a line, then opens the editor's context menu on it, until the menu does (or does not) hold
 * `item`: the extension learns of the cursor move asynchronously, and a busy extension host (a language
 * server starting) can delay that. Returns whether the menu held the item at the end; with `leaveOpen`
 * the menu stays open when it holds the item.
 */
export async function contextMenuHas(page: Page, lineText: string, item: string, expected: boolean, leaveOpen = false): Promise<boolean> {
  const line = editorLine(page, lineText);
  const menu = page.locator('.context-view .monaco-menu');
  const deadline = Date.now() + 15_000;
  for (;;) {
    await line.click();
    await page.waitForTimeout(300);
    await line.click({ button: 'right' });
    await menu.locator('.action-label', { hasText: 'Command Palette' }).waitFor({ state: 'visible' });
    const has = (await menu.locator('.action-label', { hasText: item }).count()) > 0;
    const settled = has === expected || Date.now() > deadline;
    if (!(settled && has && leaveOpen)) {
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });
    }
    if (settled) {
      return has;
    }
    await page.waitForTimeout(500);
  }
}

/**
 * Right-clicks `target`, chooses `item` in its context menu and waits for `outcome` (a dialog, a changed
 * row). The item is chosen with the pointer on it and Enter: a workbench menu ignores a click in the
 * first 100 ms after it opens. The list can re-render under an open menu, which closes it, so this tries
 * again a few times.
 */
export async function chooseFromContextMenu(page: Page, target: Locator, item: string, outcome: Locator): Promise<void> {
  const label = page.locator('.action-label', { hasText: new RegExp(`^${item}$`) });
  const entry = page.locator('.context-view .monaco-menu .action-item', { has: label });
  for (let attempt = 1; ; attempt++) {
    await target.click({ button: 'right' });
    try {
      await entry.hover({ timeout: 5_000 });
      await page.locator('.context-view .monaco-menu .action-item.focused', { has: label }).waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      await outcome.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** The frame of the open task form (webviews are nested iframes), once its Title field is there. */
export async function formFrame(page: Page, timeoutMs = 60_000): Promise<import('playwright-core').Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if ((await frame.getByLabel('Title', { exact: true }).count().catch(() => 0)) > 0) {
        return frame;
      }
    }
    if (Date.now() > deadline) throw new Error('The task form did not appear.');
    await page.waitForTimeout(250);
  }
}

/**
 * The fixture for a spec: starts the workbench before its tests (waiting until the extension shows its
 * status bar item, then running `setup`), saves a screenshot of each failing test, and closes it all
 * after. The returned object is filled in before the first test runs.
 */
export function useE2E(options: { settings?: Record<string, unknown> } = {}, setup?: (e2e: E2E) => Promise<void>): E2E {
  const e2e = {} as E2E;
  before(async () => {
    Object.assign(e2e, await startE2E(options));
    await e2e.page.locator('.statusbar-item', { hasText: 'Tallyfy: Sign In' }).waitFor({ timeout: 60_000 });
    await setup?.(e2e);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(e2e.page, this.currentTest.fullTitle());
    }
  });
  after(async () => {
    await e2e.close?.();
  });
  return e2e;
}

/**
 * Right-clicks a TODO line, chooses "Create Tallyfy Task from TODO" (with `tallyfy.createOpens` set to
 * "quick") and returns the quick create's title box. A notification that appears meanwhile can close
 * the menu, so this tries again a few times.
 */
export async function quickCreateFromMenu(page: Page, lineText: string) {
  const item = 'Create Tallyfy Task from TODO';
  const titleBox = page
    .locator('.quick-input-widget')
    .filter({ has: page.locator('.quick-input-title', { hasText: 'New Tallyfy task' }) })
    .locator('input');
  for (let attempt = 1; ; attempt++) {
    if (!(await contextMenuHas(page, lineText, item, true, true))) throw new Error(`The menu does not offer ${item}.`);
    await page.locator('.context-view .monaco-menu .action-label', { hasText: item }).click();
    try {
      await titleBox.waitFor({ state: 'visible', timeout: 5_000 });
      return titleBox;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
