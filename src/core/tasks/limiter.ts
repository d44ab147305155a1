// At most N operations at a time, first come first served, with a shared pause (after a 429 every new
// request waits) and cancellation of waiters.
import { defaultSleep, type Sleep } from '../tallyfy/http';

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('Cancelled.');
  }
}

export interface LimiterOptions {
  /** Aborting it rejects every waiting and future operation with CancelledError. */
  readonly signal?: AbortSignal | undefined;
  readonly sleep?: Sleep;
  readonly now?: () => number;
}

export class Limiter {
  readonly max: number;
  private active = 0;
  private highest = 0;
  private pausedUntil = 0;
  private pauseCount = 0;
  private readonly queue: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private readonly signal: AbortSignal | undefined;
  private readonly sleep: Sleep;
  private readonly now: () => number;

  constructor(max: number, options: LimiterOptions = {}) {
    this.max = Math.max(1, Math.floor(max));
    this.signal = options.signal;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    // One listener for every waiter (not one each, which would trip Node's listener warning).
    this.signal?.addEventListener(
      'abort',
      () => {
        for (const waiter of this.queue.splice(0)) waiter.reject(new CancelledError());
      },
      { once: true },
    );
  }

  /** Operations running now. */
  get running(): number {
    return this.active;
  }

  /** The most operations that ran at once. */
  get peak(): number {
    return this.highest;
  }

  /** No new operation starts before `ms` from now (an existing longer pause stays). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(0, ms));
    this.pauseCount++;
  }

  /** How many pauses were asked for so far: an operation started before a pause can tell it is over. */
  get pauses(): number {
    return this.pauseCount;
  }

  /** Runs `operation` when a slot is free and no pause is pending. Rejects with CancelledError on abort. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await operation();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    const signal = this.signal;
    if (signal?.aborted) throw new CancelledError();
    if (this.active < this.max && this.queue.length === 0) this.active++;
    // Otherwise wait: a finishing operation hands its slot over (see release).
    else await new Promise<void>((resolve, reject) => this.queue.push({ resolve, reject }));
    try {
      // Sleep out the pause; again only if it was extended meanwhile.
      let until = this.pausedUntil;
      while (until > this.now()) {
        await this.sleep(until - this.now(), signal);
        if (this.pausedUntil <= until) break;
        until = this.pausedUntil;
      }
      if (signal?.aborted) throw new CancelledError();
    } catch {
      this.release();
      throw new CancelledError();
    }
    this.highest = Math.max(this.highest, this.active);
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next.resolve();
    else this.active--;
  }
}
