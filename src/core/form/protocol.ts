// Every message between the extension and the task form, in both directions, with the schemas that
// check them on receipt. Anything that does not match is dropped by the receiver.
//
// Handshake: the page says `ready` each time it loads (also after being hidden and shown again when
// its context is not retained); the extension answers with `init`, then replays the current outcome
// if there is one (`submitting` while a create is in flight, `submitFailed` or `created`), because
// messages posted to a hidden page are lost. `init` for the same `formId` keeps what was typed. The
// extension also posts `init` as it opens the panel (the webview holds it until the page listens), so a
// page applies the first `init` of a form and ignores repeats while it shows that form.
import * as z from 'zod/mini';
import { describeInvalidMessage } from '../invalidMessage';
import { TASK_TYPES } from '../tallyfy/schema';
import { FORM_STRING_KEYS, type FormStringKey } from './strings';
import { formValuesSchema, type CreateTaskInputJson, type FormValues } from './values';

/** The `performance.mark` the page sets when it first shows a form with its data (for benchmarks). */
export const FORM_READY_MARK = 'tallyfy:form-ready';

const MAX_LIST = 2_000;
const text = (max = 2_000) => z.string().check(z.maxLength(max));

/** Every key of the form's words, each a text. */
export const formStringsSchema = z.object(
  Object.fromEntries(FORM_STRING_KEYS.map((key) => [key, text(2_000)])) as Record<FormStringKey, ReturnType<typeof text>>,
);
const id = text(200);
const list = <T extends z.core.SomeType>(item: T) => z.array(item).check(z.maxLength(MAX_LIST));

/** A date-time with a zone (`2025-07-15T17:00:00Z`, `…+02:00`). */
const zonedIso = z.string().check(
  z.maxLength(64),
  z.regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i, 'expected an ISO date-time with a zone'),
);

// ---------------------------------------------------------------------------------------------------
// Shared shapes

export const memberOptionSchema = z.object({
  id: z.int().check(z.positive()),
  name: text(300),
  email: z.optional(text(320)),
});
export type MemberOption = z.infer<typeof memberOptionSchema>;

export const groupOptionSchema = z.object({ id, name: text(300) });
export type GroupOption = z.infer<typeof groupOptionSchema>;

export const guestOptionSchema = z.object({ email: text(320), name: z.optional(text(300)) });
export type GuestOption = z.infer<typeof guestOptionSchema>;

export const tagOptionSchema = z.object({ id, title: text(300), color: z.optional(text(40)) });
export type TagOption = z.infer<typeof tagOptionSchema>;

export const SEARCH_KINDS = ['members', 'groups', 'guests', 'tags'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

const sourceInfoSchema = z.object({
  path: text(4_000),
  line: z.int().check(z.positive()),
  webUrl: z.optional(text(8_000).check(z.regex(/^https:\/\//))),
  changed: z.optional(z.boolean()),
  snippet: z.optional(z.object({ languageId: text(100), startLine: z.int().check(z.positive()), text: text(200_000) })),
});

const optionLists = {
  members: z.optional(list(memberOptionSchema)),
  groups: z.optional(list(groupOptionSchema)),
  guests: z.optional(list(guestOptionSchema)),
  tags: z.optional(list(tagOptionSchema)),
};

// ---------------------------------------------------------------------------------------------------
// Extension → webview

const initSchema = z.object({
  type: z.literal('init'),
  /** Identifies the TODO (e.g. its file and line), so the form restores saved values only onto the same one. */
  formId: z.optional(text(2_000)),
  /** The TODO's title. */
  title: text(10_000),
  /** The notes (the TODO's continuation lines); the source block is added after them. */
  description: text(100_000),
  source: z.optional(sourceInfoSchema),
  /** The default deadline, as an instant (decided in the user's zone by the extension, the same on every path). */
  defaultDeadline: zonedIso,
  /** The task types to offer, in order (all by default). */
  taskTypes: z.optional(z.array(z.enum(TASK_TYPES)).check(z.minLength(1), z.maxLength(TASK_TYPES.length))),
  /** The signed-in user: the default assignee. */
  me: z.optional(memberOptionSchema),
  ...optionLists,
  /** Values to start from instead of the defaults (a draft kept by the extension). */
  draft: z.optional(formValuesSchema),
  /** Translated words, keyed like the form's defaults. */
  /** Every text the page shows, in the user's language. */
  strings: formStringsSchema,
  /** BCP 47 locale for dates, e.g. `en-GB`. */
  locale: z.optional(text(40)),
});

export const optionsSchema = z.object({ type: z.literal('options'), ...optionLists });

export const searchResultsSchema = z.discriminatedUnion('kind', [
  z.object({ type: z.literal('searchResults'), kind: z.literal('members'), q: text(500), members: list(memberOptionSchema) }),
  z.object({ type: z.literal('searchResults'), kind: z.literal('groups'), q: text(500), groups: list(groupOptionSchema) }),
  z.object({ type: z.literal('searchResults'), kind: z.literal('guests'), q: text(500), guests: list(guestOptionSchema) }),
  z.object({ type: z.literal('searchResults'), kind: z.literal('tags'), q: text(500), tags: list(tagOptionSchema) }),
]);

const submittingSchema = z.object({ type: z.literal('submitting') });

export const SUBMIT_ACTIONS = ['signIn', 'checkForTask', 'retryAfter'] as const;
export type SubmitAction = (typeof SUBMIT_ACTIONS)[number];

export const submitFailedSchema = z.object({
  type: z.literal('submitFailed'),
  message: text(4_000),
  /** Messages keyed by API field path (`title`, `owners.guests.0`, `_form`), e.g. from a 422. */
  fieldErrors: z.optional(z.record(text(300), z.array(text(2_000)).check(z.maxLength(50)))),
  action: z.optional(z.enum(SUBMIT_ACTIONS)),
  retryAfterSeconds: z.optional(z.number().check(z.minimum(0), z.maximum(86_400))),
});

const createdSchema = z.object({
  type: z.literal('created'),
  task: z.object({
    id: text(200),
    title: text(10_000),
    /** ISO date-time with a zone. */
    deadline: z.optional(zonedIso),
    /** Display names of the assignees (members, groups and guests). */
    assignees: list(text(400)),
  }),
  /** Whether "Open in Tallyfy" can open the task itself (else the extension opens the web app). */
  canOpen: z.optional(z.boolean()),
});

const draftRestoredSchema = z.object({
  type: z.literal('draftRestored'),
  values: formValuesSchema,
  /** When the draft was saved, ISO. */
  savedAt: z.optional(zonedIso),
});

/** The session changed while the form was open (signed in, out, or as someone else): who "you" is now. */
const sessionSchema = z.object({ type: z.literal('session'), me: z.optional(memberOptionSchema) });

/**
 * The owners the TODO names (`TODO(alice)`), matched against the organization's members: they become the
 * assignees of a form nobody changed yet, and `notes` say what could not be matched, next to the field.
 */
const ownersSchema = z.object({
  type: z.literal('owners'),
  members: list(memberOptionSchema),
  notes: z.array(text(1_000)).check(z.maxLength(50)),
  /** Emails the TODO names that are no member: offered as guests, added only when the user says so. */
  guests: z.array(text(320)).check(z.maxLength(50)),
});

/** A search for a picker failed: said next to its field. */
export const searchFailedSchema = z.object({ type: z.literal('searchFailed'), kind: z.enum(SEARCH_KINDS), q: text(500), message: text(500) });

export const toWebviewSchema = z.discriminatedUnion('type', [
  initSchema,
  sessionSchema,
  ownersSchema,
  optionsSchema,
  searchResultsSchema,
  searchFailedSchema,
  submittingSchema,
  submitFailedSchema,
  createdSchema,
  draftRestoredSchema,
]);

export type InitMessage = z.infer<typeof initSchema>;
export type SessionMessage = z.infer<typeof sessionSchema>;
export type OwnersMessage = z.infer<typeof ownersSchema>;
export type OptionsMessage = z.infer<typeof optionsSchema>;
export type SearchResultsMessage = z.infer<typeof searchResultsSchema>;
export type SubmittingMessage = z.infer<typeof submittingSchema>;
export type SubmitFailedMessage = z.infer<typeof submitFailedSchema>;
export type CreatedMessage = z.infer<typeof createdSchema>;
export type DraftRestoredMessage = z.infer<typeof draftRestoredSchema>;
export type SourceInfoMessage = z.infer<typeof sourceInfoSchema>;
/** What the extension may send to the form. */
export type ToWebviewMessage = z.infer<typeof toWebviewSchema>;

// ---------------------------------------------------------------------------------------------------
// Webview → extension

const createTaskInputJsonSchema = z.looseObject({
  title: text(10_000),
  task_type: z.enum(TASK_TYPES),
  owners: z.object({
    users: z.optional(list(z.int())),
    groups: z.optional(list(text(300))),
    guests: z.optional(list(text(320))),
  }),
  deadline: zonedIso,
  description: z.optional(text(300_000)),
  started_at: z.optional(zonedIso),
  /** As the form sends them (see core/form/formFields): options and columns by their text alone. */
  form_fields: z.optional(
    list(
      z.object({
        label: text(10_000),
        field_type: text(100),
        required: z.boolean(),
        options: z.optional(list(z.object({ text: text(10_000) }))),
        columns: z.optional(list(z.object({ label: text(10_000) }))),
      }),
    ),
  ),
});

export const fromWebviewSchema = z.discriminatedUnion('type', [
  /** `timeZone`: the page's IANA zone (the user's machine), for the default deadline when the profile names none. */
  z.object({ type: z.literal('ready'), timeZone: z.optional(z.string().check(z.minLength(1), z.maxLength(64))) }),
  z.object({
    type: z.literal('submit'),
    /** The values as typed (for the draft). */
    values: formValuesSchema,
    /** The create-task input, dates converted in the viewer's zone; the extension validates it again. */
    task: createTaskInputJsonSchema,
  }),
  z.object({ type: z.literal('search'), kind: z.enum(SEARCH_KINDS), q: text(500) }),
  z.object({ type: z.literal('saveDraft'), values: formValuesSchema }),
  z.object({ type: z.literal('discardDraft') }),
  z.object({ type: z.literal('openInTallyfy') }),
  z.object({ type: z.literal('copyId') }),
  z.object({ type: z.literal('createAnother') }),
  z.object({ type: z.literal('checkForTask') }),
  z.object({ type: z.literal('signIn') }),
]);

type ParsedFromWebview = z.infer<typeof fromWebviewSchema>;
/** What the form may send to the extension. `submit.task` is typed as the schema's input. */
export type FromWebviewMessage =
  | Exclude<ParsedFromWebview, { type: 'submit' }>
  | { type: 'submit'; values: FormValues; task: CreateTaskInputJson };

export type ToWebviewType = ToWebviewMessage['type'];
export type FromWebviewType = FromWebviewMessage['type'];

/** A message for the form, or undefined when `data` is not one (unknown type, missing or malformed fields). */
export function parseToWebview(data: unknown): ToWebviewMessage | undefined {
  const result = toWebviewSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

/** A message from the form, or undefined when `data` is not one. The extension logs and drops the rest. */
export function parseFromWebview(data: unknown): FromWebviewMessage | undefined {
  const result = fromWebviewSchema.safeParse(data);
  return result.success ? (result.data as FromWebviewMessage) : undefined;
}

/** Why `data` is not a valid message from the form, in one line for the log (no values echoed). */
export function describeInvalidFromWebview(data: unknown): string {
  return describeInvalidMessage(fromWebviewSchema, data);
}
