// After a create whose outcome is unknown: the one-off tasks with that title created since shortly before
// the attempt, so the user can pick the one Tallyfy made instead of creating it twice. The answer does not
// depend on an order Tallyfy does not promise: the list is filtered by creation day and asked newest first
// (both documented), read page by page until past the attempt, and said to be incomplete when it is.
import type { ListTasksOptions, Page } from '../tallyfy/client';
import { lastPageOf, type Task } from '../tallyfy/schema';
import { timeOf } from './status';

/** The part of the API client the search needs (`TallyfyClient` fits). */
export interface CreatedTaskReader {
  listTasks(orgId: string, options: ListTasksOptions): Promise<Pick<Page<Task>, 'items' | 'pagination'>>;
}

export interface PossiblyCreated {
  /** Tasks with the title, newest first. */
  readonly tasks: Task[];
  /** Every task created since shortly before the attempt was read: an empty list means none was made. */
  readonly complete: boolean;
  /** Tasks read (of every title). */
  readonly read: number;
}

export interface PossiblyCreatedOptions {
  readonly signal?: AbortSignal | undefined;
  readonly now?: Date;
  /** Most list pages read. Default 20. */
  readonly maxPages?: number;
}

const PER_PAGE = 100;
const DEFAULT_MAX_PAGES = 20;
/** How far before the attempt a task may say it was created (clocks of the host and Tallyfy differ). */
const CLOCK_MARGIN_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export async function findPossiblyCreated(
  reader: CreatedTaskReader,
  orgId: string,
  title: string,
  attemptedAt: Date,
  options: PossiblyCreatedOptions = {},
): Promise<PossiblyCreated> {
  const since = attemptedAt.getTime() - CLOCK_MARGIN_MS;
  const now = (options.now ?? new Date()).getTime();
  // Days as Tallyfy counts them may be another zone's: a day more on each side.
  const createdBetween = { from: utcDay(since - DAY_MS), to: utcDay(Math.max(now, since) + DAY_MS) };
  const wanted = title.trim();
  const found = new Map<string, Task>();
  const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
  let complete = false;
  let pages = 0;
  let read = 0;
  while (pages < maxPages && !complete) {
    pages++;
    const answer = await reader.listTasks(orgId, { isOneoff: true, createdBetween, sort: 'newest', page: pages, perPage: PER_PAGE, signal: options.signal });
    read += answer.items.length;
    for (const task of answer.items) {
      const created = timeOf(task.createdAt);
      if (task.title.trim() === wanted && (created === undefined || created >= since)) found.set(task.id, task);
    }
    complete = isLastPage(answer, pages) || passedTheAttempt(answer.items, since);
  }
  const tasks = [...found.values()].sort((a, b) => (timeOf(b.createdAt) ?? Infinity) - (timeOf(a.createdAt) ?? Infinity));
  return { tasks, complete, read };
}

function isLastPage(answer: Pick<Page<Task>, 'items' | 'pagination'>, page: number): boolean {
  if (answer.items.length === 0) return true;
  const last = lastPageOf(answer.pagination, PER_PAGE);
  if (last !== undefined) return page >= last;
  return answer.pagination?.hasNextLink !== true && answer.items.length < PER_PAGE;
}

/** The page is newest first (so `sort` was honoured) and reaches back before the attempt. */
function passedTheAttempt(items: readonly Task[], since: number): boolean {
  const times = items.map((task) => timeOf(task.createdAt));
  if (times.some((t) => t === undefined)) return false;
  const known = times as number[];
  const descending = known.every((t, i) => i === 0 || t <= known[i - 1]!);
  return descending && known.length > 0 && known[known.length - 1]! < since;
}
