// The form's values exactly as typed, their conversion to the API's create-task input, and validation
// with the shared schema, its field paths mapped back to the form's controls.
import * as z from 'zod/mini';
import { FORM_ERROR_KEY, type FieldErrors } from '../tallyfy/errors';
import { FORM_FIELD_TYPES, TASK_TYPES, validateCreateTaskInput, type CreateTaskBody, type CreateTaskInput, type TaskType } from '../tallyfy/schema';
import { localToInstant, localZone, type ZoneOffset } from './dates';
import { FORM_FIELD_PARTS, formFieldsInput, rowKey, type FormFieldDraft, type FormFieldPart, type FormFieldRowKey } from './formFields';
import { composeDescription, type SourceInfo } from './prefill';

export interface FormAssignees {
  /** Member (user) ids. */
  users: number[];
  /** Group ids. */
  groups: string[];
  /** Guest email addresses. */
  guests: string[];
}

export interface FormAdvanced {
  /** `YYYY-MM-DD`, or '' for none. */
  startDate: string;
  /** `HH:MM`, or '' (the start of the day when a start date is given). */
  startTime: string;
  separateTaskForEachAssignee: boolean;
  /** As typed: '' for no limit. */
  maxAssignable: string;
  everyoneMustComplete: boolean;
  canCompleteOnlyAssignees: boolean;
  preventGuestComment: boolean;
  topSecret: boolean;
  /** Tag ids. */
  tags: string[];
  webhook: string;
  runId: string;
  /** What the assignee fills in on completion, in the order shown. */
  formFields: FormFieldDraft[];
}

/** Everything the form holds, strings as typed. Dates are local to whoever shows the form. */
export interface FormValues {
  title: string;
  taskType: TaskType;
  assignees: FormAssignees;
  /** `YYYY-MM-DD` */
  deadlineDate: string;
  /** `HH:MM` */
  deadlineTime: string;
  /** The notes the user writes; the source reference is added after them when `includeSource` is on. */
  description: string;
  /** Whether the description ends with where the TODO came from (path, link, quoted code). */
  includeSource: boolean;
  advanced: FormAdvanced;
}

/**
 * The form's controls, which errors are shown next to, in the order they appear (the first with an error
 * gets the focus). `form` is the message area above the buttons.
 */
export const FORM_FIELDS = [
  'title',
  'taskType',
  'assignees',
  'deadline',
  'description',
  'startDate',
  'separateTaskForEachAssignee',
  'maxAssignable',
  'everyoneMustComplete',
  'canCompleteOnlyAssignees',
  'preventGuestComment',
  'topSecret',
  'tags',
  'webhook',
  'runId',
  'formFields',
  'form',
] as const;
/** A control of the form, or a part of one of its form fields' rows (`formFields.<key>.label`). */
export type FormField = (typeof FORM_FIELDS)[number] | FormFieldRowKey;

export type FormErrors = Partial<Record<FormField, string[]>>;

export function emptyAdvanced(): FormAdvanced {
  return {
    startDate: '',
    startTime: '',
    separateTaskForEachAssignee: false,
    maxAssignable: '',
    everyoneMustComplete: false,
    canCompleteOnlyAssignees: false,
    preventGuestComment: false,
    topSecret: false,
    tags: [],
    webhook: '',
    runId: '',
    formFields: [],
  };
}

export function emptyValues(): FormValues {
  return {
    title: '',
    taskType: 'task',
    assignees: { users: [], groups: [], guests: [] },
    deadlineDate: '',
    deadlineTime: '',
    description: '',
    includeSource: true,
    advanced: emptyAdvanced(),
  };
}

// ---------------------------------------------------------------------------------------------------
// The values' schema, for values that come back from a message or the webview's saved state.

const MAX_TEXT = 100_000;
const MAX_ITEMS = 500;
const shortText = (max = 2_000) => z.string().check(z.maxLength(max));

export const formValuesSchema = z.object({
  title: shortText(10_000),
  taskType: z.enum(TASK_TYPES),
  assignees: z.object({
    users: z.array(z.int().check(z.positive())).check(z.maxLength(MAX_ITEMS)),
    groups: z.array(shortText(200)).check(z.maxLength(MAX_ITEMS)),
    guests: z.array(shortText(320)).check(z.maxLength(MAX_ITEMS)),
  }),
  deadlineDate: shortText(40),
  deadlineTime: shortText(40),
  description: z.string().check(z.maxLength(MAX_TEXT)),
  includeSource: z.boolean(),
  advanced: z.object({
    startDate: shortText(40),
    startTime: shortText(40),
    separateTaskForEachAssignee: z.boolean(),
    maxAssignable: shortText(40),
    everyoneMustComplete: z.boolean(),
    canCompleteOnlyAssignees: z.boolean(),
    preventGuestComment: z.boolean(),
    topSecret: z.boolean(),
    tags: z.array(shortText(200)).check(z.maxLength(MAX_ITEMS)),
    webhook: shortText(),
    runId: shortText(200),
    // Values saved before the form had form fields have none.
    formFields: z._default(
      z
        .array(
          z.object({
            key: z.string().check(z.regex(/^[A-Za-z0-9]{1,20}$/)),
            label: shortText(10_000),
            type: z.enum(FORM_FIELD_TYPES),
            required: z.boolean(),
            options: z.string().check(z.maxLength(MAX_TEXT)),
            columns: z.string().check(z.maxLength(MAX_TEXT)),
          }),
        )
        .check(z.maxLength(MAX_ITEMS)),
      [],
    ),
  }),
});

/** Valid values, or undefined. */
export function parseFormValues(value: unknown): FormValues | undefined {
  const result = formValuesSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Conversion

export interface ConversionContext {
  /** The zone the dates were typed in; the machine's own by default (in the webview: the viewer's). */
  readonly zone?: ZoneOffset;
  /** Where the TODO came from, added to the description when `includeSource` is on. */
  readonly source?: SourceInfo | undefined;
}

/** The description exactly as it will be sent: the notes, then the source reference when included. */
export function descriptionToSend(values: Pick<FormValues, 'description' | 'includeSource'>, source?: SourceInfo): string {
  return composeDescription(values.description, values.includeSource ? source : undefined);
}

/**
 * A local date and time as an instant in `zone`; '' when both are empty. Incomplete or unreadable text
 * goes to the schema as is, so it reports "must be a valid date and time".
 */
export function toInstantOrRaw(date: string, time: string, zone: ZoneOffset): Date | string {
  const d = date.trim();
  const t = time.trim();
  if (d === '' && t === '') return '';
  if (d === '' || t === '') return `${d} ${t}`.trim();
  return localToInstant(d, t, zone) ?? `${d} ${t}`;
}

function maxAssignableInput(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * The create-task input for the shared schema: local dates converted to instants in `zone`, the
 * description composed, empty optional fields left out. Not yet validated.
 */
export function toCreateTaskInput(values: FormValues, context: ConversionContext = {}): CreateTaskInput {
  const zone = context.zone ?? localZone;
  const a = values.advanced;
  const input: CreateTaskInput = {
    title: values.title,
    task_type: values.taskType,
    owners: { users: values.assignees.users, groups: values.assignees.groups, guests: values.assignees.guests },
    deadline: toInstantOrRaw(values.deadlineDate, values.deadlineTime, zone),
  };
  const description = descriptionToSend(values, context.source);
  if (description.trim() !== '') input.description = description;
  // A start date alone means the start of that day.
  const start = toInstantOrRaw(a.startDate, a.startDate.trim() !== '' && a.startTime.trim() === '' ? '00:00' : a.startTime, zone);
  if (start !== '') input.started_at = start;
  if (a.separateTaskForEachAssignee) input.separate_task_for_each_assignee = true;
  const max = maxAssignableInput(a.maxAssignable);
  if (max !== undefined) input.max_assignable = max;
  if (a.everyoneMustComplete) input.everyone_must_complete = true;
  if (a.canCompleteOnlyAssignees) input.can_complete_only_assignees = true;
  if (a.preventGuestComment) input.prevent_guest_comment = true;
  if (a.topSecret) input.top_secret = true;
  if (a.tags.length > 0) input.tags = a.tags;
  if (a.webhook.trim() !== '') input.webhook = a.webhook.trim();
  if (a.runId.trim() !== '') input.run_id = a.runId.trim();
  if (a.formFields.length > 0) input.form_fields = formFieldsInput(a.formFields);
  return input;
}

/** The create-task input as JSON for the `submit` message: dates as UTC ISO strings. */
export type CreateTaskInputJson = Omit<CreateTaskInput, 'deadline' | 'started_at'> & {
  deadline: string;
  started_at?: string | undefined;
};

// ---------------------------------------------------------------------------------------------------
// Validation

const PATH_TO_FIELD: ReadonlyArray<readonly [RegExp, FormField]> = [
  [/^title$/, 'title'],
  [/^task_type$/, 'taskType'],
  [/^owners(\.|$)/, 'assignees'],
  [/^deadline$/, 'deadline'],
  [/^(description|summary)$/, 'description'],
  [/^started_at$/, 'startDate'],
  [/^separate_task_for_each_assignee$/, 'separateTaskForEachAssignee'],
  [/^max_assignable$/, 'maxAssignable'],
  [/^everyone_must_complete$/, 'everyoneMustComplete'],
  [/^can_complete_only_assignees$/, 'canCompleteOnlyAssignees'],
  [/^prevent_guest_comment$/, 'preventGuestComment'],
  [/^top_secret$/, 'topSecret'],
  [/^tags(\.|$)/, 'tags'],
  [/^webhook$/, 'webhook'],
  [/^run_id$/, 'runId'],
  [/^form_fields(\.|$)/, 'formFields'],
];

/** The control an API field path belongs to (`owners.guests.0` → `assignees`); `form` when none. */
export function fieldForPath(path: string): FormField {
  for (const [pattern, field] of PATH_TO_FIELD) {
    if (pattern.test(path)) return field;
  }
  return 'form';
}

/** The part of a form field's row an API path below `form_fields.<index>` names. */
function rowPartOf(rest: string | undefined): FormFieldPart {
  const name = rest?.split('.')[0];
  switch (name) {
    case 'label':
      return 'label';
    case 'field_type':
      return 'type';
    case 'options':
      return 'options';
    case 'columns':
      return 'columns';
    default:
      return 'row';
  }
}

/**
 * The control (or the part of a form field's row) an API path belongs to: `form_fields.2.options.1.text`
 * → the options of the form's third row, when `values` has one; `formFields` otherwise.
 */
export function errorKeyForPath(path: string, values?: NamedValues): FormField {
  const row = /^form_fields\.(\d+)(?:\.(.+))?$/.exec(path);
  const field = row === null ? undefined : values?.advanced?.formFields[Number(row[1])];
  return field === undefined ? fieldForPath(path) : rowKey(field.key, rowPartOf(row?.[2]));
}

/** The controls and rows' parts in the order they appear: the first with an error gets the focus. */
export function errorOrder(values: NamedValues): FormField[] {
  const rows = values.advanced?.formFields ?? [];
  return FORM_FIELDS.flatMap((field): FormField[] =>
    field === 'formFields' ? [field, ...rows.flatMap((row) => FORM_FIELD_PARTS.map((part) => rowKey(row.key, part)))] : [field],
  );
}

/** The values a message can name: the task form's, or an edit's (which has no advanced part). */
export type NamedValues = Pick<FormValues, 'assignees' | 'deadlineDate' | 'deadlineTime'> & Partial<Pick<FormValues, 'advanced'>>;

/** A clearer message for one path, using the value it names when there is one. */
function clarify(path: string, message: string, values: NamedValues | undefined): string {
  if (values === undefined) return message;
  const item = /^owners\.(guests|users|groups)\.(\d+)$/.exec(path);
  if (item) {
    const list = values.assignees[item[1] as keyof FormAssignees] as ReadonlyArray<string | number>;
    const value = list[Number(item[2])];
    if (item[1] === 'guests' && value !== undefined) return `"${String(value)}" is not a valid email address for a guest.`;
  }
  const tag = /^tags\.(\d+)$/.exec(path);
  if (tag) {
    const value = values.advanced?.tags[Number(tag[1])];
    if (value !== undefined) return `Tag "${value}" is not a tag id of 32 characters.`;
  }
  if (path === 'deadline' && values.deadlineTime.trim() === '' && values.deadlineDate.trim() !== '') {
    return 'Deadline needs a time.';
  }
  return message;
}

/**
 * Schema (or server) messages keyed by API path, moved to the controls they belong to. Paths no control
 * owns, and `_form`, go to `form`, prefixed with the path so nothing is lost.
 */
export function mapFieldErrors(fieldErrors: FieldErrors, values?: NamedValues): FormErrors {
  const out: FormErrors = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const field = errorKeyForPath(path, values);
    const list = (out[field] ??= []);
    for (const raw of messages) {
      let message = clarify(path, raw, values);
      if (field === 'form' && path !== FORM_ERROR_KEY) message = `${path}: ${message}`;
      if (!list.includes(message)) list.push(message);
    }
  }
  return out;
}

export type FormValidation =
  | { readonly ok: true; readonly body: CreateTaskBody; readonly input: CreateTaskInputJson }
  | { readonly ok: false; readonly errors: FormErrors };

/**
 * Runs the shared create-task schema on the values. On success gives the exact request body and the
 * input to send in the `submit` message; otherwise messages per control.
 */
export function validateForm(values: FormValues, context: ConversionContext = {}): FormValidation {
  const input = toCreateTaskInput(values, context);
  const result = validateCreateTaskInput(input);
  if (!result.ok) {
    return { ok: false, errors: mapFieldErrors(result.fieldErrors, values) };
  }
  const rest: Partial<CreateTaskInput> = { ...input };
  delete rest.deadline;
  delete rest.started_at;
  const json = { ...rest, deadline: result.body.deadline } as CreateTaskInputJson;
  if (result.body.started_at !== undefined) json.started_at = result.body.started_at;
  return { ok: true, body: result.body, input: json };
}

/** Counts characters as the schema does (code points), for the title's live counter. */
export function characterCount(text: string): number {
  return [...text.trim()].length;
}
