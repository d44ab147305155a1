// The form's behaviour without the DOM: initial values, the people and tags on offer, which errors to
// show, the submit gate (a second click sends nothing), failures with their countdown, and the state
// kept across hide and show. The webview script only renders this and forwards events.
import { TASK_TYPES, TITLE_MAX_LENGTH, type TaskType } from '../tallyfy/schema';
import { instantToLocal, localZone, type ZoneOffset } from './dates';
import type {
  CreatedMessage,
  FromWebviewMessage,
  GroupOption,
  GuestOption,
  InitMessage,
  MemberOption,
  OptionsMessage,
  SearchResultsMessage,
  SubmitAction,
  SubmitFailedMessage,
  TagOption,
} from './protocol';
import { parseToWebview } from './protocol';
import { isRowKey } from './formFields';
import { fill, type FormStrings } from './strings';
import {
  characterCount,
  FORM_FIELDS,
  emptyValues,
  errorOrder,
  mapFieldErrors,
  parseFormValues,
  validateForm,
  type ConversionContext,
  type FormAssignees,
  type FormErrors,
  type FormField,
  type FormValues,
} from './values';

/** A copy of `value` without `keys`. */
function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy: Partial<T> = { ...value };
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}

// ---------------------------------------------------------------------------------------------------
// Options: the members, groups, guests and tags the form knows about

export interface FormOptions {
  readonly members: readonly MemberOption[];
  readonly groups: readonly GroupOption[];
  readonly guests: readonly GuestOption[];
  readonly tags: readonly TagOption[];
}

export const NO_OPTIONS: FormOptions = { members: [], groups: [], guests: [], tags: [] };

function mergeBy<T>(current: readonly T[], incoming: readonly T[] | undefined, key: (item: T) => string): readonly T[] {
  if (incoming === undefined || incoming.length === 0) return current;
  const map = new Map(current.map((item) => [key(item), item] as const));
  for (const item of incoming) map.set(key(item), item);
  return [...map.values()];
}

/** The known options plus new ones (same id: the newer wins). */
export function mergeOptions(current: FormOptions, incoming: Partial<FormOptions> | OptionsMessage | InitMessage): FormOptions {
  return {
    members: mergeBy(current.members, incoming.members, (m) => String(m.id)),
    groups: mergeBy(current.groups, incoming.groups, (g) => g.id),
    guests: mergeBy(current.guests, incoming.guests, (g) => g.email.toLowerCase()),
    tags: mergeBy(current.tags, incoming.tags, (t) => t.id),
  };
}

/** Search results become known options too, so a chosen result keeps its name. */
export function mergeSearchResults(current: FormOptions, message: SearchResultsMessage): FormOptions {
  switch (message.kind) {
    case 'members':
      return mergeOptions(current, { members: message.members });
    case 'groups':
      return mergeOptions(current, { groups: message.groups });
    case 'guests':
      return mergeOptions(current, { guests: message.guests });
    case 'tags':
      return mergeOptions(current, { tags: message.tags });
  }
}

// ---------------------------------------------------------------------------------------------------
// Pickers

export type ChoiceKind = 'member' | 'group' | 'guest' | 'tag';

export interface Choice {
  readonly kind: ChoiceKind;
  /** The id (as text) or the guest's email. */
  readonly value: string;
  readonly label: string;
  /** A second line: email, "Group", "Guest". */
  readonly detail?: string;
  /** For a typed email that is nobody known yet: "Add guest …". */
  readonly isNew?: boolean;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function looksLikeEmail(text: string): boolean {
  return EMAIL_PATTERN.test(text.trim());
}

function matches(query: string, ...fields: ReadonlyArray<string | undefined>): boolean {
  if (query === '') return true;
  return fields.some((field) => field !== undefined && field.toLowerCase().includes(query));
}

/** The words a choice is named with. */
export type ChoiceStrings = Pick<FormStrings, 'you' | 'group' | 'guest' | 'member' | 'addGuest'>;

function memberLabel(member: MemberOption, me: MemberOption | undefined, strings: ChoiceStrings): string {
  return me !== undefined && me.id === member.id ? fill(strings.you, { name: member.name }) : member.name;
}

/** Members, groups and known guests matching the typed text, not yet chosen; a typed email can be added as a guest. */
export function assigneeSuggestions(
  query: string,
  options: FormOptions,
  selected: FormAssignees,
  strings: ChoiceStrings,
  me?: MemberOption,
  limit = 30,
): Choice[] {
  const q = query.trim().toLowerCase();
  const out: Choice[] = [];
  const guestsChosen = new Set(selected.guests.map((g) => g.toLowerCase()));
  const known = new Set<string>();
  const members = me !== undefined && !options.members.some((m) => m.id === me.id) ? [me, ...options.members] : options.members;
  for (const member of members) {
    if (member.email !== undefined) known.add(member.email.toLowerCase());
    if (selected.users.includes(member.id) || !matches(q, member.name, member.email)) continue;
    const pick: { -readonly [K in keyof Choice]: Choice[K] } = { kind: 'member', value: String(member.id), label: memberLabel(member, me, strings) };
    if (member.email !== undefined) pick.detail = member.email;
    out.push(pick);
  }
  for (const group of options.groups) {
    if (selected.groups.includes(group.id) || !matches(q, group.name)) continue;
    out.push({ kind: 'group', value: group.id, label: group.name, detail: strings.group });
  }
  for (const guest of options.guests) {
    known.add(guest.email.toLowerCase());
    if (guestsChosen.has(guest.email.toLowerCase()) || !matches(q, guest.name, guest.email)) continue;
    out.push({ kind: 'guest', value: guest.email, label: guest.name ?? guest.email, detail: strings.guest });
  }
  const typed = query.trim();
  if (looksLikeEmail(typed) && !known.has(typed.toLowerCase()) && !guestsChosen.has(typed.toLowerCase())) {
    out.unshift({ kind: 'guest', value: typed, label: fill(strings.addGuest, { email: typed }), detail: strings.guest, isNew: true });
  }
  return out.slice(0, limit);
}

/** Tags matching the typed text, not yet chosen. */
export function tagSuggestions(query: string, options: FormOptions, selected: readonly string[], limit = 30): Choice[] {
  const q = query.trim().toLowerCase();
  return options.tags
    .filter((tag) => !selected.includes(tag.id) && matches(q, tag.title))
    .slice(0, limit)
    .map((tag) => ({ kind: 'tag', value: tag.id, label: tag.title }));
}

/** The chosen assignees with their names, in the order members, groups, guests. */
export function chosenAssignees(assignees: FormAssignees, options: FormOptions, strings: ChoiceStrings, me?: MemberOption): Choice[] {
  const members = me !== undefined ? [me, ...options.members] : options.members;
  return [
    ...assignees.users.map((id): Choice => {
      const member = members.find((m) => m.id === id);
      return { kind: 'member', value: String(id), label: member ? memberLabel(member, me, strings) : `#${id}`, detail: strings.member };
    }),
    ...assignees.groups.map((id): Choice => ({
      kind: 'group',
      value: id,
      label: options.groups.find((g) => g.id === id)?.name ?? id,
      detail: strings.group,
    })),
    ...assignees.guests.map((email): Choice => ({
      kind: 'guest',
      value: email,
      label: options.guests.find((g) => g.email.toLowerCase() === email.toLowerCase())?.name ?? email,
      detail: strings.guest,
    })),
  ];
}

export function chosenTags(tags: readonly string[], options: FormOptions): Choice[] {
  return tags.map((id) => ({ kind: 'tag', value: id, label: options.tags.find((t) => t.id === id)?.title ?? id }));
}

export function addAssignee(assignees: FormAssignees, pick: Choice): FormAssignees {
  switch (pick.kind) {
    case 'member': {
      const id = Number(pick.value);
      return Number.isInteger(id) && !assignees.users.includes(id) ? { ...assignees, users: [...assignees.users, id] } : assignees;
    }
    case 'group':
      return assignees.groups.includes(pick.value) ? assignees : { ...assignees, groups: [...assignees.groups, pick.value] };
    case 'guest': {
      const email = pick.value.trim();
      return assignees.guests.some((g) => g.toLowerCase() === email.toLowerCase())
        ? assignees
        : { ...assignees, guests: [...assignees.guests, email] };
    }
    case 'tag':
      return assignees;
  }
}

export function removeAssignee(assignees: FormAssignees, pick: Choice): FormAssignees {
  switch (pick.kind) {
    case 'member':
      return { ...assignees, users: assignees.users.filter((id) => String(id) !== pick.value) };
    case 'group':
      return { ...assignees, groups: assignees.groups.filter((id) => id !== pick.value) };
    case 'guest':
      return { ...assignees, guests: assignees.guests.filter((email) => email !== pick.value) };
    case 'tag':
      return assignees;
  }
}

// ---------------------------------------------------------------------------------------------------
// Initial values

/** The task types to offer, in the API's order unless `init` names some. */
export function offeredTaskTypes(init: Partial<Pick<InitMessage, 'taskTypes'>> | undefined): readonly TaskType[] {
  const types = init?.taskTypes;
  return types !== undefined && types.length > 0 ? [...new Set(types)] : TASK_TYPES;
}

/** The form's starting values from `init` (its draft aside): the TODO's title and notes, the default deadline and the signed-in user. */
export function initialValues(init: InitMessage, zone: ZoneOffset = localZone): FormValues {
  const values = emptyValues();
  values.title = init.title;
  values.description = init.description;
  values.taskType = offeredTaskTypes(init)[0] ?? 'task';
  const deadline = instantToLocal(new Date(init.defaultDeadline), zone);
  values.deadlineDate = deadline.date;
  values.deadlineTime = deadline.time;
  if (init.me !== undefined) values.assignees.users = [init.me.id];
  return values;
}

// ---------------------------------------------------------------------------------------------------
// The form's state

export type Phase = 'loading' | 'editing' | 'submitting' | 'created';

export interface Failure {
  readonly message: string;
  readonly action?: SubmitAction;
  /** When the "try again" countdown ends (ms since the epoch). */
  readonly retryAt?: number;
}

export interface FormState {
  readonly phase: Phase;
  /** Identifies the TODO the values belong to (`init.formId`), so saved state is only restored onto the same one. */
  readonly formId?: string;
  readonly values: FormValues;
  /** The values from `init` without a draft: what "Discard draft" and "Create another" go back to. */
  readonly initial: FormValues;
  readonly touched: readonly FormField[];
  readonly submitAttempted: boolean;
  /** Errors from the last failed submit, per control; a control's are cleared when it changes. */
  readonly serverErrors: FormErrors;
  readonly failure?: Failure;
  readonly created?: CreatedMessage;
  readonly draftRestored: boolean;
}

export function loadingState(): FormState {
  const values = emptyValues();
  return { phase: 'loading', values, initial: values, touched: [], submitAttempted: false, serverErrors: {}, draftRestored: false };
}

/**
 * The state after `init`. Saved state (`restored`, from the webview's `getState`) wins over the draft
 * and the defaults when it belongs to the same TODO: it holds what was typed before the form was hidden.
 */
export function applyInit(init: InitMessage, restored?: FormState, zone: ZoneOffset = localZone): FormState {
  const initial = initialValues(init, zone);
  const base: FormState = {
    phase: 'editing',
    values: init.draft ?? initial,
    initial,
    touched: [],
    submitAttempted: false,
    serverErrors: {},
    draftRestored: init.draft !== undefined,
  };
  const withId = init.formId === undefined ? base : { ...base, formId: init.formId };
  if (restored === undefined || restored.phase === 'loading' || restored.formId !== init.formId) return withId;
  return {
    ...withId,
    phase: restored.phase === 'created' && restored.created !== undefined ? 'created' : 'editing',
    values: restored.values,
    touched: restored.touched,
    submitAttempted: restored.submitAttempted,
    serverErrors: restored.serverErrors,
    draftRestored: restored.draftRestored,
    ...(restored.failure !== undefined ? { failure: restored.failure } : {}),
    ...(restored.created !== undefined ? { created: restored.created } : {}),
  };
}

/**
 * The state after the session changed: a form whose assignees nobody chose yet (untouched and empty)
 * gets the signed-in user, as a form opened signed in starts with.
 */
export function applySession(state: FormState, me: MemberOption | undefined): FormState {
  if (me === undefined || state.touched.includes('assignees')) return state;
  const { users, groups, guests } = state.values.assignees;
  if (users.length + groups.length + guests.length > 0) return state;
  const assignees = { users: [me.id], groups: [], guests: [] };
  return { ...state, values: { ...state.values, assignees }, initial: { ...state.initial, assignees } };
}

/**
 * The state after the TODO's owners were matched: a form whose assignees nobody chose (untouched, from
 * no draft) is assigned to them instead of the signed-in user.
 */
export function applyOwners(state: FormState, owners: readonly MemberOption[]): FormState {
  if (owners.length === 0 || state.touched.includes('assignees') || state.draftRestored || state.phase !== 'editing') return state;
  const assignees = { users: owners.map((m) => m.id), groups: [], guests: [] };
  return { ...state, values: { ...state.values, assignees }, initial: { ...state.initial, assignees } };
}

/** Which errors show: the controls touched, whether a submit was tried, and the server's per control. */
export interface ErrorGate {
  readonly touched: readonly FormField[];
  readonly submitAttempted: boolean;
  readonly serverErrors: FormErrors;
}

/** The state after the user changed one control: new values, the control touched, its server errors gone. */
export function edit<S extends ErrorGate & { readonly values: unknown }>(state: S, field: FormField, values: S['values']): S {
  const serverErrors = without(state.serverErrors, field);
  return {
    ...state,
    values,
    touched: state.touched.includes(field) ? state.touched : [...state.touched, field],
    serverErrors,
  };
}

/**
 * Forgets what was said about a form field's row (it was removed): whether its controls were visited and
 * the server's errors at them, so a row added later starts clean.
 */
export function forgetRow<S extends ErrorGate>(state: S, key: string): S {
  const prefix = `formFields.${key}.`;
  const serverErrors: FormErrors = {};
  for (const [field, messages] of Object.entries(state.serverErrors) as Array<[FormField, string[]]>) {
    if (!field.startsWith(prefix)) serverErrors[field] = messages;
  }
  return { ...state, touched: state.touched.filter((field) => !field.startsWith(prefix)), serverErrors };
}

/** Marks a control as visited (on blur), so its live errors show. */
export function touch<S extends ErrorGate>(state: S, field: FormField): S {
  return state.touched.includes(field) ? state : { ...state, touched: [...state.touched, field] };
}

/** The live validation errors to show: a control's own once it was touched, all after a submit attempt, plus the server's. */
export function visibleErrors(state: ErrorGate, live: FormErrors): FormErrors {
  const out: FormErrors = {};
  for (const [field, messages] of Object.entries(live) as Array<[FormField, string[]]>) {
    if (state.submitAttempted || state.touched.includes(field)) out[field] = [...messages];
  }
  for (const [field, messages] of Object.entries(state.serverErrors) as Array<[FormField, string[]]>) {
    const list = (out[field] ??= []);
    for (const message of messages) if (!list.includes(message)) list.push(message);
  }
  return out;
}

/** Seconds left before "try again" (0 when none). */
export function retrySecondsLeft(state: FormState, now: number): number {
  const at = state.failure?.retryAt;
  return at === undefined ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Whether the submit button may be used now. */
export function canSubmit(state: FormState, now: number): boolean {
  return state.phase === 'editing' && retrySecondsLeft(state, now) === 0;
}

export interface SubmitOutcome {
  readonly state: FormState;
  /** The message to send, when the values are valid and nothing is in flight. */
  readonly message?: FromWebviewMessage;
  /** The control to focus: the first one with an error. */
  readonly focus?: FormField;
}

/**
 * What a click on "Create task" (or Enter in the title) does. Sends nothing while a submit is in flight,
 * after the task was created, or during a "try again" countdown; with invalid values shows every error
 * and names the first control to fix; otherwise sends `submit` and enters the submitting phase.
 */
export function requestSubmit(state: FormState, context: ConversionContext, now: number): SubmitOutcome {
  if (!canSubmit(state, now)) return { state };
  const validation = validateForm(state.values, context);
  if (!validation.ok) {
    const next: FormState = { ...state, submitAttempted: true };
    const focus = errorOrder(state.values).find((field) => (validation.errors[field]?.length ?? 0) > 0);
    return focus === undefined ? { state: next } : { state: next, focus };
  }
  return {
    state: { ...without(state, 'failure'), phase: 'submitting', submitAttempted: true, serverErrors: {} },
    message: { type: 'submit', values: state.values, task: validation.input },
  };
}

/** The extension started sending (also sent when a hidden form comes back during a submit). */
export function applySubmitting(state: FormState): FormState {
  if (state.phase === 'created') return state;
  return { ...without(state, 'failure'), phase: 'submitting' };
}

/** A failed submit: every value kept, the message and its action shown, server field errors next to their controls. */
export function applySubmitFailed(state: FormState, message: SubmitFailedMessage, now: number): FormState {
  const failure: { -readonly [K in keyof Failure]: Failure[K] } = { message: message.message };
  if (message.action !== undefined) failure.action = message.action;
  if (message.action === 'retryAfter' || message.retryAfterSeconds !== undefined) {
    failure.action = message.action ?? 'retryAfter';
    failure.retryAt = now + Math.max(0, message.retryAfterSeconds ?? 0) * 1000;
  }
  return {
    ...state,
    phase: state.phase === 'created' ? 'created' : 'editing',
    failure,
    serverErrors: message.fieldErrors === undefined ? {} : mapFieldErrors(message.fieldErrors, state.values),
  };
}

export function applyCreated(state: FormState, message: CreatedMessage): FormState {
  return { ...without(state, 'failure'), phase: 'created', created: message, serverErrors: {} };
}

export function applyDraftRestored(state: FormState, values: FormValues): FormState {
  if (state.phase === 'created' || state.phase === 'submitting') return state;
  return { ...state, values, draftRestored: true };
}

/** "Discard draft": back to the values `init` gave. */
export function discardDraft(state: FormState): FormState {
  return { ...state, values: state.initial, draftRestored: false, touched: [], submitAttempted: false, serverErrors: {} };
}

/** "Create another": a fresh form with the same defaults. */
export function startAnother(state: FormState): FormState {
  return { ...without(state, 'created', 'failure'), phase: 'editing', values: state.initial, touched: [], submitAttempted: false, serverErrors: {}, draftRestored: false };
}

/** The title's counter text and whether it is over the limit. */
export function titleCounter(title: string, strings: Pick<FormStrings, 'titleCount'>): { readonly text: string; readonly over: boolean } {
  const count = characterCount(title);
  return { text: fill(strings.titleCount, { count, max: TITLE_MAX_LENGTH }), over: count > TITLE_MAX_LENGTH };
}

/** The label of the failure's action button, or undefined when there is none. */
export function failureActionLabel(state: FormState, strings: FormStrings, now: number): string | undefined {
  switch (state.failure?.action) {
    case undefined:
      return undefined;
    case 'signIn':
      return strings.actionSignIn;
    case 'checkForTask':
      return strings.actionCheckForTask;
    case 'retryAfter': {
      const seconds = retrySecondsLeft(state, now);
      if (seconds === 0) return strings.actionRetry;
      return seconds === 1 ? strings.actionRetryAfterOne : fill(strings.actionRetryAfter, { seconds });
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Saved state (acquireVsCodeApi().setState)

const STATE_VERSION = 1;

export interface SavedState {
  readonly v: number;
  readonly state: FormState;
}

export function toSavedState(state: FormState): SavedState {
  return { v: STATE_VERSION, state };
}

const PHASES: readonly Phase[] = ['loading', 'editing', 'submitting', 'created'];

/** Reads what `getState` returned; anything unreadable or from another version is ignored. */
export function fromSavedState(saved: unknown): FormState | undefined {
  if (saved === null || typeof saved !== 'object' || (saved as SavedState).v !== STATE_VERSION) return undefined;
  const state = (saved as SavedState).state as Partial<FormState> | undefined;
  if (state === undefined || state === null || typeof state !== 'object') return undefined;
  const values = parseFormValues(state.values);
  const initial = parseFormValues(state.initial);
  if (values === undefined || initial === undefined || !PHASES.includes(state.phase as Phase)) return undefined;
  const fields = new Set<string>(FORM_FIELDS);
  const created = parseToWebview(state.created);
  const out: FormState = {
    phase: state.phase as Phase,
    values,
    initial,
    touched: Array.isArray(state.touched) ? state.touched.filter((f): f is FormField => typeof f === 'string' && (fields.has(f) || isRowKey(f))) : [],
    submitAttempted: state.submitAttempted === true,
    serverErrors: isErrors(state.serverErrors) ? state.serverErrors : {},
    draftRestored: state.draftRestored === true,
  };
  return {
    ...out,
    ...(typeof state.formId === 'string' ? { formId: state.formId } : {}),
    ...(isFailure(state.failure) ? { failure: state.failure } : {}),
    ...(created?.type === 'created' ? { created } : {}),
  };
}

function isErrors(value: unknown): value is FormErrors {
  return value !== null && typeof value === 'object' &&
    Object.values(value).every((list) => Array.isArray(list) && list.every((m) => typeof m === 'string'));
}

function isFailure(value: unknown): value is Failure {
  return value !== null && typeof value === 'object' && typeof (value as Failure).message === 'string';
}
