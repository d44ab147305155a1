// The end-to-end fixture: a sandbox Tallyfy, a real VS Code with the extension under development and a
// fresh copy of the fixture workspace, and the Playwright page showing its workbench.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { extensionHostProblems, openWorkbench, REPO_ROOT, startCodeServer, type CodeServer, type Workbench } from '../harness/codeServer';
import { ensureHarness } from '../harness/install';
import { copyFixtureWorkspace } from '../harness/workspace';
import { EXTENSION_ID } from '../../src/core/contract';
import { startSandbox, type Sandbox, type SandboxTask } from '../sandbox/server';

export interface E2E {
  readonly page: Page;
  readonly sandbox: Sandbox;
  readonly server: CodeServer;
  readonly workbench: Workbench;
  readonly folder: string;
  close(): Promise<void>;
}

export async function startE2E(options: { settings?: Record<string, unknown>; moreExtensions?: readonly string[] } = {}): Promise<E2E> {
  const harness = ensureHarness();
  const sandbox = await startSandbox();
  const server = await startCodeServer(harness, {
    settings: { 'tallyfy.apiBaseUrl': sandbox.url, 'tallyfy.organizationId': sandbox.orgId, ...options.settings },
  });
  const workspace = copyFixtureWorkspace();
  const workbench = await openWorkbench(server, harness, { folder: workspace.folder, moreExtensions: options.moreExtensions });
  return {
    page: workbench.page,
    sandbox,
    server,
    workbench,
    folder: workspace.folder,
    async close() {
      const problems = extensionHostProblems(server.userDataDir, EXTENSION_ID);
      await workbench.close();
      await server.stop();
      await sandbox.close();
      workspace.remove();
      if (problems.length > 0) {
        throw new Error(`The extension host logged warnings or errors about the extension:\n${[...new Set(problems)].join('\n')}`);
      }
    },
  };
}

/** Runs a command from the palette by its exact title, as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await (await paletteRow(page, title)).click();
}

/** Opens the palette with `title` typed and returns the command's row, ready to be chosen. */
export async function paletteRow(page: Page, title: string): Promise<Locator> {
  const input = page.locator('.quick-input-widget input');
  // A palette can close as soon as it opened: focus going back to a webview (the task form) after the
  // previous command closes it. That gesture is made again, a few times at most.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    const typed = await input.fill(`>${title}`, { timeout: attempt < 3 ? 5_000 : 30_000 }).then(() => true, (error: unknown) => {
      if (attempt >= 3) throw error;
      return false;
    });
    if (typed) break;
  }
  const label = page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) });
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: label }).first();
  await row.waitFor();
  return row;
}

/** Saves a screenshot under .test-output/ (for a failing test). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(REPO_ROOT, '.test-output');
  mkdirSync(dir, { recursive: true });
  const file = `e2e-${name.replace(/^e2e\W*/i, '').replace(/[^a-z0-9]+/gi, '-')}.png`;
  await page.screenshot({ path: join(dir, file) }).catch(() => undefined);
}

/**
 * Reloads the window as a user does ("Developer: Reload Window": VS Code keeps the open editors before it
 * reloads, which a reload of the browser page does not wait for), then waits until the extension shows
 * the signed-in status bar item again.
 */
export async function reloadWindow(e2e: E2E): Promise<void> {
  const reloaded = e2e.page.waitForEvent('load');
  await runCommand(e2e.page, 'Developer: Reload Window');
  await reloaded;
  await e2e.page.locator('.monaco-workbench').waitFor();
  await signedInItem(e2e).waitFor({ timeout: 60_000 });
}

/** Signs in through the palette and the password box with the sandbox's token. */
export async function signIn(e2e: E2E): Promise<void> {
  await runCommand(e2e.page, 'Tallyfy: Sign In');
  const box = e2e.page.locator('.quick-input-widget input[type="password"]');
  await box.waitFor({ state: 'visible' });
  await box.fill(e2e.sandbox.token);
  await box.press('Enter');
  await box.waitFor({ state: 'hidden' });
  await signedInItem(e2e).waitFor();
}

/** The status bar item of a signed-in window (it names the organization). */
export function signedInItem(e2e: E2E): Locator {
  const org = e2e.sandbox.seed.organizations.find((o) => o.id === e2e.sandbox.orgId)?.name ?? 'Sandbox Organization';
  return e2e.page.locator('.statusbar-item', { hasText: org });
}

/** The status bar item of a signed-out window. */
export function signInItem(page: Page): Locator {
  return page.locator('.statusbar-item', { hasText: 'Tallyfy: Sign In' });
}

/** Whether the window is signed in, once the status bar says either way. */
async function isSignedIn(e2e: E2E): Promise<boolean> {
  await signedInItem(e2e).or(signInItem(e2e.page)).first().waitFor();
  return signedInItem(e2e).isVisible();
}

/** Signs in unless the window already is: for a test that needs a signed-in window. */
export async function ensureSignedIn(e2e: E2E): Promise<void> {
  if (!(await isSignedIn(e2e))) await signIn(e2e);
}

/** Signs out if the window is signed in: for a test that needs a signed-out window. */
export async function ensureSignedOut(e2e: E2E): Promise<void> {
  if (await isSignedIn(e2e)) {
    await runCommand(e2e.page, 'Tallyfy: Sign Out');
    await signInItem(e2e.page).waitFor();
  }
}

let fileCount = 0;

/**
 * Writes a new file into the test's workspace under `src/` and returns its name: a test makes the file it
 * works on, so no test sees what another did to a shared one. `lines` are its content.
 */
export function writeSourceFile(e2e: E2E, stem: string, lines: readonly string[], extension = 'ts'): string {
  const name = `${stem}-${++fileCount}.${extension}`;
  const path = join(e2e.folder, 'src', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${lines.join('\n')}\n`);
  return name;
}

/** A file holding one TODO with `title` (and, when given, a continuation line). */
export function writeTodoFile(e2e: E2E, title: string, continuation?: string): string {
  return writeSourceFile(e2e, 'todo', [
    'export function work(): string {',
    `  // TODO: ${title}`,
    ...(continuation === undefined ? [] : [`  //   ${continuation}`]),
    "  return 'draft';",
    '}',
  ]);
}

/**
 * Opens a file of the workspace's `src` folder from the Explorer, as a person would, once the Explorer lists
 * it (a file a test has just written appears there when VS Code's file watcher reports it; Quick Open's
 * file list can lag further), and waits for its editor.
 */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+Shift+E');
  const row = (label: string) =>
    page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) });
  await row('src').waitFor();
  if ((await row('src').getAttribute('aria-expanded')) === 'false') await row('src').click();
  await row(name).click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible' });
}

let titleCount = 0;

/** A task title no other test uses (the sandbox is shared by a spec's tests). */
export function uniqueTitle(text: string): string {
  return `${text} (${++titleCount})`;
}

/**
 * Makes a task the way a user does: a file with a TODO titled `title`, opened, the cursor on the TODO, "Quick
 * Create Task from TODO" from the palette and Enter. Resolves once the reference is in the TODO, with the
 * task as the sandbox holds it and the file's name. Needs a signed-in window.
 */
export async function createTaskFromTodo(e2e: E2E, title: string): Promise<{ task: SandboxTask; file: string }> {
  const file = writeTodoFile(e2e, title);
  await openFile(e2e.page, file);
  await editorLine(e2e.page, `TODO: ${title}`).click();
  await runCommand(e2e.page, 'Tallyfy: Quick Create Task from TODO');
  const box = quickCreateBox(e2e.page);
  await box.waitFor({ state: 'visible' });
  await box.press('Enter');
  await editorLine(e2e.page, 'TODO(tallyfy:').waitFor();
  const [task, ...more] = e2e.sandbox.tasks().filter((t) => t.title === title);
  if (task === undefined || more.length > 0) throw new Error(`Expected one sandbox task titled "${title}".`);
  return { task, file };
}

/**
 * Clicks `button` of the notification that says `message`: on its toast, or in the notification center
 * (the headless workbench may send a notification straight there).
 */
export async function clickNotificationButton(page: Page, message: string | RegExp, button: string): Promise<void> {
  await (await notification(page, message)).getByRole('button', { name: button }).click();
}

/**
 * The notification that says `message`, once shown: its toast, or its entry in the notification center
 * (opened when no such toast is up; the headless workbench may send a notification straight there).
 */
export async function notification(page: Page, message: string | RegExp): Promise<Locator> {
  const toast = page.locator('.notification-toast', { hasText: message });
  // The center lists a notification that arrives while it is open, and no toast is shown then.
  if (!(await toast.first().isVisible())) await runCommand(page, 'Notifications: Show Notifications');
  const shown = toast.or(page.locator('.notifications-center .notification-list-item', { hasText: message })).first();
  await shown.waitFor();
  return shown;
}

/**
 * Leaves the window as a test found it: no open menu, box or dialog, no notification, no editor (saved
 * first, so none asks to be saved). Each test of a spec shares the window, so each leaves it clean.
 */
export async function resetWindow(page: Page): Promise<void> {
  const open = page.locator('.context-view .monaco-menu, .quick-input-widget:visible, .monaco-dialog-box');
  for (let i = 0; i < 3 && (await open.count()) > 0; i++) {
    await page.keyboard.press('Escape');
  }
  await runCommand(page, 'File: Save All Files');
  await runCommand(page, 'View: Close All Editor Groups');
  await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached' });
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-toast').first().waitFor({ state: 'detached' });
  if (await page.locator('.notifications-center.visible').isVisible()) {
    await page.keyboard.press('Escape');
    await page.locator('.notifications-center.visible').waitFor({ state: 'detached' });
  }
}

/** The rendered editor line that shows `text`. */
export function editorLine(page: Page, text: string) {
  return page.locator('.monaco-editor .view-line', { hasText: text }).first();
}

/** An item of the open context menu, by its exact label. */
export function menuItem(page: Page, item: string): Locator {
  const label = page.locator('.action-label', { hasText: new RegExp(`^${escapeRegExp(item)}$`) });
  return page.locator('.context-view .monaco-menu .action-item', { has: label });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Right-clicks `target` until its context menu is drawn, within `timeoutMs`. VS Code closes an open menu
 * when the list under it re-renders, possibly before the menu could be seen: the right-click is then made
 * again (a gesture VS Code dropped, not a failure of the product).
 */
export async function rightClickMenu(page: Page, target: Locator, timeoutMs = 30_000): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu .action-item').first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await target.click({ button: 'right' });
    const left = deadline - Date.now();
    if (await menu.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5_000, left)) }).then(() => true, () => false)) return;
    if (Date.now() >= deadline) throw new Error('No context menu opened.');
  }
}

/** Closes an open context menu, if one is open. */
async function closeMenu(page: Page): Promise<void> {
  const menu = page.locator('.context-view .monaco-menu');
  if (await menu.isVisible()) {
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
  }
}

/**
 * Right-clicks `target` until its context menu holds `item` (or, with `expected` false, until it does not),
 * within `timeoutMs`. A menu is built from the context keys of the moment it opens, and the extension learns
 * of a cursor move only after VS Code has made it: a menu opened on a line the cursor has just moved to can
 * still show the previous line's items. The target is clicked first (the cursor moves there), then the menu
 * is opened again until it reflects the line. Returns whether the last menu held the item; it is closed.
 */
export async function contextMenuHas(page: Page, lineText: string, item: string, expected: boolean, timeoutMs = 15_000): Promise<boolean> {
  const line = editorLine(page, lineText);
  const deadline = Date.now() + timeoutMs;
  await line.click();
  for (;;) {
    await rightClickMenu(page, line);
    const has = (await menuItem(page, item).count()) > 0;
    await closeMenu(page);
    if (has === expected || Date.now() > deadline) return has;
  }
}

/**
 * Opens the context menu of `target` with `item` in it, focused under the pointer, ready for Enter. The item
 * is chosen by key, not clicked: a workbench menu item takes mouse-ups only from 100 ms after it was drawn
 * (so that the release of a right-click cannot choose one), and a click sooner is dropped by VS Code. The
 * menu is opened again while it lacks the item (see `contextMenuHas`) or when VS Code closed it under the
 * pointer (a list that re-renders closes its open menu).
 */
export async function openMenuWith(page: Page, target: Locator, item: string, timeoutMs = 15_000): Promise<void> {
  const entry = menuItem(page, item);
  const focused = entry.and(page.locator('.action-item.focused'));
  const deadline = Date.now() + timeoutMs;
  await target.click();
  for (;;) {
    await rightClickMenu(page, target);
    if ((await entry.count()) > 0) {
      await entry.hover();
      if (await focused.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) return;
    }
    if (Date.now() > deadline) throw new Error(`The context menu did not offer ${item}.`);
    await closeMenu(page);
  }
}

/**
 * Presses Enter on the open context menu's focused item. VS Code closes an open menu when the list under
 * it re-renders (a refresh's answer can land between the menu showing and the key), and the Enter would
 * then reach the list; so the key is caught on its way in: it is let through only to the menu, and
 * swallowed otherwise. Whether the menu took it.
 */
export async function pressInMenu(page: Page): Promise<boolean> {
  await page.evaluate(() => {
    const mark = globalThis as unknown as { tallyfyMenuTookEnter?: boolean };
    delete mark.tallyfyMenuTookEnter;
    window.addEventListener(
      'keydown',
      (event) => {
        // The editor's context menu lives in a shadow root: the path, not the (retargeted) target, says where the key went.
        const inMenu = event.composedPath().some((node) => node instanceof Element && node.classList.contains('monaco-menu'));
        mark.tallyfyMenuTookEnter = inMenu;
        if (!inMenu) {
          event.preventDefault();
          event.stopImmediatePropagation();
        }
      },
      { capture: true, once: true },
    );
  });
  await page.keyboard.press('Enter');
  return page.evaluate(() => (globalThis as unknown as { tallyfyMenuTookEnter?: boolean }).tallyfyMenuTookEnter === true);
}

/**
 * Right-clicks `target`, chooses `item` in its context menu and waits for `outcome` (a dialog, a changed
 * row) to reach `state`. A choice VS Code dropped (the menu closed under it, see `pressInMenu`) is made again, at most 3 times.
 */
export async function chooseFromContextMenu(
  page: Page,
  target: Locator,
  item: string,
  outcome: Locator,
  state: 'visible' | 'detached' = 'visible',
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await openMenuWith(page, target, item);
    if (await pressInMenu(page)) break;
    if (attempt === 3) throw new Error(`The context menu closed 3 times before ${item} could be chosen.`);
  }
  await outcome.waitFor({ state });
}

/**
 * The frame of an open webview page (webviews are nested iframes) once `content` shows in it: every frame,
 * and each frame as it attaches, is watched for it, and the first to show it is the page's.
 */
export function webviewFrame(page: Page, content: (frame: Frame) => Locator, what: string, timeoutMs = 60_000): Promise<Frame> {
  return new Promise<Frame>((resolve, reject) => {
    let found = false;
    const watch = (frame: Frame): void => {
      // A frame that goes away or never shows it simply does not win.
      content(frame).first().waitFor({ timeout: timeoutMs }).then(() => {
        if (found) return;
        found = true;
        done();
        resolve(frame);
      }, () => undefined);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what} did not appear.`));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      page.off('frameattached', watch);
    };
    page.on('frameattached', watch);
    page.frames().forEach(watch);
  });
}

/** The frame of the open task form, once its Title field is there. */
export function formFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  return webviewFrame(page, (frame) => frame.getByLabel('Title', { exact: true }), 'The task form', timeoutMs);
}

/** The Explorer's (and the editor's) right-click item that opens the review. */
export const REVIEW_ITEM = 'Create Tasks from TODOs…';

let folderCount = 0;

/** A new folder under `src/` with `files` files of `perFile` TODOs each; their titles, by file. */
export function writeTodoFolder(e2e: E2E, stem: string, files: number, perFile: number): { name: string; titles: string[]; paths: string[] } {
  const name = `${stem}-${++folderCount}`;
  const dir = join(e2e.folder, 'src', name);
  mkdirSync(dir, { recursive: true });
  const titles: string[] = [];
  const paths: string[] = [];
  for (let f = 0; f < files; f++) {
    const lines = ['export function work(): number {'];
    for (let t = 0; t < perFile; t++) {
      const title = uniqueTitle(`${stem} item ${f}.${t}`);
      titles.push(title);
      lines.push(`  // TODO: ${title}`, `  const step${t} = ${t};`);
    }
    lines.push('  return 0;', '}', '');
    const path = join(dir, `part${f}.ts`);
    writeFileSync(path, lines.join('\n'));
    paths.push(path);
  }
  return { name, titles, paths };
}

/** The Explorer's row for `label` under `src` (expanded first). */
export async function explorerRow(page: Page, label: string) {
  await page.keyboard.press('Control+Shift+E');
  const row = (text: string) =>
    page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  await row('src').waitFor();
  if ((await row('src').getAttribute('aria-expanded')) === 'false') await row('src').click();
  await row(label).waitFor();
  return row(label);
}

/** Opens the review of a folder from the Explorer's right-click menu, and returns its page's frame. */
export async function reviewFolder(page: Page, folder: string): Promise<Frame> {
  const row = await explorerRow(page, folder);
  await row.click();
  await rightClickMenu(page, row);
  await menuItem(page, REVIEW_ITEM).waitFor();
  await menuItem(page, REVIEW_ITEM).hover();
  await page.locator('.context-view .action-item.focused', { hasText: REVIEW_ITEM }).waitFor();
  await page.keyboard.press('Enter');
  return reviewFrame(page);
}

/** The frame of the open "Create Tallyfy tasks" review, once its page shows. */
export function reviewFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  return webviewFrame(page, (frame) => frame.getByRole('heading', { name: 'Create Tallyfy tasks' }), 'The review', timeoutMs);
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
    await signInItem(e2e.page).waitFor({ timeout: 60_000 });
    await setup?.(e2e);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(e2e.page, this.currentTest.fullTitle());
    }
    try {
      await resetWindow(e2e.page);
    } catch (error) {
      // What stood in the way (a dialog nobody expected?), for the failure report.
      await screenshot(e2e.page, `reset after ${this.currentTest?.fullTitle() ?? 'a test'}`);
      const dialog = e2e.page.locator('.monaco-dialog-box');
      const text = (await dialog.count()) > 0 ? await dialog.first().innerText().catch(() => '') : '';
      throw new Error(`Could not leave the window clean${text ? ` (a dialog was open: "${text.replace(/\s+/g, ' ').trim()}")` : ''}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  after(async () => {
    await e2e.close?.();
  });
  return e2e;
}

/** The title of the quick create's input box. */
export const QUICK_CREATE_TITLE = 'New Tallyfy task';

/** The quick create's title box. */
export function quickCreateBox(page: Page): Locator {
  return page
    .locator('.quick-input-widget')
    .filter({ has: page.locator('.quick-input-title', { hasText: QUICK_CREATE_TITLE }) })
    .locator('input:not([type="password"])');
}

/**
 * Right-clicks a TODO line, chooses "Create Tallyfy Task from TODO" (with `tallyfy.createOpens` set to
 * "quick") and returns the quick create's title box once it is shown.
 */
export async function quickCreateFromMenu(page: Page, lineText: string): Promise<Locator> {
  const box = quickCreateBox(page);
  await chooseFromContextMenu(page, editorLine(page, lineText), 'Create Tallyfy Task from TODO', box);
  return box;
}
