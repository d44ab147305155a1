// "Assigned to Me": the signed-in user's open tasks, as far as the pages read so far go, grouped by
// where their deadlines stand (overdue, due within the next three days, later) and sorted by deadline.
// Grouping is done here from the deadlines, not by Tallyfy's status filter, whose spellings differ
// between its docs and its clients. Pure: the pages and the clock come in.
import { isOpen, timeOf, type TaskFacts } from '../tasks/status';

export type AssignedGroup = 'overdue' | 'dueSoon' | 'later';

/** The groups in the order the view shows them. */
export const ASSIGNED_GROUPS: readonly AssignedGroup[] = ['overdue', 'dueSoon', 'later'];

/** "Due soon": the deadline is within this many days from now. */
export const DUE_SOON_DAYS = 3;

const DAY = 86_400_000;

/** What the list needs of a task. */
export interface AssignedTask extends TaskFacts {
  readonly id: string;
  readonly title: string;
}

/** Where a deadline stands at `now`: past it, within the next DUE_SOON_DAYS days, or later (or none). */
export function groupOf(deadline: string | undefined, now: number): AssignedGroup {
  const at = timeOf(deadline);
  if (at === undefined) return 'later';
  if (at < now) return 'overdue';
  return at - now <= DUE_SOON_DAYS * DAY ? 'dueSoon' : 'later';
}

/** Earliest deadline first; tasks without one last; then by title and id, so the order is stable. */
function byDeadline(a: AssignedTask, b: AssignedTask): number {
  const da = timeOf(a.deadline) ?? Number.POSITIVE_INFINITY;
  const db = timeOf(b.deadline) ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.title.localeCompare(b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The open tasks in their groups, each sorted by deadline. */
export function groupAssigned<T extends AssignedTask>(tasks: readonly T[], now: number): Readonly<Record<AssignedGroup, readonly T[]>> {
  const groups: Record<AssignedGroup, T[]> = { overdue: [], dueSoon: [], later: [] };
  for (const task of tasks) {
    if (isOpen(task)) groups[groupOf(task.deadline, now)].push(task);
  }
  for (const group of ASSIGNED_GROUPS) groups[group].sort(byDeadline);
  return groups;
}

/** One page as the client read it. */
export interface AssignedPage<T> {
  readonly items: readonly T[];
  /** Whether another page follows (see `hasMorePages`). */
  readonly hasMore: boolean;
}

/**
 * The pages read so far, in order. A task that moved between pages while they were read (one completed
 * meanwhile shifts the rest) is kept once, as the latest page has it.
 */
export class AssignedList<T extends AssignedTask> {
  private pages: Array<readonly T[]> = [];
  private more = false;
  private readonly changed = new Map<string, T>();

  /** Pages read so far. */
  get pageCount(): number {
    return this.pages.length;
  }

  /** Whether another page can be read ("Load more"). */
  get hasMore(): boolean {
    return this.more;
  }

  /** Whether any page was read. */
  get loaded(): boolean {
    return this.pages.length > 0;
  }

  /** Starts again from these pages (a refresh reads the pages shown again). */
  replace(pages: ReadonlyArray<AssignedPage<T>>): void {
    this.pages = pages.map((page) => page.items);
    this.more = pages.at(-1)?.hasMore ?? false;
    this.changed.clear();
  }

  /** The next page, read after the others. */
  append(page: AssignedPage<T>): void {
    this.pages.push(page.items);
    this.more = page.hasMore;
  }

  /** A task as an action left it (completed tasks leave the list), until the next refresh. */
  update(task: T): void {
    this.changed.set(task.id, task);
  }

  /** Forgets everything (signed out, another organization). */
  clear(): void {
    this.replace([]);
  }

  /** Every task read, once each (the latest copy), with the changes actions made. */
  tasks(): T[] {
    const byId = new Map<string, T>();
    for (const page of this.pages) for (const task of page) byId.set(task.id, task);
    for (const [id, task] of this.changed) if (byId.has(id)) byId.set(id, task);
    return [...byId.values()];
  }

  /** The task with this id, when it was read. */
  find(id: string): T | undefined {
    return this.tasks().find((task) => task.id === id);
  }
}
