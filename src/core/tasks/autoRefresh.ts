// When the background refresh may run and how many requests it may send: a fixed share of Tallyfy's
// 600 requests a minute per user (the user's browser and other tools share that limit), a cap per run,
// and back-off after a 429 (the interval doubles, up to a cap, and the next run waits at least the
// Retry-After). Pure, with the clock injected.

/** Tallyfy's documented limit per user. */
export const API_REQUESTS_PER_MINUTE = 600;

export interface AutoRefreshPolicyOptions {
  /** The usual time between runs (the `autoRefreshMinutes` setting); 0 or less disables runs. */
  readonly intervalMs: number;
  /** Longest interval after back-off. Default 8 × `intervalMs`, at least 1 hour. */
  readonly maxIntervalMs?: number;
  /** Most requests one run may send. Default 50. */
  readonly requestsPerRun?: number;
  /** Most requests in any minute, counting those reported with {@link AutoRefreshPolicy.recordRequests}. Default 120 (a fifth of the API's limit). */
  readonly requestsPerMinute?: number;
  /** Whether the first run is due at once (default) or after one interval. */
  readonly startDue?: boolean;
  readonly now?: () => number;
}

export interface RunOutcome {
  /** Requests the run sent. */
  readonly requests: number;
  /** A 429 reached the refresh. */
  readonly rateLimited: boolean;
  readonly retryAfterSeconds?: number | undefined;
}

const MINUTE = 60_000;

export class AutoRefreshPolicy {
  readonly baseIntervalMs: number;
  readonly maxIntervalMs: number;
  readonly requestsPerRun: number;
  readonly requestsPerMinute: number;
  private readonly now: () => number;
  private interval: number;
  private nextRunAt: number;
  /** Requests sent, by time, over the last minute. */
  private sent: Array<{ at: number; count: number }> = [];
  private backoffs = 0;

  constructor(options: AutoRefreshPolicyOptions) {
    this.now = options.now ?? Date.now;
    this.baseIntervalMs = Math.max(0, options.intervalMs);
    this.maxIntervalMs = Math.max(this.baseIntervalMs, options.maxIntervalMs ?? Math.max(8 * this.baseIntervalMs, 60 * MINUTE));
    this.requestsPerMinute = Math.max(1, Math.min(API_REQUESTS_PER_MINUTE, Math.floor(options.requestsPerMinute ?? 120)));
    this.requestsPerRun = Math.max(1, Math.min(this.requestsPerMinute, Math.floor(options.requestsPerRun ?? 50)));
    this.interval = this.baseIntervalMs;
    this.nextRunAt = options.startDue === false ? this.now() + this.interval : this.now();
  }

  get enabled(): boolean {
    return this.baseIntervalMs > 0;
  }

  /** The interval now in force (doubled after each rate-limited run, halved back after clean ones). */
  get intervalMs(): number {
    return this.interval;
  }

  /** Rate-limited runs in a row. */
  get consecutiveBackoffs(): number {
    return this.backoffs;
  }

  /** Requests counted over the last minute. */
  usedLastMinute(): number {
    this.prune();
    let total = 0;
    for (const entry of this.sent) total += entry.count;
    return total;
  }

  /** Requests a run starting now may send: the per-run cap, within what the minute has left. */
  budget(): number {
    return Math.max(0, Math.min(this.requestsPerRun, this.requestsPerMinute - this.usedLastMinute()));
  }

  /** Milliseconds until a run may start (0: now; Infinity: disabled). */
  delayMs(): number {
    if (!this.enabled) return Number.POSITIVE_INFINITY;
    const now = this.now();
    let wait = Math.max(0, this.nextRunAt - now);
    if (wait === 0 && this.budget() === 0) {
      // The minute's share is spent: wait until the oldest requests leave the window.
      const oldest = this.sent[0];
      wait = oldest === undefined ? 0 : Math.max(1, oldest.at + MINUTE - now);
    }
    return wait;
  }

  /** True when a run may start now (due, and some budget left). */
  isDue(): boolean {
    return this.delayMs() === 0;
  }

  /** After a run: counts its requests, backs off after a 429, and sets when the next run is due. */
  recordRun(outcome: RunOutcome): void {
    this.recordRequests(outcome.requests);
    const now = this.now();
    if (outcome.rateLimited) {
      this.backoffs++;
      this.interval = Math.min(this.maxIntervalMs, Math.max(1, this.interval) * 2);
      const retryAfterMs = Math.max(0, (outcome.retryAfterSeconds ?? 0) * 1000);
      this.nextRunAt = now + Math.max(this.interval, retryAfterMs);
    } else {
      this.backoffs = 0;
      this.interval = Math.max(this.baseIntervalMs, Math.floor(this.interval / 2));
      this.nextRunAt = now + this.interval;
    }
  }

  /** Requests sent outside background runs (a manual refresh, a create), so the minute's share holds. */
  recordRequests(count: number): void {
    if (count > 0) this.sent.push({ at: this.now(), count });
    this.prune();
  }

  /** Makes a run due now (e.g. after sign-in), keeping the back-off and the minute's count. */
  runSoon(): void {
    if (this.backoffs === 0) this.nextRunAt = Math.min(this.nextRunAt, this.now());
  }

  private prune(): void {
    const cutoff = this.now() - MINUTE;
    let drop = 0;
    while (drop < this.sent.length && (this.sent[drop]?.at ?? 0) <= cutoff) drop++;
    if (drop > 0) this.sent = this.sent.slice(drop);
  }
}
