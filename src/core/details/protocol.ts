// Every message between the extension and a "Tallyfy task" details page, with the schemas that check
// them on receipt. The extension reads the task and owns what is shown; the page shows it (Tallyfy's
// HTML read back as text, see src/webview/details/richText.ts) and keeps the comment being typed in its
// own state, so the text survives hiding the panel, a failed post and a window reload. Handshake: the
// page says `ready` each time it loads, and the extension answers with `init`, then `details`.
import * as z from 'zod/mini';
import { formValuesSchema } from '../form/values';
import {
  formStringsSchema,
  memberOptionSchema,
  optionsSchema,
  SEARCH_KINDS,
  searchFailedSchema,
  searchResultsSchema,
} from '../form/protocol';
import { describeInvalidMessage } from '../invalidMessage';

/** The `performance.mark` the page sets when it first shows a task's title (for benchmarks). */
export const DETAILS_READY_MARK = 'tallyfy:details-ready';

/** Tallyfy's comments: HTML; a longer comment than this is refused before it is sent. */
export const COMMENT_MAX_LENGTH = 20_000;

const text = (max = 2_000) => z.string().check(z.maxLength(max));
/** Tallyfy's HTML (a description, a comment): shown as text by the page, never as markup. */
const html = text(200_000);

export const DETAILS_STRING_KEYS = [
  'heading',
  'loading',
  'refresh',
  'openInTallyfy',
  'status',
  'taskType',
  'deadline',
  'assignees',
  'tags',
  'process',
  'description',
  'noDescription',
  'formFields',
  'noValue',
  'required',
  'comments',
  'noComments',
  'commentBy',
  'comment',
  'addComment',
  'posting',
  'posted',
  'signIn',
  'unavailable',
  'loadedAt',
  'nobody',
  'edit',
  'save',
  'cancel',
  'saving',
  'saved',
  'editDescriptionHelp',
  'formattingLost',
  'completedNoEdit',
  'archivedNoEdit',
  'noChanges',
  'reload',
] as const;
export type DetailsStringKey = (typeof DETAILS_STRING_KEYS)[number];
export type DetailsStrings = Readonly<Record<DetailsStringKey, string>>;

const stringsSchema = z.object(
  Object.fromEntries(DETAILS_STRING_KEYS.map((name) => [name, text(2_000)])) as Record<DetailsStringKey, ReturnType<typeof text>>,
);

const fieldSchema = z.object({
  label: text(2_000),
  /** Tallyfy's `field_type` (`text`, `dropdown`, …). */
  type: text(100),
  /** What the field is, as the user reads it: its type's name, and its options or columns ("Dropdown list · Options: A, B"). */
  about: text(100_000),
  /** The value as text (a choice's text, a list joined, a date as the user reads it); empty when none. */
  value: text(100_000),
  required: z.boolean(),
});
export type DetailsField = z.infer<typeof fieldSchema>;

const commentSchema = z.object({
  id: text(200),
  /** Who wrote it, as a name (or `#id` when the member is not known). */
  author: text(500),
  /** When, as the user reads it; empty when Tallyfy did not say. */
  at: text(200),
  html,
});
export type DetailsComment = z.infer<typeof commentSchema>;

/** A task as the page shows it: every text ready to show, in the user's language. */
const taskViewSchema = z.object({
  id: text(200),
  title: text(10_000),
  /** The status as the user reads it ("Open", "Completed", "Archived"). */
  status: text(200),
  /** `open`, `completed` or `archived`: the page's badge colour. */
  state: z.enum(['open', 'completed', 'archived']),
  taskType: text(200),
  /** The deadline as the user reads it, with where it stands ("…, overdue by 2 days"); empty when none. */
  deadline: text(500),
  assignees: z.array(text(500)).check(z.maxLength(1_000)),
  tags: z.array(text(500)).check(z.maxLength(1_000)),
  /** The process of a process task. */
  process: z.optional(text(2_000)),
  description: html,
  fields: z.array(fieldSchema).check(z.maxLength(1_000)),
  /** Oldest first. */
  comments: z.array(commentSchema).check(z.maxLength(10_000)),
  /** When the extension read it, as the user reads it. */
  loadedAt: text(200),
  /** What Edit starts from (see core/details/edit). */
  edit: z.object({
    kind: z.enum(['one-off', 'process']),
    editable: z.enum(['open', 'completed', 'archived']),
    lastUpdated: text(100),
    title: text(10_000),
    deadline: text(100),
    owners: z.object({
      users: z.array(z.int()).check(z.maxLength(1_000)),
      groups: z.array(text(200)).check(z.maxLength(1_000)),
      guests: z.array(text(320)).check(z.maxLength(1_000)),
    }),
    /** The assignees' names, for the picker's chips before the organization's lists come. */
    named: z.object({
      members: z.array(memberOptionSchema).check(z.maxLength(1_000)),
      groups: z.array(z.object({ id: text(200), name: text(300) })).check(z.maxLength(1_000)),
    }),
  }),
});
export type TaskView = z.infer<typeof taskViewSchema>;

const detailsSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('loading') }),
  z.object({ state: z.literal('ready'), task: taskViewSchema }),
  /** Signed out, another organization, or the task cannot be read: nothing stale is shown. */
  z.object({ state: z.literal('unavailable'), message: text(4_000), signIn: z.boolean() }),
]);
export type DetailsState = z.infer<typeof detailsSchema>;

/** Where the comment being sent stands. */
const commentStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('posting') }),
  /** Posted: the page clears the box (and its kept draft). */
  z.object({ state: z.literal('posted') }),
  /** Not posted (a 429, a refusal): the text stays in the box. */
  z.object({ state: z.literal('failed'), message: text(4_000) }),
  /** It may have been posted (a timeout, a dropped connection): the text stays, and is not resent by itself. */
  z.object({ state: z.literal('unknown'), message: text(4_000) }),
]);
export type CommentState = z.infer<typeof commentStateSchema>;

/** Where Save stands. In every state but `saved` the edits stay in the page. */
const saveStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('saving') }),
  /** Saved: the page leaves Edit (and drops its kept edits). */
  z.object({ state: z.literal('saved') }),
  /** Not saved; `fieldErrors` (by API path, from a 422) show at their controls. */
  z.object({
    state: z.literal('failed'),
    message: text(4_000),
    fieldErrors: z.optional(z.record(text(300), z.array(text(2_000)).check(z.maxLength(50)))),
  }),
  /** Not saved: the task changed in Tallyfy since it was read; the page offers Reload. */
  z.object({ state: z.literal('changed'), message: text(4_000) }),
  /** It may have been saved (a timeout): nothing is resent by itself; the page offers Reload. */
  z.object({ state: z.literal('unknown'), message: text(4_000) }),
]);
export type SaveState = z.infer<typeof saveStateSchema>;

/** Save's request: see `EditRequest` in core/details/edit. */
const editRequestSchema = z.object({
  title: text(10_000),
  deadline: text(100),
  owners: z.object({
    users: z.array(z.int().check(z.positive())).check(z.maxLength(1_000)),
    groups: z.array(text(200)).check(z.maxLength(1_000)),
    guests: z.array(text(320)).check(z.maxLength(1_000)),
  }),
  description: z.optional(z.string().check(z.maxLength(100_000))),
});

/** The edit's values as typed: the task form's values of the same name. */
export const editValuesSchema = z.pick(formValuesSchema, { title: true, assignees: true, deadlineDate: true, deadlineTime: true, description: true });

const initSchema = z.object({
  type: z.literal('init'),
  /** The task's id: the page keeps it in its state, so a reloaded window finds the task again. */
  taskId: text(200),
  strings: stringsSchema,
  /** The task form's words, for the controls Edit shares with it. */
  form: formStringsSchema,
  /** The signed-in user, named "(you)" among the assignees. */
  me: z.optional(memberOptionSchema),
  /** Edits left unsaved when the panel was closed, to take up again (see `editing`). */
  resume: z.optional(z.object({ base: text(100), values: editValuesSchema })),
  locale: z.optional(text(40)),
});
export type DetailsInit = z.infer<typeof initSchema>;

export const toDetailsSchema = z.discriminatedUnion('type', [
  initSchema,
  z.object({ type: z.literal('details'), details: detailsSchema }),
  z.object({ type: z.literal('comment'), comment: commentStateSchema }),
  z.object({ type: z.literal('save'), save: saveStateSchema }),
  optionsSchema,
  searchResultsSchema,
  searchFailedSchema,
]);
export type ToDetailsMessage = z.infer<typeof toDetailsSchema>;

export const fromDetailsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('openInTallyfy') }),
  z.object({ type: z.literal('signIn') }),
  z.object({ type: z.literal('comment'), content: text(COMMENT_MAX_LENGTH) }),
  /** Save: `base` is the `last_updated` the edit started from. */
  z.object({ type: z.literal('save'), base: text(100), request: editRequestSchema }),
  /** The edit as it stands (none once it ends), so a panel closed with unsaved edits can ask and take them up again. */
  z.object({ type: z.literal('editing'), edit: z.optional(z.object({ base: text(100), values: editValuesSchema })) }),
  z.object({ type: z.literal('search'), kind: z.enum(SEARCH_KINDS), q: text(500) }),
]);
export type FromDetailsMessage = z.infer<typeof fromDetailsSchema>;

export function parseToDetails(data: unknown): ToDetailsMessage | undefined {
  const result = toDetailsSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

export function parseFromDetails(data: unknown): FromDetailsMessage | undefined {
  const result = fromDetailsSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

/** Why `data` is not a valid message from the page, in one line for the log (no values echoed). */
export function describeInvalidFromDetails(data: unknown): string {
  return describeInvalidMessage(fromDetailsSchema, data);
}
