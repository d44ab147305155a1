// A task as its details page shows it: every text ready, in the user's language. The people and tags a
// task names by id are named from the organization's lists; Tallyfy's HTML (the description, the
// comments) goes to the page as it is, which shows it as text.
import * as vscode from 'vscode';
import { editSourceOf } from '../../core/details/edit';
import type { TaskView } from '../../core/details/protocol';
import { taskState, type TaskState } from '../../core/tasks/status';
import { formFieldText, FORM_FIELD_TYPES, taskComments, taskFormFields, taskProcess, type FormFieldType, type Member, type Tag, type Task, type TaskFormField } from '../../core/tallyfy';
import { fieldTypeNames } from '../form/fieldTypes';
import { deadlineText } from '../tasks/deadlineText';
import { stateLabel } from '../tasks/statusText';

export interface Names {
  readonly members: readonly Member[];
  readonly tags: readonly Tag[];
}

function taskTypeLabel(type: string): string {
  switch (type) {
    case 'task':
      return vscode.l10n.t('Task');
    case 'approval':
      return vscode.l10n.t('Approval');
    case 'expiring':
      return vscode.l10n.t('Expiring');
    case 'email':
      return vscode.l10n.t('Email');
    case 'expiring_email':
      return vscode.l10n.t('Expiring email');
    default:
      return type;
  }
}

/** What a form field is, in one line: its type as Tallyfy's web app names it, and its options or columns. */
function fieldAbout(field: TaskFormField): string {
  const names = fieldTypeNames(vscode.l10n);
  const type = (FORM_FIELD_TYPES as readonly string[]).includes(field.fieldType) ? names[field.fieldType as FormFieldType] : field.fieldType;
  const parts = [type];
  if (field.options.length > 0) parts.push(vscode.l10n.t('Options: {0}', field.options.join(', ')));
  if (field.columns.length > 0) parts.push(vscode.l10n.t('Columns: {0}', field.columns.join(', ')));
  return parts.filter((part) => part !== '').join(' · ');
}

function viewState(state: TaskState): TaskView['state'] {
  if (state === 'archived' || state === 'deleted') return 'archived';
  return state === 'completed' ? 'completed' : 'open';
}

/** The task's tags by title: ids are looked up in the organization's tags; objects carry their title. */
function tagTitles(raw: Readonly<Record<string, unknown>>, tags: readonly Tag[]): string[] {
  const value = raw['tags'];
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' && Array.isArray((value as { data?: unknown }).data) ? (value as { data: unknown[] }).data : [];
  return list.flatMap((item): string[] => {
    if (typeof item === 'string') return [tags.find((tag) => tag.id === item)?.title ?? item];
    if (item !== null && typeof item === 'object' && typeof (item as { title?: unknown }).title === 'string') return [(item as { title: string }).title];
    return [];
  });
}

/** Whether the task names tags by id, which only the organization's tags name (they are read only then). */
export function namesTags(task: Task): boolean {
  const value = task.raw['tags'];
  return Array.isArray(value) && value.some((item) => typeof item === 'string');
}

function assigneeNames(task: Task, members: readonly Member[]): string[] {
  const name = (id: number, given?: string): string => given ?? members.find((m) => m.id === id)?.fullName ?? `#${id}`;
  return [
    ...task.owners.users.map((user) => name(user.id, user.fullName)),
    ...task.owners.groups.map((group) => group.name ?? vscode.l10n.t('Group {0}', group.id.slice(0, 8))),
    ...task.owners.guests,
  ];
}

const when = (iso: string): string => new Date(iso).toLocaleString();

export function taskView(task: Task, names: Names, now = Date.now()): TaskView {
  const state = taskState(task, now);
  const process = taskProcess(task.raw)?.name;
  return {
    id: task.id,
    title: task.title,
    status: stateLabel(state),
    state: viewState(state),
    taskType: taskTypeLabel(task.taskType),
    deadline: deadlineText(task.deadline, now),
    assignees: assigneeNames(task, names.members),
    tags: tagTitles(task.raw, names.tags),
    ...(process !== undefined ? { process } : {}),
    description: task.summary ?? '',
    fields: taskFormFields(task.raw).map((field) => ({
      label: field.label,
      type: field.fieldType,
      about: fieldAbout(field),
      value: formFieldText(field.value, when, { fieldType: field.fieldType, booleans: { yes: vscode.l10n.t('Yes'), no: vscode.l10n.t('No') } }),
      required: field.required,
    })),
    comments: taskComments(task.raw).map((comment) => ({
      id: comment.id,
      author: comment.authorName ?? (comment.authorId === undefined ? vscode.l10n.t('Someone') : names.members.find((m) => m.id === comment.authorId)?.fullName ?? `#${comment.authorId}`),
      at: comment.createdAt === undefined ? '' : when(comment.createdAt),
      html: comment.content,
    })),
    loadedAt: new Date(now).toLocaleTimeString(),
    edit: {
      ...editSourceOf(task),
      named: {
        members: task.owners.users.map((user) => ({ id: user.id, name: user.fullName ?? names.members.find((m) => m.id === user.id)?.fullName ?? `#${user.id}` })),
        groups: task.owners.groups.map((group) => ({ id: group.id, name: group.name ?? vscode.l10n.t('Group {0}', group.id.slice(0, 8)) })),
      },
    },
  };
}
