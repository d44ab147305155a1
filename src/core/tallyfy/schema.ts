// The shapes of the Tallyfy API this extension uses. The create-task schema is the one rule book for
// the client, the extension and the webview form, the update-task schema the one for updates; answers
// are parsed tolerantly into typed values.
import * as z from 'zod/mini';
import { isDone } from '../completion';
import { formatApiDate, normalizeApiDate, parseApiDate } from './dates';
import { FORM_ERROR_KEY, type FieldErrors } from './errors';

// ---------------------------------------------------------------------------------------------------
// Create a one-off task: the request

export const TASK_TYPES = ['task', 'approval', 'expiring', 'email', 'expiring_email'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TITLE_MAX_LENGTH = 600;

/**
 * The form field types Tallyfy's own clients create (its MCP server, `server/tools/form_fields.py`). The
 * API also takes `email`, which Tallyfy's web app cannot show: a field made so is invisible there.
 */
export const FORM_FIELD_TYPES = ['text', 'textarea', 'date', 'dropdown', 'multiselect', 'radio', 'file', 'table', 'assignees_form'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

/** Whether a field of this type offers options to choose from (`options: [{ text }]`). */
export function takesOptions(type: string): boolean {
  return type === 'dropdown' || type === 'multiselect' || type === 'radio';
}

/** Whether a field of this type is a table (`columns: [{ label }]`). */
export function takesColumns(type: string): boolean {
  return type === 'table';
}

/** Radio buttons need at least two options (Tallyfy's own clients refuse fewer, as its API does for a step's field). */
export const RADIO_MIN_OPTIONS = 2;

export interface FormFieldOptionInput {
  text: string;
  /** A whole number; given by position when left out, as Tallyfy's own clients do. */
  id?: number | undefined;
  [key: string]: unknown;
}

export interface FormFieldColumnInput {
  label: string;
  id?: number | undefined;
  [key: string]: unknown;
}

/** One field the assignee fills in on completion: a label, a type and whether it is required. */
export interface FormFieldInput {
  label: string;
  field_type: string;
  required: boolean;
  /** Dropdown, multiselect and radio: the choices. */
  options?: readonly FormFieldOptionInput[] | undefined;
  /** Table: the columns. */
  columns?: readonly FormFieldColumnInput[] | undefined;
  [key: string]: unknown;
}

/** The body of `POST /organizations/{org}/tasks`, as the client sends it. */
export interface CreateTaskBody {
  title: string;
  task_type: TaskType;
  owners: { users: number[]; guests: string[]; groups: string[] };
  deadline: string;
  description?: string;
  summary?: string;
  started_at?: string;
  separate_task_for_each_assignee?: boolean;
  max_assignable?: number;
  prevent_guest_comment?: boolean;
  everyone_must_complete?: boolean;
  can_complete_only_assignees?: boolean;
  top_secret?: boolean;
  tags?: string[];
  form_fields?: FormFieldInput[];
  webhook?: string;
  run_id?: string;
}

/** What callers hand in: API field names; dates as `Date` or ISO strings with a zone. */
export interface CreateTaskInput {
  title: string;
  task_type: TaskType;
  owners: { users?: readonly number[]; guests?: readonly string[]; groups?: readonly string[] };
  deadline: Date | string;
  description?: string | undefined;
  started_at?: Date | string | undefined;
  separate_task_for_each_assignee?: boolean | undefined;
  max_assignable?: number | undefined;
  prevent_guest_comment?: boolean | undefined;
  everyone_must_complete?: boolean | undefined;
  can_complete_only_assignees?: boolean | undefined;
  top_secret?: boolean | undefined;
  tags?: readonly string[] | undefined;
  form_fields?: readonly FormFieldInput[] | undefined;
  webhook?: string | undefined;
  run_id?: string | undefined;
}

const isBlank = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Empty strings (and null) from a form mean "not given" for optional fields. */
function optionalField<T extends z.core.SomeType>(schema: T) {
  return z.pipe(
    z.transform((value: unknown) => (isBlank(value) ? undefined : value)),
    z.optional(schema),
  );
}

// A date-time with an explicit zone (or a Date). Zone-less text is refused: the caller converts the
// user's local choice to UTC before it gets here.
const ZONED_PATTERN = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;
function toDateTime(value: unknown): Date | undefined {
  if (value instanceof Date) {
    return Number.isFinite(value.getTime()) ? value : undefined;
  }
  if (typeof value === 'string' && ZONED_PATTERN.test(value.trim())) {
    return parseApiDate(value);
  }
  return undefined;
}

type DateTimeOutput<Required extends boolean> = Required extends true ? Date : Date | undefined;

function dateTimeField<Required extends boolean>(label: string, required: Required) {
  return z.pipe(
    z.unknown(),
    z.transform((value: unknown, ctx): DateTimeOutput<Required> => {
      if (isBlank(value)) {
        if (!required) return undefined as DateTimeOutput<Required>;
        ctx.issues.push({ code: 'custom', message: `${label} is required.`, input: value });
        return z.NEVER;
      }
      const date = toDateTime(value);
      if (date === undefined) {
        ctx.issues.push({ code: 'custom', message: `${label} must be a valid date and time.`, input: value });
        return z.NEVER;
      }
      return date as DateTimeOutput<Required>;
    }),
  );
}

function requiredMessage(label: string, expected: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? `${label} is required.` : `${label} must be ${expected}.`;
}

function optionalBoolean(label: string) {
  return z.optional(z.boolean({ error: `${label} must be true or false.` }));
}

const codePointLength = (text: string): number => [...text].length;

const USER_ID_MESSAGE = 'Each member must be a user id (a whole number).';
/** Members, guests and groups, each list optional (empty when left out); it may name no one. */
const ownersListsSchema = z
  .object(
    {
      users: z._default(
        z.array(z.int({ error: USER_ID_MESSAGE }).check(z.positive(USER_ID_MESSAGE)), {
          error: 'Members must be a list of user ids.',
        }),
        [],
      ),
      guests: z._default(
        z.array(
          z.pipe(
            z.string({ error: 'Each guest must be an email address.' }).check(z.trim()),
            z.email({ error: 'Each guest must be a valid email address.' }),
          ),
          { error: 'Guests must be a list of email addresses.' },
        ),
        [],
      ),
      groups: z._default(
        z.array(
          z.string({ error: 'Each group must be a group id.' }).check(z.trim(), z.minLength(1, 'Each group must be a group id.')),
          { error: 'Groups must be a list of group ids.' },
        ),
        [],
      ),
    },
    { error: requiredMessage('Assignees', 'an object with users, guests and groups') },
  );

/** The assignees of a create or a one-off task's update: at least one of them. */
const ownersSchema = ownersListsSchema
  .check(
    z.refine(
      (owners) => owners.users.length + owners.guests.length + owners.groups.length > 0,
      'Choose at least one assignee: a member, a guest or a group.',
    ),
  );

// A task's title: trimmed, not empty, at most 600 characters counted by code point as Tallyfy counts them.
const titleSchema = z
  .string({ error: requiredMessage('Title', 'text') })
  .check(
    z.trim(),
    z.minLength(1, 'Title is required.'),
    z.refine((text) => codePointLength(text) <= TITLE_MAX_LENGTH, `Title must be ${TITLE_MAX_LENGTH} characters or fewer.`),
  );

const FIELD_TYPE_MESSAGE = `Form field type must be one of: ${FORM_FIELD_TYPES.join(', ')}.`;
const EMAIL_FIELD_MESSAGE = "Tallyfy's web app cannot show an email field: use a text field.";
const OPTION_ID_MESSAGE = 'Each option id must be a positive whole number.';
const COLUMN_ID_MESSAGE = 'Each column id must be a positive whole number.';

/** A dropdown's, multiselect's or radio's choice: its text, not empty. */
const formFieldOptionSchema = z.looseObject(
  {
    text: z.string({ error: requiredMessage('Option text', 'text') }).check(z.trim(), z.minLength(1, 'An option must not be empty.')),
    id: z.optional(z.int({ error: OPTION_ID_MESSAGE }).check(z.positive(OPTION_ID_MESSAGE))),
  },
  { error: 'Each option must be an object with its text.' },
);

/** A table's column: its label, not empty. */
const formFieldColumnSchema = z.looseObject(
  {
    label: z.string({ error: requiredMessage('Column label', 'text') }).check(z.trim(), z.minLength(1, 'A column must not be empty.')),
    id: z.optional(z.int({ error: COLUMN_ID_MESSAGE }).check(z.positive(COLUMN_ID_MESSAGE))),
  },
  { error: 'Each column must be an object with its label.' },
);

/** Text compared as a person reads it (trimmed, any case); a number as its digits. */
const sameText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : undefined;

/** Adds an issue at `[index, key]` for each item whose `key` repeats an earlier one's. */
function refuseRepeats(
  items: unknown,
  key: string,
  ctx: { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string; input: unknown }): void },
  message: (text: string) => string,
  path: readonly PropertyKey[] = [],
): void {
  if (!Array.isArray(items)) return;
  const seen = new Set<string>();
  items.forEach((item: unknown, index) => {
    const raw = (item as Record<string, unknown> | null)?.[key];
    const text = sameText(raw);
    if (text === undefined || text === '') return;
    if (seen.has(text)) ctx.addIssue({ code: 'custom', path: [...path, index, key], message: message(String(raw).trim()), input: raw });
    seen.add(text);
  });
}

/**
 * One form field: a label, one of Tallyfy's types and `required`; a dropdown, multiselect or radio
 * has options (a radio two at least), a table has columns, neither empty nor repeated. Tallyfy's API
 * does not check options on a task's fields (its rule looks for the type at the root of the body), so
 * a field without any would be created and could never be answered: refused here.
 */
const formFieldSchema = z
  .looseObject(
    {
      label: z
        .string({ error: requiredMessage('Form field label', 'text') })
        .check(z.trim(), z.minLength(1, 'Form field label is required.')),
      field_type: z
        .string({ error: requiredMessage('Form field type', 'text') })
        .check(
          z.trim(),
          z.minLength(1, 'Form field type is required.'),
          z.refine((type) => type === '' || type !== 'email', EMAIL_FIELD_MESSAGE),
          z.refine((type) => type === '' || type === 'email' || (FORM_FIELD_TYPES as readonly string[]).includes(type), FIELD_TYPE_MESSAGE),
        ),
      required: z.boolean({ error: 'Form field "required" must be true or false.' }),
      options: z.optional(z.array(formFieldOptionSchema, { error: 'Options must be a list.' })),
      columns: z.optional(z.array(formFieldColumnSchema, { error: 'Columns must be a list.' })),
    },
    { error: 'Each form field must be an object with label, field_type and required.' },
  )
  .check(
    z.superRefine((field, ctx) => {
      const type = typeof field.field_type === 'string' ? field.field_type.trim() : '';
      const options: unknown = field.options;
      const columns: unknown = field.columns;
      if (takesOptions(type)) {
        const count = Array.isArray(options) ? options.length : 0;
        if (options === undefined || count === 0) {
          ctx.addIssue({ code: 'custom', path: ['options'], message: 'Add at least one option.', input: options });
        } else if (type === 'radio' && count < RADIO_MIN_OPTIONS) {
          ctx.addIssue({ code: 'custom', path: ['options'], message: `Radio buttons need at least ${RADIO_MIN_OPTIONS} options.`, input: options });
        }
      }
      if (takesColumns(type) && (!Array.isArray(columns) || columns.length === 0)) {
        ctx.addIssue({ code: 'custom', path: ['columns'], message: 'Add at least one column.', input: columns });
      }
      refuseRepeats(options, 'text', ctx, (text) => `Option "${text}" is repeated.`, ['options']);
      refuseRepeats(columns, 'label', ctx, (text) => `Column "${text}" is repeated.`, ['columns']);
      refuseRepeats(options, 'id', ctx, () => 'Each option id must be unique.', ['options']);
      refuseRepeats(columns, 'id', ctx, () => 'Each column id must be unique.', ['columns']);
    }),
  );

/** The form fields: labels unique (trimmed, any case), as a person tells the fields apart. */
const formFieldsSchema = z
  .array(formFieldSchema, { error: 'Form fields must be a list.' })
  .check(z.superRefine((fields, ctx) => refuseRepeats(fields, 'label', ctx, (label) => `Another form field is labelled "${label}".`)));

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const WEBHOOK_MESSAGE = 'Webhook must be an http or https URL.';
const TAG_MESSAGE = 'Each tag must be a tag id of 32 characters.';
const MAX_ASSIGNABLE_MESSAGE = 'Maximum assignees must be a positive whole number.';

/** The zod (mini) schema of the create-task input; `validateCreateTaskInput` turns its output into the body. */
export const createTaskInputSchema = z
  .object(
    {
      title: titleSchema,
      task_type: z.enum(TASK_TYPES, {
        error: (issue) =>
          issue.input === undefined ? 'Task type is required.' : `Task type must be one of: ${TASK_TYPES.join(', ')}.`,
      }),
      owners: ownersSchema,
      deadline: dateTimeField('Deadline', true),
      description: optionalField(z.string({ error: 'Description must be text.' })),
      started_at: z.optional(dateTimeField('Start date', false)),
      separate_task_for_each_assignee: optionalBoolean('"Separate task for each assignee"'),
      max_assignable: z.optional(z.int({ error: MAX_ASSIGNABLE_MESSAGE }).check(z.positive(MAX_ASSIGNABLE_MESSAGE))),
      prevent_guest_comment: optionalBoolean('"Prevent guest comments"'),
      everyone_must_complete: optionalBoolean('"Everyone must complete"'),
      can_complete_only_assignees: optionalBoolean('"Only assignees can complete"'),
      top_secret: optionalBoolean('"Top secret"'),
      tags: z.optional(
        z.array(
          z.string({ error: TAG_MESSAGE }).check(z.trim(), z.regex(/^[A-Za-z0-9]{32}$/, TAG_MESSAGE)),
          { error: 'Tags must be a list of tag ids.' },
        ),
      ),
      form_fields: z.optional(formFieldsSchema),
      webhook: optionalField(z.string({ error: WEBHOOK_MESSAGE }).check(z.trim(), z.refine(isHttpUrl, WEBHOOK_MESSAGE))),
      run_id: optionalField(
        z.string({ error: 'Process id (run_id) must be text.' }).check(z.trim(), z.minLength(1, 'Process id (run_id) must not be empty.')),
      ),
    },
    { error: 'The task must be an object.' },
  )
  .check(
    z.superRefine((value, ctx) => {
      const start = value.started_at;
      if (start !== undefined && start.getTime() > value.deadline.getTime()) {
        ctx.addIssue({ code: 'custom', path: ['started_at'], message: 'Start date must not be after the deadline.', input: start });
      }
    }),
  );

export type CreateTaskValidation =
  | { readonly ok: true; readonly body: CreateTaskBody }
  | { readonly ok: false; readonly fieldErrors: FieldErrors };

/**
 * Validates create-task input. On success returns the exact request body (trimmed title, deduplicated
 * assignees, UTC dates, `description` copied to `summary`); otherwise messages keyed by API field path
 * (`title`, `owners`, `owners.guests.0`, `deadline`, …).
 */
export function validateCreateTaskInput(input: unknown): CreateTaskValidation {
  const result = createTaskInputSchema.safeParse(input);
  if (!result.success) {
    return { ok: false, fieldErrors: zodIssuesToFieldErrors(result.error.issues) };
  }
  const value = result.data;
  const body: CreateTaskBody = {
    title: value.title,
    task_type: value.task_type,
    owners: ownersBody(value.owners),
    deadline: formatApiDate(value.deadline),
  };
  if (value.description !== undefined) {
    body.description = value.description;
    body.summary = value.description;
  }
  if (value.started_at !== undefined) body.started_at = formatApiDate(value.started_at);
  if (value.separate_task_for_each_assignee !== undefined) body.separate_task_for_each_assignee = value.separate_task_for_each_assignee;
  if (value.max_assignable !== undefined) body.max_assignable = value.max_assignable;
  if (value.prevent_guest_comment !== undefined) body.prevent_guest_comment = value.prevent_guest_comment;
  if (value.everyone_must_complete !== undefined) body.everyone_must_complete = value.everyone_must_complete;
  if (value.can_complete_only_assignees !== undefined) body.can_complete_only_assignees = value.can_complete_only_assignees;
  if (value.top_secret !== undefined) body.top_secret = value.top_secret;
  if (value.tags !== undefined) body.tags = unique(value.tags);
  if (value.form_fields !== undefined) body.form_fields = value.form_fields.map(formFieldBody);
  if (value.webhook !== undefined) body.webhook = value.webhook;
  if (value.run_id !== undefined) body.run_id = value.run_id;
  return { ok: true, body };
}

/**
 * A form field as sent: trimmed texts, and each option and column with an id, as Tallyfy's own clients
 * send them (the one given, else the lowest whole number not taken, so 1, 2, 3… when none is given).
 */
function formFieldBody(field: z.output<typeof formFieldSchema>): FormFieldInput {
  const out: FormFieldInput = { ...field };
  if (field.options !== undefined) out.options = withIds(field.options);
  if (field.columns !== undefined) out.columns = withIds(field.columns);
  return out;
}

function withIds<T extends { id?: number | undefined }>(items: readonly T[]): Array<T & { id: number }> {
  const taken = new Set(items.map((item) => item.id).filter((id): id is number => id !== undefined));
  let next = 1;
  return items.map((item) => {
    if (item.id !== undefined) return { ...item, id: item.id };
    while (taken.has(next)) next++;
    taken.add(next);
    return { ...item, id: next };
  });
}

// ---------------------------------------------------------------------------------------------------
// Update a task: the request

/**
 * The body of `PUT /organizations/{org}/tasks/{id}` (and of a process task's `…/runs/{run}/tasks/{id}`),
 * as the client sends it: only these documented fields.
 */
export interface UpdateTaskBody {
  title: string;
  deadline: string;
  owners: { users: number[]; guests: string[]; groups: string[] };
  summary?: string;
}

/**
 * What callers hand in: API field names; the deadline as a `Date` or an ISO string with a zone. Tallyfy
 * requires `title`, `deadline` and `owners` on every update of a one-off task, and `owners` replaces the
 * whole list of assignees, so all three are required here.
 */
export interface UpdateTaskInput {
  title: string;
  deadline: Date | string;
  owners: { users?: readonly number[]; guests?: readonly string[]; groups?: readonly string[] };
  summary?: string | undefined;
}

/** The zod (mini) schema of the update-task input; unknown keys are dropped, as for a create. */
export const updateTaskInputSchema = z.object(
  {
    title: titleSchema,
    deadline: dateTimeField('Deadline', true),
    owners: ownersSchema,
    summary: optionalField(z.string({ error: 'Summary must be text.' })),
  },
  { error: 'The task must be an object.' },
);

export type UpdateTaskValidation =
  | { readonly ok: true; readonly body: UpdateTaskBody }
  | { readonly ok: false; readonly fieldErrors: FieldErrors };

/**
 * Validates update-task input. On success returns the exact request body (trimmed title, deduplicated
 * assignees, UTC deadline, `summary` only when given: a blank one is not, as a create's description);
 * otherwise messages keyed by API field path, as {@link validateCreateTaskInput} does.
 */
export function validateUpdateTaskInput(input: unknown): UpdateTaskValidation {
  const result = updateTaskInputSchema.safeParse(input);
  if (!result.success) {
    return { ok: false, fieldErrors: zodIssuesToFieldErrors(result.error.issues) };
  }
  const value = result.data;
  const body: UpdateTaskBody = {
    title: value.title,
    deadline: formatApiDate(value.deadline),
    owners: ownersBody(value.owners),
  };
  if (value.summary !== undefined) body.summary = value.summary;
  return { ok: true, body };
}

/**
 * A process task's update: every field optional, and only those given are sent (Tallyfy's "Update
 * task" page: "For process tasks, all fields are optional - include only what you're changing").
 * `owners`, when given, still replaces the whole list, and may name no one.
 */
export interface ProcessTaskUpdateInput {
  title?: string | undefined;
  deadline?: Date | string | undefined;
  owners?: { users?: readonly number[]; guests?: readonly string[]; groups?: readonly string[] } | undefined;
  summary?: string | undefined;
}

export type ProcessTaskUpdateBody = Partial<UpdateTaskBody>;

/** The zod (mini) schema of a process task's update: a field given is checked as a one-off's. */
export const processTaskUpdateInputSchema = z.object(
  {
    title: z.optional(titleSchema),
    deadline: z.optional(dateTimeField('Deadline', true)),
    owners: z.optional(ownersListsSchema),
    summary: optionalField(z.string({ error: 'Summary must be text.' })),
  },
  { error: 'The task must be an object.' },
);

export type ProcessTaskUpdateValidation =
  | { readonly ok: true; readonly body: ProcessTaskUpdateBody }
  | { readonly ok: false; readonly fieldErrors: FieldErrors };

/** Validates a process task's update: the body holds the fields given, as {@link validateUpdateTaskInput} gives them. */
export function validateProcessTaskUpdateInput(input: unknown): ProcessTaskUpdateValidation {
  const result = processTaskUpdateInputSchema.safeParse(input);
  if (!result.success) {
    return { ok: false, fieldErrors: zodIssuesToFieldErrors(result.error.issues) };
  }
  const value = result.data;
  const body: ProcessTaskUpdateBody = {};
  if (value.title !== undefined) body.title = value.title;
  if (value.deadline !== undefined) body.deadline = formatApiDate(value.deadline);
  if (value.owners !== undefined) body.owners = ownersBody(value.owners);
  if (value.summary !== undefined) body.summary = value.summary;
  return { ok: true, body };
}

/** The assignees as sent: each list without repeats. */
function ownersBody(owners: z.output<typeof ownersListsSchema>): { users: number[]; guests: string[]; groups: string[] } {
  return { users: unique(owners.users), guests: unique(owners.guests), groups: unique(owners.groups) };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Turns zod issues into messages keyed by dotted field path (`_form` for the whole input). */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length === 0 ? FORM_ERROR_KEY : issue.path.map(String).join('.');
    const list = (out[key] ??= []);
    if (!list.includes(issue.message)) {
      list.push(issue.message);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Answers: parsed tolerantly. Unknown fields are kept in `raw`; missing optional fields are fine.

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function integer(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export interface TaskUser {
  readonly id: number;
  readonly fullName?: string;
  readonly email?: string;
  readonly profilePic?: string;
}

export interface TaskGroup {
  readonly id: string;
  readonly name?: string;
}

/** A task as the API answers it, normalized. Dates are UTC ISO strings (`2025-07-15T17:00:00Z`). */
export interface Task {
  readonly id: string;
  readonly incrementId?: number;
  readonly title: string;
  readonly status: string;
  readonly taskType: string;
  readonly summary?: string;
  readonly runId?: string;
  readonly stepId?: string;
  readonly owners: { readonly users: readonly TaskUser[]; readonly guests: readonly string[]; readonly groups: readonly TaskGroup[] };
  readonly deadline?: string;
  readonly startedAt?: string;
  readonly createdAt?: string;
  readonly lastUpdated?: string;
  readonly completedAt?: string;
  readonly archivedAt?: string;
  /** `completed_at` is set, or the status says completed. */
  readonly isCompleted: boolean;
  /** The answer object as received, unknown fields included. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * A user as answers carry one: an id (a number, or digits as text), or an object with `id` and a name
 * (`full_name`, else `first_name` and `last_name`). Undefined without a whole-number id.
 */
export function parseTaskUser(value: unknown): TaskUser | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return { id: value };
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return { id: Number(value) };
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const id = integer(record['id']);
    if (id === undefined) return undefined;
    const fullName = typeof record['full_name'] === 'string' && record['full_name'] !== ''
      ? record['full_name']
      : joinName(record['first_name'], record['last_name']);
    return compact({ id, fullName, email: text(record['email']), profilePic: text(record['profile_pic']) });
  }
  return undefined;
}

function toGuest(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (value !== null && typeof value === 'object') {
    const email = (value as Record<string, unknown>)['email'];
    return typeof email === 'string' && email !== '' ? email : undefined;
  }
  return undefined;
}

function toGroup(value: unknown): TaskGroup | undefined {
  if ((typeof value === 'string' && value !== '') || typeof value === 'number') {
    return { id: String(value) };
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const id = idText(record['id']);
    if (id === undefined) return undefined;
    return compact({ id, name: text(record['name']) });
  }
  return undefined;
}

function listOf<T>(value: unknown, map: (item: unknown) => T | undefined): T[] {
  if (!Array.isArray(value)) return [];
  const out: T[] = [];
  for (const item of value) {
    const mapped = map(item);
    if (mapped !== undefined) out.push(mapped);
  }
  return out;
}

function joinName(first: unknown, last: unknown): string | undefined {
  const parts = [first, last].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return parts.length === 0 ? undefined : parts.join(' ');
}

/** Drops keys whose value is undefined (for exact optional property types). */
function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== undefined) out[key] = inner;
  }
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** Parses one task answer (`data` of a task endpoint). Returns undefined when there is no usable id. */
export function parseTask(value: unknown): Task | undefined {
  const t = asRecord(value);
  if (!t) return undefined;
  const id = idText(t['id']);
  if (id === undefined) return undefined;
  const owners = asRecord(t['owners']) ?? {};
  const status = text(t['status']) ?? '';
  const completedAt = normalizeApiDate(t['completed_at']);
  return compact({
    id,
    incrementId: integer(t['increment_id']),
    title: text(t['title']) ?? text(t['name']) ?? '',
    status,
    taskType: nonEmptyText(t['task_type']) ?? 'task',
    summary: text(t['summary']) ?? text(t['description']),
    runId: idText(t['run_id']),
    stepId: idText(t['step_id']),
    owners: {
      users: listOf(owners['users'], parseTaskUser),
      guests: listOf(owners['guests'], toGuest),
      groups: listOf(owners['groups'], toGroup),
    },
    deadline: normalizeApiDate(t['deadline']),
    startedAt: normalizeApiDate(t['started_at']),
    createdAt: normalizeApiDate(t['created_at']),
    lastUpdated: normalizeApiDate(t['last_updated']) ?? normalizeApiDate(t['updated_at']),
    completedAt,
    // Tallyfy's task answers show `archived_at` (its get-task page); archiving sets the model's
    // `deleted_at` (its archive-task page), which an answer may carry instead.
    archivedAt: normalizeApiDate(t['archived_at']) ?? normalizeApiDate(t['deleted_at']),
    isCompleted: isDone({ status, completedAt }),
    raw: t,
  });
}

// People, groups, tags, organizations.

export interface CurrentUser {
  readonly id: number;
  readonly email: string;
  readonly username?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Full name when known, else the email. */
  readonly displayName: string;
  readonly timezone?: string;
}

export interface Organization {
  readonly id: string;
  readonly name: string;
}

export interface Member {
  readonly id: number;
  readonly email: string;
  readonly fullName: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** The member's user name, when the answer has one (for matching `TODO(name)`). */
  readonly username?: string;
  readonly profilePic?: string;
  /** `active`, `invited` or `disabled`, when given. */
  readonly status?: string;
}

export interface Group {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly members: readonly number[];
  readonly guests: readonly string[];
}

export interface Guest {
  readonly id?: string;
  readonly email: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly displayName: string;
}

export interface Tag {
  readonly id: string;
  readonly title: string;
  readonly color?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function parseCurrentUser(value: unknown): CurrentUser | undefined {
  const r = asRecord(value);
  if (!r) return undefined;
  const id = integer(r['id']);
  const email = text(r['email']);
  if (id === undefined || email === undefined) return undefined;
  const firstName = text(r['first_name']);
  const lastName = text(r['last_name']);
  const fullName = text(r['full_name']) || joinName(firstName, lastName);
  return compact({
    id,
    email,
    username: text(r['username']),
    firstName,
    lastName,
    displayName: fullName ?? email,
    timezone: text(r['timezone']),
  });
}

export function parseOrganization(value: unknown): Organization | undefined {
  const r = asRecord(value);
  if (!r) return undefined;
  const id = idText(r['id']);
  if (id === undefined) return undefined;
  return { id, name: text(r['name']) ?? id };
}

export function parseMember(value: unknown): Member | undefined {
  const r = asRecord(value);
  if (!r) return undefined;
  const id = integer(r['id']);
  const email = text(r['email']);
  if (id === undefined || email === undefined) return undefined;
  const firstName = text(r['first_name']);
  const lastName = text(r['last_name']);
  return compact({
    id,
    email,
    fullName: text(r['full_name']) || joinName(firstName, lastName) || email,
    firstName,
    lastName,
    username: text(r['username']),
    profilePic: text(r['profile_pic']),
    status: text(r['status']),
  });
}

export function parseGroup(value: unknown): Group | undefined {
  const r = asRecord(value);
  if (!r) return undefined;
  const id = idText(r['id']);
  if (id === undefined) return undefined;
  return compact({
    id,
    name: text(r['name']) ?? id,
    description: text(r['description']),
    members: listOf(r['members'], (item) => parseTaskUser(item)?.id),
    guests: listOf(r['guests'], toGuest),
  });
}

export function parseGuest(value: unknown): Guest | undefined {
  const r = asRecord(value);
  if (!r) return undefined;
  const email = text(r['email']);
  if (email === undefined) return undefined;
  const firstName = text(r['first_name']);
  const lastName = text(r['last_name']);
  return compact({
    id: idText(r['id']),
    email,
    firstName,
    lastName,
    displayName: joinName(firstName, lastName) ?? email,
  });
}

export function parseTag(value: unknown): Tag | undefined {
  const r = asRecord(value);
  if (!r) return undefined;
  const id = idText(r['id']);
  if (id === undefined) return undefined;
  return compact({ id, title: text(r['title']) ?? id, color: text(r['color']) });
}

// Pagination: `meta.pagination` with `links` as an object, an object of nulls, an empty array or missing.

export interface Pagination {
  readonly total?: number;
  readonly count?: number;
  readonly perPage?: number;
  readonly currentPage?: number;
  readonly totalPages?: number;
  readonly hasNextLink: boolean;
}

/** The last page number, when the pagination tells it (`perPage`: the page size asked for). */
export function lastPageOf(pagination: Pagination | undefined, perPage: number): number | undefined {
  if (pagination === undefined) return undefined;
  if (pagination.totalPages !== undefined) return pagination.totalPages;
  if (pagination.total !== undefined) return Math.max(1, Math.ceil(pagination.total / (pagination.perPage ?? perPage)));
  return undefined;
}

export function parsePagination(meta: unknown): Pagination | undefined {
  const pagination = asRecord(asRecord(meta)?.['pagination']);
  if (!pagination) return undefined;
  const links = asRecord(pagination['links']);
  const next = links?.['next'];
  return compact({
    total: integer(pagination['total']),
    count: integer(pagination['count']),
    perPage: integer(pagination['per_page']),
    currentPage: integer(pagination['current_page']),
    totalPages: integer(pagination['total_pages']),
    hasNextLink: typeof next === 'string' && next.trim() !== '',
  });
}

/** Whether another page follows: stop at current_page >= total_pages, else when there is no `links.next`. */
export function hasMorePages(pagination: Pagination | undefined): boolean {
  if (pagination === undefined) return false;
  if (pagination.totalPages !== undefined && pagination.currentPage !== undefined) {
    return pagination.currentPage < pagination.totalPages;
  }
  return pagination.hasNextLink;
}
