// A review as the extension keeps it in workspace state, so a hidden panel or a reloaded window gets its
// rows and their states back. Read back through this schema: a stored value of another shape is dropped.
import * as z from 'zod/mini';
import { defaultsSchema, rowStateSchema, type BulkDefaults } from './protocol';
import type { TaskRecord } from '../records/record';
import { DUPLICATE_REASONS, type ReviewRow, type RowState } from './review';

const text = z.string();

const storedReviewSchema = z.object({
  id: text,
  scope: text,
  rows: z.array(
    z.object({
      key: text,
      uri: text,
      path: text,
      line: z.int().check(z.nonnegative()),
      keyword: text,
      todoTitle: text,
      title: text,
      description: text,
      authors: z.array(text),
      checked: z.boolean(),
      touched: z.boolean(),
      duplicate: z.optional(z.enum(DUPLICATE_REASONS)),
      state: rowStateSchema,
    }),
  ),
  defaults: defaultsSchema,
});

export interface StoredReview {
  readonly id: string;
  readonly scope: string;
  readonly rows: readonly ReviewRow[];
  readonly defaults: BulkDefaults;
}

/**
 * A stored review, or undefined. Rows that were being sent when the window went away come back as
 * "outcome unknown" (their request may have left: they are never sent again by themselves); rows that
 * were waiting come back ready.
 */
export function parseStoredReview(data: unknown, interrupted: string): StoredReview | undefined {
  const result = storedReviewSchema.safeParse(data);
  if (!result.success) return undefined;
  const rows = result.data.rows.map((row): ReviewRow => {
    const state: RowState =
      row.state.kind === 'creating' ? { kind: 'unknown', message: interrupted } : row.state.kind === 'queued' ? { kind: 'ready' } : row.state;
    return { ...row, state };
  });
  return { ...result.data, rows };
}

/**
 * The record of each row whose task exists though the row does not say so (a review kept before its
 * last tasks were made): a record of the same file and title, each record for one row, the one nearest
 * the row's line; rows that were being sent are matched first. By row key.
 */
export function matchRecords(rows: readonly ReviewRow[], records: readonly TaskRecord[]): Map<string, TaskRecord> {
  const byPlace = new Map<string, TaskRecord[]>();
  for (const record of records) {
    if (record.source === undefined) continue;
    const place = `${record.source.uri}\u0000${record.title.trim()}`;
    byPlace.set(place, [...(byPlace.get(place) ?? []), record]);
  }
  const taken = new Set<string>();
  for (const row of rows) if (row.state.kind === 'created') taken.add(row.state.taskId);
  const pairs: Array<{ row: ReviewRow; record: TaskRecord; sending: number; distance: number }> = [];
  for (const row of rows) {
    if (row.state.kind === 'created' || row.state.kind === 'linked') continue;
    for (const record of byPlace.get(`${row.uri}\u0000${row.title.trim()}`) ?? []) {
      if (taken.has(record.id)) continue;
      pairs.push({ row, record, sending: row.state.kind === 'unknown' ? 0 : 1, distance: Math.abs((record.source?.line ?? 0) - row.line) });
    }
  }
  pairs.sort((a, b) => a.sending - b.sending || a.distance - b.distance);
  const matched = new Map<string, TaskRecord>();
  for (const { row, record } of pairs) {
    if (matched.has(row.key) || taken.has(record.id)) continue;
    taken.add(record.id);
    matched.set(row.key, record);
  }
  return matched;
}
