// The local record of each task the extension created: what the tree view shows without asking the
// API, and how a TODO line links to its task. One versioned JSON file holds them all.
import * as z from 'zod/mini';
import { onFirstUse } from '../firstUse';

export const RECORD_FILE_VERSION = 1;

const recordSchemas = onFirstUse(() => {
  const nonEmpty = () => z.string().check(z.minLength(1));
  const source = z.object({
    /** The document's URI as a string (`file:///…`, `vscode-remote://…`). */
    uri: nonEmpty(),
    /** 0-based line of the TODO comment when the task was created. */
    line: z.int().check(z.nonnegative()),
    /** The text written back into the comment, e.g. `tallyfy:<id>`. */
    reference: nonEmpty(),
  });

  /** One record; unknown fields (from a newer version) are kept. */
  const record = z.looseObject({
    id: nonEmpty(),
    incrementId: z.optional(z.int()),
    title: z.string(),
    taskType: nonEmpty(),
    status: z.string(),
    /** UTC ISO date-time. */
    deadline: z.optional(z.string()),
    /** Display names of the assignees (members, guests by email, groups). */
    assignees: z.array(z.string()),
    orgId: nonEmpty(),
    /** The API base URL the task was created against. */
    baseUrl: nonEmpty(),
    createdAt: nonEmpty(),
    /** When the record last took an answer from Tallyfy (kept in memory only when the answer changed nothing). */
    lastSyncedAt: z.optional(z.string()),
    /** Tallyfy's `last_updated` in the answer the record holds: an answer with an older one is not taken. */
    lastUpdated: z.optional(z.string()),
    /** Counts the changes written to this record (absent: none yet); an answer asked for before a change is not taken. */
    revision: z.optional(z.int().check(z.nonnegative())),
    completedAt: z.optional(z.string()),
    /** UTC ISO date-time the task was archived in Tallyfy (restorable); absent while it is not archived. */
    archivedAt: z.optional(z.string()),
    runId: z.optional(z.string()),
    source: z.optional(source),
    /** The task no longer exists in Tallyfy (deleted or not found). */
    deleted: z.optional(z.boolean()),
    /** Found in a TODO of the workspace rather than created or linked here (a teammate's task). */
    linkedInCode: z.optional(z.boolean()),
  });
  return { source, record };
});

type RecordSchemas = ReturnType<typeof recordSchemas>;

/** One record's shape (built on first use). */
export const taskRecordSchema = (): RecordSchemas['record'] => recordSchemas().record;

export type RecordSource = z.infer<RecordSchemas['source']>;
export type TaskRecord = z.infer<RecordSchemas['record']>;

export interface RecordFile {
  readonly version: typeof RECORD_FILE_VERSION;
  readonly records: readonly TaskRecord[];
}

export interface ParsedRecordFile {
  readonly records: TaskRecord[];
  readonly warnings: string[];
  /** The file could not be read as a record file at all (not JSON, wrong shape, unknown version). */
  readonly corrupt: boolean;
}

/**
 * Reads a record file's text. Never throws: invalid records are skipped with a warning each, and a file
 * that is not a record file gives a warning and no records. Empty text is an empty store.
 */
export function parseRecordFile(text: string): ParsedRecordFile {
  if (text.trim() === '') {
    return { records: [], warnings: [], corrupt: false };
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { records: [], warnings: [`The task record file is not valid JSON (${reason}); starting with no records.`], corrupt: true };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { records: [], warnings: ['The task record file does not hold a record list; starting with no records.'], corrupt: true };
  }
  const file = data as Record<string, unknown>;
  if (file['version'] !== RECORD_FILE_VERSION) {
    return {
      records: [],
      warnings: [`The task record file has version ${JSON.stringify(file['version'])}, expected ${RECORD_FILE_VERSION}; starting with no records.`],
      corrupt: true,
    };
  }
  const list = file['records'];
  if (!Array.isArray(list)) {
    return { records: [], warnings: ['The task record file has no "records" list; starting with no records.'], corrupt: true };
  }
  const records: TaskRecord[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  list.forEach((item: unknown, index) => {
    const result = taskRecordSchema().safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
      warnings.push(`Skipped task record ${index + 1}: ${where}${issue?.message ?? 'invalid'}.`);
      return;
    }
    if (seen.has(result.data.id)) {
      warnings.push(`Skipped task record ${index + 1}: a second record for task ${result.data.id}.`);
      return;
    }
    seen.add(result.data.id);
    records.push(result.data);
  });
  return { records: sortNewestFirst(records), warnings, corrupt: false };
}

/** The file's text for these records (pretty-printed, newest first, trailing newline). */
export function serializeRecordFile(records: readonly TaskRecord[]): string {
  const file: RecordFile = { version: RECORD_FILE_VERSION, records: sortNewestFirst(records) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Newest `createdAt` first; ties keep their order. Unreadable dates sort last. */
export function sortNewestFirst(records: readonly TaskRecord[]): TaskRecord[] {
  const time = (record: TaskRecord): number => {
    const t = Date.parse(record.createdAt);
    return Number.isFinite(t) ? t : Number.NEGATIVE_INFINITY;
  };
  return records
    .map((record, index) => ({ record, index, t: time(record) }))
    .sort((a, b) => (b.t === a.t ? a.index - b.index : b.t > a.t ? 1 : -1))
    .map(({ record }) => record);
}
