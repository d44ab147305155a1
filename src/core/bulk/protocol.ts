// Every message between the extension and the "Create Tallyfy tasks" review page, with the schemas that
// check them on receipt. The extension owns the rows and their states; the page shows them, filters and
// sorts them, and says what the user did. Handshake: the page says `ready` each time it loads (also
// after a reload, restored by the serializer), and the extension answers with `init`, the whole state.
import * as z from 'zod/mini';
import { describeInvalidMessage } from '../invalidMessage';
import { TASK_TYPES } from '../tallyfy/schema';
import { DUPLICATE_REASONS } from './review';

/** The `performance.mark` the page sets when it first shows its rows (for benchmarks). */
export const REVIEW_READY_MARK = 'tallyfy:review-ready';

const MAX_ROWS = 20_000;
const text = (max = 2_000) => z.string().check(z.maxLength(max));
const key = text(10_000);
const localDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'));

export const BULK_STRING_KEYS = [
  'heading',
  'loading',
  'summary',
  'defaults',
  'assignees',
  'you',
  'deadline',
  'taskType',
  'taskType.task',
  'taskType.approval',
  'taskType.expiring',
  'taskType.email',
  'taskType.expiring_email',
  'tags',
  'noTags',
  'selectAll',
  'selectNone',
  'filter',
  'sort',
  'sortFile',
  'sortTitle',
  'rows',
  'column.select',
  'column.state',
  'create',
  'createOne',
  'cancel',
  'retryFailed',
  'checkForTask',
  'signIn',
  'titleOf',
  'line',
  'state.linked',
  'state.queued',
  'state.creating',
  'state.created',
  'state.createdNotWritten',
  'state.failed',
  'state.unknown',
  'duplicate.same-file',
  'duplicate.record',
  'duplicate.tallyfy',
  'progress',
  'nothingFound',
  'noneShown',
] as const;
export type BulkStringKey = (typeof BULK_STRING_KEYS)[number];
export type BulkStrings = Readonly<Record<BulkStringKey, string>>;

const stringsSchema = z.object(
  Object.fromEntries(BULK_STRING_KEYS.map((name) => [name, text(2_000)])) as Record<BulkStringKey, ReturnType<typeof text>>,
);

/** A row's state (see RowState), also as a stored review keeps it. */
export const rowStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('linked'), taskId: text(200) }),
  z.object({ kind: z.literal('queued') }),
  z.object({ kind: z.literal('creating') }),
  z.object({ kind: z.literal('created'), taskId: text(200), written: z.boolean() }),
  z.object({ kind: z.literal('failed'), message: text(4_000) }),
  z.object({ kind: z.literal('unknown'), message: text(4_000) }),
]);

/** A row as the page shows it. */
const rowViewSchema = z.object({
  key,
  path: text(4_000),
  /** 0-based. */
  line: z.int().check(z.nonnegative()),
  title: text(10_000),
  checked: z.boolean(),
  duplicate: z.optional(z.enum(DUPLICATE_REASONS)),
  /** Who the task will be assigned to, as names. */
  assignees: z.optional(text(2_000)),
  state: rowStateSchema,
});
export type RowView = z.infer<typeof rowViewSchema>;

const runViewSchema = z.object({
  phase: z.enum(['review', 'running', 'over']),
  done: z.int().check(z.nonnegative()),
  total: z.int().check(z.nonnegative()),
  /** Why the last run stopped, when it did. */
  message: z.optional(text(4_000)),
  /** The run stopped because the user is signed out: offer Sign In. */
  signIn: z.optional(z.boolean()),
});
export type RunView = z.infer<typeof runViewSchema>;

const memberSchema = z.object({ id: z.int().check(z.positive()), name: text(300) });
const tagSchema = z.object({ id: text(200), title: text(300) });

/** The shared defaults, also as a stored review keeps them. */
export const defaultsSchema = z.object({
  /** A member id; undefined: the signed-in user. */
  assignee: z.optional(z.int().check(z.positive())),
  /** The deadline's date in the user's zone (the time is the default deadline's). */
  deadline: localDate,
  taskType: z.enum(TASK_TYPES),
  tags: z.array(text(200)).check(z.maxLength(100)),
});
export type BulkDefaults = z.infer<typeof defaultsSchema>;

const initSchema = z.object({
  type: z.literal('init'),
  /** The review's id: the page keeps it in its state, so a reloaded window finds the review again. */
  reviewId: text(100),
  strings: stringsSchema,
  locale: z.optional(text(40)),
  /** What was scanned, e.g. `src/` or `the workspace`. */
  scope: text(4_000),
  rows: z.array(rowViewSchema).check(z.maxLength(MAX_ROWS)),
  defaults: defaultsSchema,
  me: z.optional(memberSchema),
  members: z.array(memberSchema).check(z.maxLength(5_000)),
  tags: z.array(tagSchema).check(z.maxLength(5_000)),
  run: runViewSchema,
});
export type ReviewInit = z.infer<typeof initSchema>;

export const toReviewSchema = z.discriminatedUnion('type', [
  initSchema,
  z.object({ type: z.literal('rows'), rows: z.array(rowViewSchema).check(z.maxLength(MAX_ROWS)) }),
  z.object({ type: z.literal('run'), run: runViewSchema }),
  z.object({
    type: z.literal('options'),
    me: z.optional(memberSchema),
    members: z.array(memberSchema).check(z.maxLength(5_000)),
    tags: z.array(tagSchema).check(z.maxLength(5_000)),
  }),
]);
export type ToReviewMessage = z.infer<typeof toReviewSchema>;

export const fromReviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('check'), keys: z.array(key).check(z.maxLength(MAX_ROWS)), checked: z.boolean() }),
  z.object({ type: z.literal('title'), key, title: text(10_000) }),
  z.object({ type: z.literal('reveal'), key }),
  z.object({ type: z.literal('defaults'), defaults: defaultsSchema }),
  z.object({ type: z.literal('create') }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('retryFailed') }),
  z.object({ type: z.literal('checkForTask'), key }),
  z.object({ type: z.literal('signIn') }),
]);
export type FromReviewMessage = z.infer<typeof fromReviewSchema>;

export function parseToReview(data: unknown): ToReviewMessage | undefined {
  const result = toReviewSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

export function parseFromReview(data: unknown): FromReviewMessage | undefined {
  const result = fromReviewSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

/** Why `data` is not a valid message from the page, in one line for the log (no values echoed). */
export function describeInvalidFromReview(data: unknown): string {
  return describeInvalidMessage(fromReviewSchema, data);
}
