// The review of many TODOs before their tasks are created: one row per TODO, which rows look like
// duplicates, and the selection. Pure: the editor scans the files, the page shows the rows.

/** A TODO found by the scan, as the review needs it. */
export interface ScannedTodo {
  /** The document's URI, as text. */
  readonly uri: string;
  /** The path shown (relative to the workspace). */
  readonly path: string;
  /** 0-based line of the keyword. */
  readonly line: number;
  readonly keyword: string;
  readonly title: string;
  readonly description: string;
  /** Names from `TODO(alice):`. */
  readonly authors: readonly string[];
  /** Task ids the TODO is linked to already. */
  readonly references: readonly string[];
}

/**
 * Why a row looks like a duplicate: an earlier TODO of the same file has the same title, a task of this
 * workspace's records has it, or a recent Tallyfy task has it.
 */
export const DUPLICATE_REASONS = ['same-file', 'record', 'tallyfy'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** Where a row's task stands. */
export type RowState =
  | { readonly kind: 'ready' }
  | { readonly kind: 'linked'; readonly taskId: string }
  | { readonly kind: 'queued' }
  | { readonly kind: 'creating' }
  | { readonly kind: 'created'; readonly taskId: string; readonly written: boolean }
  /** Nothing was created; `retry` sends it again. */
  | { readonly kind: 'failed'; readonly message: string }
  /** The request left and no answer came: the task may exist. Never sent again by itself. */
  | { readonly kind: 'unknown'; readonly message: string };

export type RowStateKind = RowState['kind'];

export interface ReviewRow {
  /** Identifies the row for the life of the review (its place in the scan's order). */
  readonly key: string;
  readonly uri: string;
  readonly path: string;
  readonly line: number;
  readonly keyword: string;
  /** The title as the TODO says it (to find the TODO again). */
  readonly todoTitle: string;
  /** The title the task gets (editable). */
  readonly title: string;
  readonly description: string;
  readonly authors: readonly string[];
  readonly checked: boolean;
  /** Whether the user checked or unchecked it (a late duplicate flag then leaves it alone). */
  readonly touched: boolean;
  readonly duplicate?: DuplicateReason | undefined;
  readonly state: RowState;
}

/** The title as compared for duplicates: case, spacing and trailing punctuation do not count. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:!?…]+$/u, '')
    .trim();
}

/** The rows of a scan, in file then line order; linked TODOs are listed as linked, never selectable. */
export function reviewRows(todos: readonly ScannedTodo[], knownTitles: Iterable<string> = []): ReviewRow[] {
  const rows = [...todos]
    .sort(byPlace)
    .map((todo, i): ReviewRow => {
      const [linked] = todo.references;
      return {
        // Short: the page gets two thousand of them.
        key: String(i),
        uri: todo.uri,
        path: todo.path,
        line: todo.line,
        keyword: todo.keyword,
        todoTitle: todo.title,
        title: todo.title,
        description: todo.description,
        authors: todo.authors,
        checked: linked === undefined,
        touched: false,
        state: linked === undefined ? { kind: 'ready' } : { kind: 'linked', taskId: linked },
      };
    });
  return flagDuplicates(rows, knownTitles, 'record');
}

/**
 * Flags the rows that look like duplicates and unchecks them (unless the user decided): the second and
 * later TODO with one title in a file, and any title in `knownTitles` (flagged with `reason`).
 */
export function flagDuplicates(rows: readonly ReviewRow[], knownTitles: Iterable<string>, reason: 'record' | 'tallyfy'): ReviewRow[] {
  const known = new Set<string>();
  for (const title of knownTitles) known.add(normalizeTitle(title));
  const seen = new Set<string>();
  return rows.map((row) => {
    if (row.state.kind === 'linked') return row;
    const title = normalizeTitle(row.todoTitle);
    const inFile = `${row.uri}\u0000${title}`;
    const sameFile = seen.has(inFile);
    seen.add(inFile);
    const found: DuplicateReason | undefined = sameFile ? 'same-file' : known.has(title) ? reason : undefined;
    if (found === undefined || row.duplicate !== undefined || row.state.kind !== 'ready') return row;
    return { ...row, duplicate: found, checked: row.touched ? row.checked : false };
  });
}

/** Whether a row in this state can be checked: not linked, and its task not made (or possibly made) already. */
export function isSelectableState(state: RowState): boolean {
  return state.kind === 'ready' || state.kind === 'failed';
}

export function isSelectable(row: Pick<ReviewRow, 'state'>): boolean {
  return isSelectableState(row.state);
}

/** Checks or unchecks the rows with the given keys (only selectable ones). */
export function setChecked(rows: readonly ReviewRow[], keys: ReadonlySet<string>, checked: boolean): ReviewRow[] {
  return rows.map((row) => (keys.has(row.key) && isSelectable(row) && row.checked !== checked ? { ...row, checked, touched: true } : row));
}

/** The rows whose tasks a "Create N tasks" would create. */
export function checkedRows(rows: readonly ReviewRow[]): ReviewRow[] {
  return rows.filter((row) => row.checked && isSelectable(row));
}

/** A changed title; an empty one is kept as typed (creating asks for a title). */
export function setTitle(rows: readonly ReviewRow[], key: string, title: string): ReviewRow[] {
  return rows.map((row) => (row.key === key && isSelectable(row) ? { ...row, title } : row));
}

/** Above this many checked rows, creating asks first. */
export const CONFIRM_ABOVE = 50;

export type RowSort = 'file' | 'title';

/** What a filter and a sort read of a row (the extension's rows and the page's alike). */
export interface SortableRow {
  readonly title: string;
  readonly path: string;
  /** 0-based. */
  readonly line: number;
}

/** Where a row's TODO is, as shown and as the filter reads it: `path:line`, the line 1-based. */
export function placeText(row: Pick<SortableRow, 'path' | 'line'>): string {
  return `${row.path}:${row.line + 1}`;
}

/** File then line order. */
function byPlace(a: Pick<SortableRow, 'path' | 'line'>, b: Pick<SortableRow, 'path' | 'line'>): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
}

/** The rows a filter and a sort show, in order (the rows given do not move). */
export function visibleRows<R extends SortableRow>(rows: readonly R[], filter: string, sort: RowSort): R[] {
  const words = filter.toLowerCase().split(/\s+/).filter((word) => word !== '');
  const shown = words.length === 0
    ? [...rows]
    : rows.filter((row) => {
        const text = `${row.title}\u0000${placeText(row)}`.toLowerCase();
        return words.every((word) => text.includes(word));
      });
  if (sort === 'title') {
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    shown.sort((a, b) => collator.compare(a.title, b.title) || byPlace(a, b));
  }
  return shown;
}

/** How many rows are in each state, and how many a "Create" would create (the extension's rows and the page's alike). */
export function countRows(rows: ReadonlyArray<{ readonly checked: boolean; readonly state: RowState }>): Readonly<Record<RowStateKind | 'checked', number>> {
  const counts: Record<RowStateKind | 'checked', number> = { ready: 0, linked: 0, queued: 0, creating: 0, created: 0, failed: 0, unknown: 0, checked: 0 };
  for (const row of rows) {
    counts[row.state.kind]++;
    if (row.checked && isSelectableState(row.state)) counts.checked++;
  }
  return counts;
}
