import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { parseStoredReview, reviewRows, type BulkDefaults, type StoredReview } from '../../core/bulk';
import { instantToLocal } from '../../core/zone';
import { reconcileWithRecords } from './reconcile';
import { ReviewPanel, STORE_PREFIX, type ReviewDeps } from './reviewPanel';
import type { RunDeps } from './createRun';
import { scanScope, scopeLabel, type ReviewScope } from './scan';

/** The open reviews, and what brings them back after a reload. */
export class ReviewPanels implements vscode.Disposable {
  private readonly open = new Set<ReviewPanel>();

  constructor(private readonly deps: ReviewDeps) {}

  /** Brings back a review after a window reload (VS Code's panel serializer, registered at start-up). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const { deps } = this;
    const id = state !== null && typeof state === 'object' ? (state as { reviewId?: unknown }).reviewId : undefined;
    const stored = typeof id === 'string'
      ? parseStoredReview(deps.workspaceState.get(STORE_PREFIX + id), vscode.l10n.t('The window closed while this task was being sent: it may exist. Check for it before creating it again.'))
      : undefined;
    if (stored === undefined) {
      panel.dispose();
      return;
    }
    // The review is kept every half second, the task records at once: a task created since the
    // review was last kept is known by its record, and its row is not offered again.
    const records = await deps.tasks.records.all();
    this.track(new ReviewPanel(deps, { ...stored, rows: await reconcileWithRecords(stored.rows, records) }, panel));
  }

  /**
   * Opens the review of a scope: the panel at once, its rows once the scan is over (the page loads
   * meanwhile, so the two waits overlap).
   */
  async show(scope: ReviewScope): Promise<void> {
    const started = performance.now();
    const { tasks, settings, todos, log } = this.deps;
    const review: StoredReview = { id: randomBytes(8).toString('hex'), scope: scopeLabel(scope), rows: [], defaults: defaultsFor(this.deps) };
    const panel = new ReviewPanel(this.deps, review, undefined, true);
    this.track(panel);
    const source = new vscode.CancellationTokenSource();
    panel.onDidDispose(() => source.cancel());
    try {
      const scan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Finding TODOs…') }, () =>
        scanScope(scope, settings, todos, source.token),
      );
      log.info(
        `Create Tasks from TODOs: ${scan.todos.length} TODOs in ${scan.files} files scanned in ${(performance.now() - started).toFixed(0)} ms` +
          (scan.listMs === undefined ? '.' : ` (listing the files ${scan.listMs.toFixed(0)} ms).`),
      );
      panel.scanned(reviewRows(scan.todos, tasks.createdTasks().map((record) => record.title)));
    } catch (error) {
      panel.dispose();
      throw error;
    } finally {
      source.dispose();
    }
    void panel.flagRecentTallyfyTitles();
  }

  private track(panel: ReviewPanel): void {
    this.open.add(panel);
    panel.onDidDispose(() => this.open.delete(panel));
  }

  dispose(): void {
    for (const panel of [...this.open]) panel.dispose();
  }
}

function defaultsFor(deps: RunDeps): BulkDefaults {
  return { deadline: instantToLocal(deps.tasks.defaultDeadline(), deps.tasks.userZone()).date, taskType: 'task', tags: [] };
}
