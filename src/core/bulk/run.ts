// Creating the checked rows' tasks: at most four requests at once, a shared pause when Tallyfy answers
// 429, and every row's outcome kept. A create whose outcome is unknown is never sent again from here.
import { isTallyfyError } from '../tallyfy/errors';
import type { Sleep } from '../tallyfy/http';
import { CancelledError, Limiter } from '../tasks/limiter';
import type { RowState } from './review';

/** Requests in flight at once: the refresh's budget, well under Tallyfy's 600 a minute. */
export const BULK_CONCURRENCY = 4;

/**
 * Thrown by `BulkWork.create` instead of sending when the TODO already carries a reference (another
 * window, or the user, linked it since the review was made): the row is linked, nothing is sent.
 */
export class AlreadyLinked extends Error {
  override readonly name = 'AlreadyLinked';
  constructor(readonly taskId: string) {
    super(`The TODO is linked to task ${taskId} already.`);
  }
}

/** What the editor does for one row. */
export interface BulkWork {
  /**
   * Sends the create; resolves with the task's id once it exists. Throws AlreadyLinked instead when the
   * TODO has a reference now, and a failure of its own (sent nothing) when the TODO is gone.
   */
  create(key: string): Promise<string>;
  /** Writes the reference into the TODO; whether it was written. A failure here is the TODO's, not the task's. */
  link(key: string, taskId: string): Promise<boolean>;
  /**
   * After an outcome-unknown error: whether Tallyfy shows the task was not created (then the row may be
   * sent again by the user), or it is still unknown. Defaults to unknown.
   */
  settleUnknown?(key: string, error: unknown): Promise<'not-created' | 'unknown'>;
  /** The message a row shows for a failure, in the user's language. */
  describe(error: unknown): string;
}

export interface BulkRunOptions {
  readonly concurrency?: number;
  /** Times a 429 that got past the client pauses the run before its row fails. Default 5. */
  readonly maxRateLimitPauses?: number;
  /** A longer Retry-After fails the row instead of waiting. Default 60. */
  readonly maxRateLimitWaitSeconds?: number;
  /** The pause when a 429 carries no Retry-After. Default 5. */
  readonly defaultRateLimitWaitSeconds?: number;
  readonly sleep?: Sleep;
  /** Every change of a row's state. */
  readonly onRow: (key: string, state: RowState) => void;
  /** Once per row, when it is over (created and linked, failed, unknown, or back to ready). */
  readonly onSettled?: (key: string) => void;
}

export type BulkRunEnd =
  | { readonly kind: 'done' }
  | { readonly kind: 'cancelled' }
  /** Signed out, unauthorized or the session changed: the rows not sent are failed with this message. */
  | { readonly kind: 'stopped'; readonly message: string };

/** Whether an error ends the whole run (no other request can succeed either). */
function stopsTheRun(error: unknown): boolean {
  return isTallyfyError(error, 'unauthorized') || isTallyfyError(error, 'signed-out');
}

/**
 * One run over a set of rows. `cancel()` sends nothing more (requests in flight finish and are kept);
 * `stop(message)` does the same and fails the rows not sent with the message.
 */
export class BulkRun {
  private readonly controller = new AbortController();
  private stopped: string | undefined;
  private cancelled = false;
  private readonly limiter: Limiter;
  private pauses = 0;
  /** Requests sent, 429s and resends included. */
  sent = 0;

  constructor(
    private readonly work: BulkWork,
    private readonly options: BulkRunOptions,
  ) {
    this.limiter = new Limiter(options.concurrency ?? BULK_CONCURRENCY, {
      signal: this.controller.signal,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
  }

  /** Sends nothing more; the rows not sent go back to ready. */
  cancel(): void {
    this.cancelled = true;
    this.controller.abort();
  }

  /** Sends nothing more; the rows not sent fail with `message`. */
  stop(message: string): void {
    this.stopped ??= message;
    this.controller.abort();
  }

  get isOver(): boolean {
    return this.controller.signal.aborted;
  }

  async start(keys: readonly string[]): Promise<BulkRunEnd> {
    for (const key of keys) this.options.onRow(key, { kind: 'queued' });
    await Promise.all(keys.map((key) => this.row(key)));
    if (this.stopped !== undefined) return { kind: 'stopped', message: this.stopped };
    return this.cancelled ? { kind: 'cancelled' } : { kind: 'done' };
  }

  private async row(key: string): Promise<void> {
    await this.settle(key);
    this.options.onSettled?.(key);
  }

  private async settle(key: string): Promise<void> {
    const { onRow } = this.options;
    let taskId: string;
    try {
      taskId = await this.send(key);
    } catch (error) {
      if (error instanceof CancelledError) {
        onRow(key, this.stopped !== undefined ? { kind: 'failed', message: this.stopped } : { kind: 'ready' });
      } else if (error instanceof AlreadyLinked) {
        onRow(key, { kind: 'linked', taskId: error.taskId });
      } else if (isTallyfyError(error, 'outcome-unknown')) {
        const settled = await (this.work.settleUnknown?.(key, error) ?? Promise.resolve('unknown' as const)).catch(() => 'unknown' as const);
        onRow(key, { kind: settled === 'not-created' ? 'failed' : 'unknown', message: this.work.describe(error) });
      } else {
        onRow(key, { kind: 'failed', message: this.work.describe(error) });
      }
      return;
    }
    onRow(key, { kind: 'created', taskId, written: false });
    const written = await this.work.link(key, taskId).catch(() => false);
    onRow(key, { kind: 'created', taskId, written });
  }

  /** The create, through the limiter; sent again only after a 429 (Tallyfy refused it: nothing was made). */
  private async send(key: string): Promise<string> {
    const maxPauses = this.options.maxRateLimitPauses ?? 5;
    const maxWait = this.options.maxRateLimitWaitSeconds ?? 60;
    for (;;) {
      let pausesAtSend = 0;
      try {
        return await this.limiter.run(async () => {
          if (this.isOver) throw new CancelledError();
          pausesAtSend = this.limiter.pauses;
          this.options.onRow(key, { kind: 'creating' });
          this.sent++;
          try {
            return await this.work.create(key);
          } catch (error) {
            // Stopped before the slot is handed over, so no other row is sent after it.
            if (stopsTheRun(error)) this.stop(this.work.describe(error));
            throw error;
          }
        });
      } catch (error) {
        if (!isTallyfyError(error, 'rate-limited')) throw error;
        const wait = error.retryAfterSeconds ?? this.options.defaultRateLimitWaitSeconds ?? 5;
        if (wait > maxWait) throw error;
        if (this.limiter.pauses === pausesAtSend) {
          // A new pause; requests sent before it that hit the same wave just wait for it.
          if (this.pauses >= maxPauses) throw error;
          this.pauses++;
          this.limiter.pauseFor(Math.ceil(wait * 1000));
        }
        if (this.isOver) throw new CancelledError();
        this.options.onRow(key, { kind: 'queued' });
      }
    }
  }
}
