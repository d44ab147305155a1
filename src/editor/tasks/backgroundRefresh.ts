// When a view's background refresh runs: when the window regains focus and every
// `tallyfy.autoRefreshMinutes`, one run at a time, within the request budget of an AutoRefreshPolicy
// (a share of Tallyfy's rate limit per minute, a cap per run, back-off after a 429). The view says what
// a run does; the Tasks view and "Assigned to Me" each keep a policy of their own on these rules.
import * as vscode from 'vscode';
import { AutoRefreshPolicy, type RunOutcome } from '../../core/tasks/autoRefresh';
import type { SettingsReader } from '../settings';

export interface BackgroundRefresh {
  /** Whether a run may start now (signed in, say); a run that may not waits for the next turn. */
  ready(): boolean;
  /** One run within `budget` requests: what it sent, and whether it was rate limited. It never throws. */
  run(budget: number): Promise<RunOutcome>;
}

export function scheduleBackgroundRefresh(settings: SettingsReader, refresh: BackgroundRefresh): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let policy: AutoRefreshPolicy | undefined;
  const makePolicy = (): AutoRefreshPolicy | undefined => {
    const minutes = settings.get('autoRefreshMinutes');
    return minutes > 0 ? new AutoRefreshPolicy({ intervalMs: minutes * 60_000, startDue: false }) : undefined;
  };
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = policy === undefined ? undefined : setTimeout(() => void run(), Math.max(1000, policy.delayMs()));
  };
  const run = async (): Promise<void> => {
    if (policy === undefined || running || !refresh.ready() || !policy.isDue()) {
      schedule();
      return;
    }
    running = true;
    try {
      policy.recordRun(await refresh.run(policy.budget()));
    } finally {
      running = false;
      schedule();
    }
  };
  policy = makePolicy();
  schedule();
  return vscode.Disposable.from(
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused && policy !== undefined) {
        policy.runSoon();
        void run();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tallyfy.autoRefreshMinutes')) {
        policy = makePolicy();
        schedule();
      }
    }),
    { dispose: () => timer !== undefined && clearTimeout(timer) },
  );
}
