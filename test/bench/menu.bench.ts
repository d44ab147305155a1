// The right-click create, timed in the real workbench: from choosing "Create Tallyfy Task from TODO" in the
// editor's context menu to the quick create's box on screen, on a freshly loaded window and then warm; and
// whether the menu offers the item when a TODO line is right-clicked while the cursor is elsewhere.
import type { Page } from 'playwright-core';
import { openWorkbench, startCodeServer } from '../harness/codeServer';
import { ensureHarness } from '../harness/install';
import { copyFixtureWorkspace } from '../harness/workspace';
import { QUICK_CREATE_TITLE, editorLine, menuItem, openFile, openMenuWith, quickCreateBox, rightClickMenu, signInItem } from '../e2e/workbench';
import { startSandbox } from '../sandbox/server';
import { loggedTimes } from './logs';

const WARM_RUNS = 8;
const TODO_LINE = 'TODO: Prepare the Q3 report';
const ITEM = 'Create Tallyfy Task from TODO';

export interface MenuBench {
  /** Enter on the focused menu item → the box is visible, per window load (the first after the load). */
  readonly fresh: number[];
  /** The same on a warm window. */
  readonly warm: number[];
  /** The extension's part (command → box shown), as it logged it. */
  readonly extension: number[];
  /** Direct right-clicks on the TODO line with the cursor on another line, and how many offered the item. */
  readonly direct: { tries: number; offered: number };
}

/**
 * Presses Enter on the focused menu item and resolves with the milliseconds until the box is in the DOM and
 * visible, timed by the page itself (a MutationObserver armed before the key goes down).
 */
async function timeToBox(page: Page): Promise<number> {
  // Given as source text: the page runs it as written (a bundler's helpers do not exist there). It ends
  // in `undefined`: evaluating to the promise would wait for it here, before the key is pressed.
  await page.evaluate(`window.boxShown = new Promise((resolve) => {
    const started = performance.now();
    const observer = new MutationObserver(() => {
      const shown = [...document.querySelectorAll('.quick-input-widget')].some(
        (el) => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none' && (el.querySelector('.quick-input-title')?.textContent ?? '').includes(${JSON.stringify(QUICK_CREATE_TITLE)}),
      );
      if (shown) {
        observer.disconnect();
        resolve(performance.now() - started);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }), undefined`);
  await page.keyboard.press('Enter');
  await quickCreateBox(page).waitFor({ state: 'visible', timeout: 30_000 });
  return page.evaluate('window.boxShown') as Promise<number>;
}

async function oneWindow(fresh: boolean, times: number[], direct: { tries: number; offered: number }): Promise<number[]> {
  const harness = ensureHarness();
  const sandbox = await startSandbox();
  const server = await startCodeServer(harness, {
    settings: { 'tallyfy.apiBaseUrl': sandbox.url, 'tallyfy.organizationId': sandbox.orgId, 'tallyfy.createOpens': 'quick' },
  });
  const workspace = copyFixtureWorkspace();
  try {
    const workbench = await openWorkbench(server, harness, { folder: workspace.folder });
    const page = workbench.page;
    await signInItem(page).waitFor({ timeout: 60_000 });
    await openFile(page, 'report.ts');
    for (let i = 0; i < (fresh ? 1 : WARM_RUNS); i++) {
      if (!fresh) {
        // With the cursor on another line, one right-click on the TODO: is the item there?
        await editorLine(page, "return 'draft'").click();
        await rightClickMenu(page, editorLine(page, TODO_LINE));
        direct.tries++;
        if ((await menuItem(page, ITEM).count()) > 0) direct.offered++;
        await page.keyboard.press('Escape');
      }
      await openMenuWith(page, editorLine(page, TODO_LINE), ITEM);
      times.push(Math.round(await timeToBox(page)));
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
    await workbench.close();
    return loggedTimes(server.userDataDir, /Quick create box shown/);
  } finally {
    await server.stop();
    await sandbox.close();
    workspace.remove();
  }
}

export async function runMenuBench(freshWindows = 3): Promise<MenuBench> {
  const fresh: number[] = [];
  const warm: number[] = [];
  const extension: number[] = [];
  const direct = { tries: 0, offered: 0 };
  for (let i = 0; i < freshWindows; i++) extension.push(...(await oneWindow(true, fresh, direct)));
  extension.push(...(await oneWindow(false, warm, direct)));
  return { fresh, warm, extension, direct };
}
