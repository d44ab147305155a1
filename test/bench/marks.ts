// Timing a webview page in the real workbench: when the page set a `performance.mark`, on the machine's
// clock (the page's time origin plus the mark's time), which this process shares, so polling for it adds
// nothing to the figure; and the trivial reference webview (a fixture extension: one labelled input, the
// extension's CSP, an external script and style sheet) that benchmarks open beside the extension's pages.
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/codeServer';
import { paletteRow, webviewFrame } from '../e2e/workbench';

/** The reference webview's extension folder, for `startE2E({ moreExtensions })`. */
export const REFERENCE_WEBVIEW = join(REPO_ROOT, 'test', 'fixtures', 'reference-webview');
const REFERENCE_MARK = 'reference:ready';

export async function markedAt(frame: Frame, mark: string): Promise<number> {
  const at = await frame.waitForFunction(
    (name) => {
      const entry = performance.getEntriesByName(name)[0];
      return entry === undefined ? undefined : performance.timeOrigin + entry.startTime;
    },
    mark,
    { timeout: 30_000 },
  );
  return (await at.jsonValue()) as number;
}

/** The ms from `started` until the page of the frame showing `content` sets `mark`. */
export async function msUntilMark(page: Page, started: number, content: (frame: Frame) => Locator, mark: string, what: string): Promise<number> {
  const frame = await webviewFrame(page, content, what);
  return Math.round((await markedAt(frame, mark)) - started);
}

/** Chooses `command` in the palette; the ms until its page (the frame showing `content`) sets `mark`. */
export async function timeToMark(page: Page, command: string, content: (frame: Frame) => Locator, mark: string): Promise<number> {
  const row = await paletteRow(page, command);
  const started = Date.now();
  await row.click();
  return msUntilMark(page, started, content, mark, command);
}

/** Opens the reference webview from the palette: the ms until it shows. */
export function openReference(page: Page): Promise<number> {
  return timeToMark(page, 'Reference: Open Reference Webview', (frame) => frame.getByLabel('Reference input'), REFERENCE_MARK);
}
