// Bringing task records up to date with Tallyfy, cheaply: per (API base URL, organization) read the
// one-off task list a page of 100 at a time, and ask for single tasks only for the records the pages
// did not hold (completed tasks filtered out, archived or deleted ones). A 404 marks a record deleted;
// nothing is dropped. At most 4 requests are in flight; a 429 that gets past the client's own retries
// pauses every request for its Retry-After, a bounded number of times.
import type { AssigneeNames } from '../records/fromTask';
import { answerFor, mergeAnswer, type TaskAnswer } from '../records/merge';
import type { TaskRecord } from '../records/record';
import { isTallyfyError, TallyfyError, type TallyfyErrorKind } from '../tallyfy/errors';
import type { Sleep } from '../tallyfy/http';
import { lastPageOf, type Pagination, type Task } from '../tallyfy/schema';
import { CancelledError, Limiter } from './limiter';
import { isOpen, timeOf } from './status';

/** The part of the API client a refresh needs (`TallyfyClient` fits). */
export interface TaskReader {
  listTasks(
    orgId: string,
    options: { readonly isOneoff?: boolean; readonly page?: number; readonly perPage?: number; readonly signal?: AbortSignal | undefined },
  ): Promise<{ readonly items: readonly Task[]; readonly pagination?: Pagination | undefined }>;
  getTask(orgId: string, taskId: string, options?: { readonly runId?: string | undefined; readonly signal?: AbortSignal | undefined }): Promise<Task>;
}

export interface RefreshProgress {
  /** Records settled so far (updated, marked deleted, or failed). */
  readonly done: number;
  readonly total: number;
}

export type RefreshMode = 'full' | 'background';

export interface RefreshOptions {
  /** The client for an API base URL (records remember the one they were created against). */
  readonly clientFor: (baseUrl: string) => TaskReader;
  /**
   * `full` (default): every record that is not deleted. `background`: only open records, no waiting
   * after a 429 (the run stops and reports it, see {@link AutoRefreshPolicy}).
   */
  readonly mode?: RefreshMode;
  /** Most requests this run may send, retries included. Default: no limit. */
  readonly requestBudget?: number | undefined;
  /** Requests in flight at once, overall. Default 4. */
  readonly concurrency?: number;
  /** Tasks per list page. Default 100 (the API's maximum). */
  readonly perPage?: number;
  /** Most list pages per organization. Default 200. */
  readonly maxPagesPerOrg?: number;
  /** Also look for records marked deleted with single requests (default false; they are revived for free when a list page holds them). */
  readonly includeDeleted?: boolean;
  /**
   * How many times a 429 that got past the client pauses the run (then the requests are sent again).
   * Default 3 (`full`), 0 (`background`).
   */
  readonly maxRateLimitPauses?: number;
  /** Longest pause for a 429, in seconds; a longer Retry-After stops the run instead. Default 60. */
  readonly maxRateLimitWaitSeconds?: number;
  /** Pause when a 429 carries no Retry-After, in seconds. Default 5. */
  readonly defaultRateLimitWaitSeconds?: number;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: (progress: RefreshProgress) => void;
  /** Names for assignees the answers carry only as ids. */
  readonly names?: AssigneeNames;
  readonly now?: () => Date;
  /** Waits for 429 pauses (tests pass a fake). */
  readonly sleep?: Sleep;
}

export interface RefreshFailure {
  readonly id: string;
  readonly orgId: string;
  readonly baseUrl: string;
  readonly kind: TallyfyErrorKind | 'error';
  /** A short message for the log (in English: the editor words what it shows from `error`). */
  readonly reason: string;
  /** The failure itself, for the editor to describe in the user's language. */
  readonly error: unknown;
}

export interface RefreshRequests {
  /** List pages asked for, resent ones included. */
  readonly pages: number;
  /** Single-task requests, resent ones included. */
  readonly gets: number;
  /** Requests sent again after a 429 pause (part of `pages` and `gets`). */
  readonly resent: number;
  readonly total: number;
  /** Pauses for a 429 (every request waited them out). */
  readonly pauses: number;
}

export interface RefreshSummary {
  /** Records this run meant to bring up to date. */
  readonly total: number;
  /** Of `total`: refreshed from an answer (whether or not anything changed). */
  readonly updated: number;
  /** Of `total`: marked deleted after a 404. */
  readonly deleted: number;
  /**
   * Records outside `total` (deleted ones; closed ones in background runs) that a list page happened
   * to hold, refreshed at no cost.
   */
  readonly alsoRefreshed: number;
  /** Of `alsoRefreshed`: records marked deleted that exist again. */
  readonly revived: number;
  readonly failed: readonly RefreshFailure[];
  /** Not attempted: the run was cancelled or ran out of budget. */
  readonly skipped: number;
  /**
   * Requests this module sent. The client retries a short 429 by itself and those tries are not seen
   * here; a 429 it gives up on is (and counts in `resent` when sent again).
   */
  readonly requests: RefreshRequests;
  /** A 429 got past the client at least once. */
  readonly rateLimited: boolean;
  /** The largest Retry-After seen with such a 429, in seconds. */
  readonly retryAfterSeconds: number | undefined;
  readonly cancelled: boolean;
  readonly budgetExhausted: boolean;
}

export interface RefreshResult {
  /**
   * Tallyfy's answers, to merge into the records as they are when stored (`RecordStore.merge`): never
   * store the records given, which may have changed while the refresh ran.
   */
  readonly answers: TaskAnswer[];
  /** Every record given, in the same order, with the answers merged in (what the run found). */
  readonly records: TaskRecord[];
  readonly summary: RefreshSummary;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_PER_PAGE = 100;
const DEFAULT_MAX_PAGES = 200;

interface Target {
  readonly key: string;
  readonly record: TaskRecord;
  /** Wanted by this run (else only refreshed when a page happens to hold it). */
  readonly wanted: boolean;
  settled: boolean;
}

interface Group {
  readonly baseUrl: string;
  readonly orgId: string;
  readonly reader: TaskReader | undefined;
  readonly readerError: unknown;
  /** Unsettled targets by task id. */
  readonly pending: Map<string, Target>;
  /** How many of `pending` are wanted. */
  wanted: number;
  /** Set when the group must stop (a fatal error, or the whole run halted). */
  stopped: boolean;
}

/** The request was not sent: its organization stopped meanwhile. */
const GROUP_STOPPED = Symbol('group stopped');

/** Stops the whole run (cancelled, out of budget, or rate limited beyond the bounds). */
class Halt extends Error {
  override readonly name = 'Halt';
  constructor(readonly why: 'cancelled' | 'budget' | 'rate-limited') {
    super(why);
  }
}

// Errors after which nothing more should be asked of this organization.
const GROUP_FATAL: ReadonlySet<string> = new Set(['signed-out', 'unauthorized', 'forbidden', 'configuration']);
// After a single-task request fails this way, the organization's other requests are not sent (a 403 on
// one task may be about that task alone).
const SINGLE_FATAL: ReadonlySet<string> = new Set(['signed-out', 'unauthorized', 'configuration', 'network', 'timeout']);
// A list request failing this way means the server is struggling: do not follow with one GET per task.
const NO_FALLBACK: ReadonlySet<string> = new Set(['network', 'timeout', 'server']);

function keyOf(record: TaskRecord): string {
  return `${record.baseUrl}\u0000${record.orgId}\u0000${record.id}`;
}

function describeError(error: unknown): { kind: TallyfyErrorKind | 'error'; reason: string } {
  if (isTallyfyError(error)) return { kind: error.kind, reason: error.message };
  return { kind: 'error', reason: error instanceof Error ? error.message : String(error) };
}

/** A 404 for the task itself (not an unknown endpoint, which would say nothing about the task). */
function isTaskGone(error: unknown): boolean {
  return isTallyfyError(error, 'not-found') && error.code !== 'ENDPOINT_NOT_FOUND';
}

/**
 * Refreshes `records` from Tallyfy. Never throws for API failures: they are in the summary. Resolves
 * promptly after `signal` aborts, with what was done so far.
 */
export async function refreshRecords(records: readonly TaskRecord[], options: RefreshOptions): Promise<RefreshResult> {
  const mode = options.mode ?? 'full';
  const now = options.now ?? (() => new Date());
  const perPage = Math.min(100, Math.max(1, Math.floor(options.perPage ?? DEFAULT_PER_PAGE)));
  const maxPages = Math.max(1, options.maxPagesPerOrg ?? DEFAULT_MAX_PAGES);
  const budget = options.requestBudget;
  const maxPauses = Math.max(0, options.maxRateLimitPauses ?? (mode === 'background' ? 0 : 3));
  const maxWaitSeconds = options.maxRateLimitWaitSeconds ?? 60;
  const defaultWaitSeconds = options.defaultRateLimitWaitSeconds ?? 5;
  const signal = options.signal;
  const limiter = new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY, {
    signal,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });

  // ---- What to refresh, grouped by (base URL, organization).
  const groups = new Map<string, Group>();
  const results = new Map<string, TaskAnswer>();
  const targets: Target[] = [];
  for (const record of records) {
    const key = keyOf(record);
    const wanted = mode === 'background' ? isOpen(record) : record.deleted !== true || options.includeDeleted === true;
    // The others ride along: a list page that holds one (a reopened task, a restored one) refreshes it
    // at no cost.
    const groupKey = `${record.baseUrl}\u0000${record.orgId}`;
    let group = groups.get(groupKey);
    if (group === undefined) {
      let reader: TaskReader | undefined;
      let readerError: unknown;
      try {
        reader = options.clientFor(record.baseUrl);
      } catch (error) {
        readerError = error;
      }
      group = { baseUrl: record.baseUrl, orgId: record.orgId, reader, readerError, pending: new Map(), wanted: 0, stopped: false };
      groups.set(groupKey, group);
    }
    if (group.pending.has(record.id)) continue;
    const target: Target = { key, record, wanted, settled: false };
    group.pending.set(record.id, target);
    if (wanted) {
      group.wanted++;
      targets.push(target);
    }
  }

  const total = targets.length;
  let done = 0;
  let updated = 0;
  let deleted = 0;
  let revived = 0;
  let alsoRefreshed = 0;
  const failed: RefreshFailure[] = [];
  let pages = 0;
  let gets = 0;
  let resent = 0;
  let pauses = 0;
  let rateLimited = false;
  let retryAfterSeconds: number | undefined;
  let halted: Halt | undefined;

  const report = (): void => {
    try {
      options.onProgress?.({ done, total });
    } catch {
      // A failing progress callback must not break the refresh.
    }
  };

  const settle = (group: Group, target: Target, outcome: { answer: TaskAnswer } | { failure: unknown }): void => {
    if (target.settled) return;
    target.settled = true;
    group.pending.delete(target.record.id);
    if (target.wanted) {
      group.wanted--;
      done++;
    }
    if ('answer' in outcome) {
      results.set(target.key, outcome.answer);
      const gone = outcome.answer.task === undefined;
      if (!target.wanted) {
        alsoRefreshed++;
        if (target.record.deleted === true && !gone) revived++;
      } else if (gone) deleted++;
      else updated++;
    } else if (target.wanted) {
      const { kind, reason } = describeError(outcome.failure);
      failed.push({ id: target.record.id, orgId: target.record.orgId, baseUrl: target.record.baseUrl, kind, reason, error: outcome.failure });
    }
  };

  const halt = (why: Halt['why']): Halt => {
    halted ??= new Halt(why);
    for (const group of groups.values()) group.stopped = true;
    return halted;
  };

  /**
   * One request through the limiter and the budget, sent again after a 429 pause while pauses remain.
   * Throws Halt when the run must stop, else the request's own error.
   */
  const request = async <T>(group: Group, kind: 'page' | 'get', send: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      if (halted) throw halted;
      if (signal?.aborted) throw halt('cancelled');
      let pauseAtSend = 0;
      try {
        return await limiter.run(async () => {
          if (halted) throw halted;
          if (group.stopped) throw GROUP_STOPPED;
          if (budget !== undefined && pages + gets >= budget) throw halt('budget');
          if (kind === 'page') pages++;
          else gets++;
          if (attempt > 0) resent++;
          pauseAtSend = limiter.pauses;
          return send();
        });
      } catch (error) {
        if (error instanceof Halt || error === GROUP_STOPPED) throw error;
        if (error instanceof CancelledError || signal?.aborted || isTallyfyError(error, 'cancelled')) throw halt('cancelled');
        if (!isTallyfyError(error, 'rate-limited')) throw error;
        rateLimited = true;
        const wait = error.retryAfterSeconds ?? defaultWaitSeconds;
        if (error.retryAfterSeconds !== undefined) retryAfterSeconds = Math.max(retryAfterSeconds ?? 0, error.retryAfterSeconds);
        if (wait > maxWaitSeconds) throw halt('rate-limited');
        if (limiter.pauses === pauseAtSend) {
          // A new pause. Requests sent before it that hit the same wave of 429s just join it.
          if (pauses >= maxPauses) throw halt('rate-limited');
          pauses++;
          limiter.pauseFor(Math.ceil(wait * 1000));
        }
        if (attempt >= maxPauses) throw halt('rate-limited');
      }
    }
  };

  const applyTask = (group: Group, task: Task, at: Date): number => {
    const target = group.pending.get(task.id);
    if (target === undefined) return 0;
    const wanted = target.wanted;
    settle(group, target, { answer: answerFor(target.record, task, { at, names: options.names }) });
    return wanted ? 1 : 0;
  };

  const failGroup = (group: Group, error: unknown): void => {
    group.stopped = true;
    for (const target of [...group.pending.values()]) if (target.wanted) settle(group, target, { failure: error });
  };

  /** Reads list pages while they are likely to save single requests; returns an error that stops the group. */
  const readPages = async (group: Group, reader: TaskReader): Promise<void> => {
    let next = 1;
    let lastPage: number | undefined;
    let morePages = true;
    let read = 0;
    let lastYield = 0;
    let pageError: unknown;
    const inFlight = new Set<Promise<void>>();

    const worthReading = (page: number): boolean => {
      if (group.stopped || halted || pageError !== undefined || group.wanted === 0) return false;
      if (read + inFlight.size >= maxPages) return false;
      if (page === 1) return group.wanted >= 2; // one record: its own GET costs the same as a page
      if (read === 0) return false; // page 1 first: it tells how many pages there are
      if (lastPage !== undefined) {
        if (page > lastPage) return false;
        // Reading every page left costs less than one GET per missing record, or pages are paying off.
        return group.wanted > lastPage - page + 1 || lastYield >= 2;
      }
      // Unknown length: one page at a time, following `links.next`.
      return inFlight.size === 0 && morePages && (lastYield >= 2 || read < group.wanted);
    };

    const readPage = async (page: number): Promise<void> => {
      try {
        const answer = await request(group, 'page', () => reader.listTasks(group.orgId, { isOneoff: true, page, perPage, signal }));
        read++;
        const at = now();
        let found = 0;
        for (const task of answer.items) found += applyTask(group, task, at);
        lastYield = found;
        lastPage ??= lastPageOf(answer.pagination, perPage);
        if (answer.items.length === 0 || (lastPage === undefined && answer.pagination?.hasNextLink !== true)) morePages = false;
        if (answer.items.length === 0 && lastPage !== undefined) lastPage = Math.min(lastPage, page - 1);
        report();
      } catch (error) {
        pageError ??= error;
      }
    };

    for (;;) {
      while (inFlight.size < limiter.max && worthReading(next)) {
        const promise = readPage(next++).finally(() => inFlight.delete(promise));
        inFlight.add(promise);
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }

    if (pageError !== undefined && !(pageError instanceof Halt) && pageError !== GROUP_STOPPED) {
      const kind = isTallyfyError(pageError) ? pageError.kind : 'error';
      if (GROUP_FATAL.has(kind) || NO_FALLBACK.has(kind)) failGroup(group, pageError);
      // Otherwise (an odd answer, an unknown endpoint…) single requests may still work.
    }
  };

  /** One GET per record the pages did not hold, stalest first. */
  const readSingles = async (group: Group, reader: TaskReader): Promise<void> => {
    const rest = [...group.pending.values()]
      .filter((target) => target.wanted)
      .sort((a, b) => (timeOf(a.record.lastSyncedAt) ?? 0) - (timeOf(b.record.lastSyncedAt) ?? 0));
    await Promise.all(
      rest.map(async (target) => {
        if (group.stopped || halted) return;
        try {
          const task = await request(group, 'get', () => reader.getTask(group.orgId, target.record.id, { runId: target.record.runId, signal }));
          settle(group, target, { answer: answerFor(target.record, task, { at: now(), names: options.names }) });
        } catch (error) {
          if (error instanceof Halt || error === GROUP_STOPPED) return;
          if (isTaskGone(error)) settle(group, target, { answer: answerFor(target.record, undefined, { at: now() }) });
          // A refused token, or no connection at all, will not get better for the next task.
          else if (isTallyfyError(error) && SINGLE_FATAL.has(error.kind)) failGroup(group, error);
          else settle(group, target, { failure: error });
        }
        report();
      }),
    );
  };

  report();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      if (group.wanted === 0) return;
      if (group.reader === undefined) {
        failGroup(group, group.readerError ?? new Error('No client for this API address.'));
        report();
        return;
      }
      await readPages(group, group.reader);
      if (!group.stopped && !halted) await readSingles(group, group.reader);
    }),
  );

  // Whatever is left was not attempted (cancelled or out of budget) or stopped by a 429.
  let skipped = 0;
  for (const target of targets) {
    if (target.settled) continue;
    if (halted?.why === 'rate-limited') {
      const group = groups.get(`${target.record.baseUrl}\u0000${target.record.orgId}`);
      if (group) settle(group, target, { failure: new TallyfyError('rate-limited', undefined, { retryAfterSeconds }) });
    } else skipped++;
  }
  if (halted?.why === 'rate-limited') report();

  const out = records.map((record) => {
    const answer = results.get(keyOf(record));
    return answer === undefined ? record : mergeAnswer(record, answer).record;
  });

  return {
    answers: [...results.values()],
    records: out,
    summary: {
      total,
      updated,
      deleted,
      alsoRefreshed,
      revived,
      failed,
      skipped,
      requests: { pages, gets, resent, total: pages + gets, pauses },
      rateLimited,
      retryAfterSeconds,
      cancelled: halted?.why === 'cancelled',
      budgetExhausted: halted?.why === 'budget',
    },
  };
}
