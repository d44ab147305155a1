// Editing a task from its details: the values as the page holds them (the task form's own title,
// deadline, assignees and description), checked with the update schema of the task's kind; the body
// Save sends; and whether Tallyfy's copy moved since the page read it. Tallyfy has no conditional
// update (no If-Match), so that check is a read just before the write: best effort, a change landing
// between the read and the write is still overwritten.
import { commentHtml } from './comment';
import { mapFieldErrors, toInstantOrRaw, type FormErrors, type FormValues } from '../form/values';
import { instantToLocal, localZone, type ZoneOffset } from '../zone';
import { isArchived, isOpen, timeOf } from '../tasks/status';
import {
  validateProcessTaskUpdateInput,
  validateUpdateTaskInput,
  type ProcessTaskUpdateInput,
  type Task,
  type UpdateTaskInput,
} from '../tallyfy/schema';

/** What an edit holds: the task form's values of the same name, as typed. */
export type EditValues = Pick<FormValues, 'title' | 'assignees' | 'deadlineDate' | 'deadlineTime' | 'description'>;

/** The controls of an edit, in the page's order (the first with an error takes the focus); `form` is the message area. */
export const EDIT_FIELDS = ['title', 'deadline', 'assignees', 'description', 'form'] as const;
export type EditField = (typeof EDIT_FIELDS)[number];

/** A one-off task updates through the organization's route; a process task through its process's. */
export type TaskKindName = 'one-off' | 'process';

/**
 * What Save asks for, as the page sends it: the title, the deadline (UTC ISO), the whole list of
 * assignees the user sees, and the description's text only when the user changed it (an untouched
 * description keeps Tallyfy's HTML as it is).
 */
export interface EditRequest {
  readonly title: string;
  readonly deadline: string;
  readonly owners: { readonly users: number[]; readonly groups: string[]; readonly guests: string[] };
  readonly description?: string | undefined;
}

/** What the page edits a task from: its kind, its values as Tallyfy has them and the `last_updated` they were read at. */
export interface EditSource {
  readonly kind: TaskKindName;
  /** `open`; or why it cannot be edited: Tallyfy updates a task only while it is open. */
  readonly editable: 'open' | 'completed' | 'archived';
  /** Tallyfy's `last_updated` of the copy read; '' when the answer had none. */
  readonly lastUpdated: string;
  readonly title: string;
  /** UTC ISO; '' when the task has none. */
  readonly deadline: string;
  readonly owners: { readonly users: number[]; readonly groups: string[]; readonly guests: string[] };
}

export function taskKindOf(task: Pick<Task, 'runId'>): TaskKindName {
  return task.runId !== undefined && task.runId !== '' ? 'process' : 'one-off';
}

export function editSourceOf(task: Task): EditSource {
  return {
    kind: taskKindOf(task),
    editable: isArchived(task) ? 'archived' : isOpen(task) ? 'open' : 'completed',
    lastUpdated: task.lastUpdated ?? '',
    title: task.title,
    deadline: task.deadline ?? '',
    owners: {
      users: task.owners.users.map((user) => user.id),
      groups: task.owners.groups.map((group) => group.id),
      guests: [...task.owners.guests],
    },
  };
}

/** The values an edit starts from: the task's, its deadline in `zone`, and its description as text. */
export function initialEditValues(source: EditSource, descriptionText: string, zone: ZoneOffset = localZone): EditValues {
  const at = timeOf(source.deadline);
  const local = at === undefined ? { date: '', time: '' } : instantToLocal(new Date(at), zone);
  return {
    title: source.title,
    deadlineDate: local.date,
    deadlineTime: local.time,
    assignees: { users: [...source.owners.users], groups: [...source.owners.groups], guests: [...source.owners.guests] },
    description: descriptionText,
  };
}

export type EditValidation =
  | { readonly ok: true; readonly request: EditRequest }
  | { readonly ok: false; readonly errors: FormErrors };

/**
 * Checks an edit with the update schema of the task's kind (a one-off task must keep an assignee; a
 * process task may have none), messages per control as the task form shows them.
 */
export function validateEdit(values: EditValues, initial: EditValues, kind: TaskKindName, zone: ZoneOffset = localZone): EditValidation {
  const input = {
    title: values.title,
    deadline: toInstantOrRaw(values.deadlineDate, values.deadlineTime, zone),
    owners: values.assignees,
  };
  const result = kind === 'one-off' ? validateUpdateTaskInput(input) : validateProcessTaskUpdateInput(input);
  if (!result.ok) return { ok: false, errors: mapFieldErrors(result.fieldErrors, values) };
  const body = result.body;
  const request: EditRequest = {
    title: body.title ?? values.title.trim(),
    deadline: body.deadline ?? '',
    owners: body.owners ?? { users: [...values.assignees.users], groups: [...values.assignees.groups], guests: [...values.assignees.guests] },
    ...(values.description !== initial.description ? { description: values.description } : {}),
  };
  return { ok: true, request };
}

/** Whether the edit differs from where it started (Save has something to send). */
export function editChanged(values: EditValues, initial: EditValues): boolean {
  return JSON.stringify(values) !== JSON.stringify(initial);
}

/**
 * Typed text as Tallyfy's HTML: escaped, so it shows as typed; a blank line starts a paragraph (`<p>`),
 * a line break stays one (`<br>`), as Tallyfy's own editor stores them.
 */
export function descriptionHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${commentHtml(paragraph)}</p>`)
    .join('');
}

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((item) => b.includes(item));

function sameOwners(a: EditRequest['owners'], b: EditSource['owners']): boolean {
  return sameList(a.users, b.users) && sameList(a.groups, b.groups) && sameList(a.guests.map((g) => g.toLowerCase()), b.guests.map((g) => g.toLowerCase()));
}

/**
 * The body of the PUT for `request`, against `task` as Tallyfy has it now. A one-off task: `title`,
 * `deadline` and `owners` always (Tallyfy requires them on every update; `owners` replaces the list, so
 * it is the whole list the user sees), and `summary` when the description changed. A process task:
 * only what differs from `task` (all its fields are optional), `summary` likewise.
 */
export function editUpdateBody(request: EditRequest, task: Task): UpdateTaskInput | ProcessTaskUpdateInput {
  const summary = request.description === undefined ? {} : { summary: descriptionHtml(request.description) };
  const owners = { users: [...request.owners.users], groups: [...request.owners.groups], guests: [...request.owners.guests] };
  if (taskKindOf(task) === 'one-off') return { title: request.title, deadline: request.deadline, owners, ...summary };
  const current = editSourceOf(task);
  const body: ProcessTaskUpdateInput = { ...summary };
  if (request.title.trim() !== current.title) body.title = request.title;
  if (timeOf(request.deadline) !== timeOf(current.deadline)) body.deadline = request.deadline;
  if (!sameOwners(request.owners, current.owners)) body.owners = owners;
  return body;
}

/** Whether a process task's body changes anything (a one-off task's always carries its fields). */
export function changesSomething(body: UpdateTaskInput | ProcessTaskUpdateInput): boolean {
  return Object.keys(body).length > 0;
}

/**
 * What Save does with `latest`, the task read just before the write: `save`; `completed` or `archived`
 * (Tallyfy updates a task only while it is open); `changed` when its `last_updated` is not the one the
 * edit started from (someone changed it meanwhile: reload rather than overwrite).
 */
export type SaveDecision = 'save' | 'changed' | 'completed' | 'archived';

export function saveDecision(baseLastUpdated: string, latest: Task): SaveDecision {
  if (isArchived(latest)) return 'archived';
  if (!isOpen(latest)) return 'completed';
  const base = timeOf(baseLastUpdated);
  const now = timeOf(latest.lastUpdated);
  const same = base !== undefined && now !== undefined ? base === now : baseLastUpdated === (latest.lastUpdated ?? '');
  return same ? 'save' : 'changed';
}
