// A task's details and "Assigned to Me" in the real workbench. (1) The "Tallyfy task" panel, from the
// command (Enter on the task id it asks for) to the page showing the task's title, against the floor of
// a trivial webview (a fixture extension: one labelled input, the same CSP, an external script and style
// sheet) opened from the palette, alternately in the same window; both pages mark the moment they show.
// (2) What showing the first page of "Assigned to Me" costs once its answer arrives: the extension's time
// building the rows, and how soon VS Code asks for them (logged by the view).
import type { Page } from 'playwright-core';
import { DETAILS_READY_MARK } from '../../src/core/details/protocol';
import { ensureSignedIn, paletteRow, runCommand, signInItem, startE2E, type E2E } from '../e2e/workbench';
import { loggedMatches, median } from './logs';
import { msUntilMark, openReference, REFERENCE_WEBVIEW } from './marks';

const RUNS = 8;
const REFRESHES = 6;

export interface DetailsBench {
  readonly reference: number[];
  readonly details: number[];
  /** Logged by the view, for each answer of `me/tasks`: the extension's time building the rows, and when VS Code asked for them. */
  readonly assigned: ReadonlyArray<{ readonly buildMs: number; readonly askedMs: number }>;
}

async function openDetails(page: Page, taskId: string, title: string): Promise<number> {
  await (await paletteRow(page, 'Tallyfy: Show Task Details')).click();
  const box = page.locator('.quick-input-widget:visible input');
  await box.fill(taskId);
  const started = Date.now();
  await page.keyboard.press('Enter');
  return msUntilMark(page, started, (frame) => frame.getByRole('heading', { name: title }), DETAILS_READY_MARK, 'The task details');
}

async function measurePanels(e2e: E2E): Promise<{ reference: number[]; details: number[] }> {
  const task = e2e.sandbox.addTask({ title: 'Review the deployment checklist', summary: '<p>Before <b>Friday</b>.</p>' });
  e2e.sandbox.addComment(task.id, { content: 'Started on it.', authorId: 1002 });
  const reference: number[] = [];
  const details: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await runCommand(e2e.page, 'View: Close All Editor Groups');
    reference.push(await openReference(e2e.page));
    await runCommand(e2e.page, 'View: Close All Editor Groups');
    details.push(await openDetails(e2e.page, task.id, task.title));
  }
  await runCommand(e2e.page, 'View: Close All Editor Groups');
  return { reference, details };
}

async function measureAssigned(e2e: E2E): Promise<DetailsBench['assigned']> {
  for (let i = 0; i < 20; i++) e2e.sandbox.addTask({ title: `Assigned task ${i + 1}`, deadline: new Date(Date.now() + (i - 5) * 86_400_000).toISOString() });
  await runCommand(e2e.page, 'Tallyfy: Focus on Assigned to Me View');
  const logged = () =>
    loggedMatches(e2e.server.userDataDir, /built its rows in ([\d.]+) ms over \d+ asks; VS Code asked for them ([\d.]+) ms after the answer/g).map((m) => ({
      buildMs: Number(m[1]),
      askedMs: Number(m[2]),
    }));
  for (let i = 0; i < REFRESHES; i++) {
    const before = logged().length;
    await runCommand(e2e.page, 'Tallyfy: Refresh Assigned to Me');
    const deadline = Date.now() + 15_000;
    while (logged().length <= before && Date.now() < deadline) await e2e.page.waitForTimeout(100);
  }
  return logged();
}

export async function runDetailsBench(): Promise<DetailsBench> {
  const e2e = await startE2E({ moreExtensions: [REFERENCE_WEBVIEW] });
  try {
    await signInItem(e2e.page).waitFor({ timeout: 60_000 });
    await ensureSignedIn(e2e);
    const panels = await measurePanels(e2e);
    return { ...panels, assigned: await measureAssigned(e2e) };
  } finally {
    await e2e.close();
  }
}

export function printDetailsBench(bench: DetailsBench): void {
  const spread = (t: readonly number[]): string => `median ${Math.round(median(t) * 100) / 100} ms (${t.join(', ')})`;
  const later = (t: readonly number[]): number[] => t.slice(1);
  const ratio = median(later(bench.details)) / median(later(bench.reference));
  console.log(`trivial reference webview, palette → shown: ${spread(bench.reference)}`);
  console.log(`task details panel, command → title shown: ${spread(bench.details)}`);
  console.log(`  ratio details / reference (medians after the first of each): ${ratio.toFixed(2)}  (goal ≤ 1.15)`);
  const round = (t: number): number => Math.round(t * 100) / 100;
  console.log(
    `Assigned to Me, 20 tasks, refreshed from the palette (logged): the extension builds the rows in ${spread(bench.assigned.map((a) => round(a.buildMs)))}  (goal ≤ 50 ms)`,
  );
  console.log(`  VS Code asks for them after the answer (its refresh of the view, which the extension asks for at once): ${spread(bench.assigned.map((a) => Math.round(a.askedMs)))}`);
}
