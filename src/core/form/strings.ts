// The form's words. English defaults; the extension may send translated ones in `init.strings`.
// The five main labels come from the contract, because tests and screen readers find controls by them.
import { FormLabels } from '../contract';
import type { TaskType } from '../tallyfy/schema';

export const DEFAULT_FORM_STRINGS = {
  heading: 'New Tallyfy task',
  loading: 'Loading…',
  title: FormLabels.title,
  titleCount: '{count} / {max}',
  taskType: FormLabels.taskType,
  'taskType.task': 'Task',
  'taskType.task.help': 'A to-do: the assignee completes it.',
  'taskType.approval': 'Approval',
  'taskType.approval.help': 'The assignee approves or rejects it.',
  'taskType.expiring': 'Expiring',
  'taskType.expiring.help': 'Nobody needs to act: it completes by itself at the deadline.',
  'taskType.email': 'Email',
  'taskType.email.help': 'The assignee reviews an email drafted in the task and sends it from Tallyfy.',
  'taskType.expiring_email': 'Expiring email',
  'taskType.expiring_email.help': 'Tallyfy sends the drafted email by itself at the deadline unless someone acts first.',
  assignees: FormLabels.assignees,
  assigneesHelp: 'Type to search members and groups; type an email address to add a guest.',
  assigneesSelected: 'Selected',
  assigneesNone: 'Nobody yet.',
  remove: 'Remove {name}',
  you: '{name} (you)',
  group: 'Group',
  guest: 'Guest',
  member: 'Member',
  addGuest: 'Add guest {email}',
  noMatches: 'No matches.',
  suggestions: 'Suggestions',
  searching: 'Searching…',
  deadline: FormLabels.deadline,
  deadlineTime: 'Time',
  presetToday: 'Today 17:00',
  presetTomorrow: 'Tomorrow',
  presetNextWeek: 'Next week',
  description: FormLabels.description,
  descriptionHelp: 'Notes for the assignee. The source reference below is added after them.',
  includeSource: 'Include the source location and code',
  preview: 'What will be sent',
  previewEmpty: '(no description)',
  advanced: 'Advanced',
  startDate: 'Start date',
  startTime: 'Start time',
  separateTaskForEachAssignee: 'One task per assignee',
  maxAssignable: 'Max assignable',
  maxAssignableHelp: 'How many people may be assigned at most; empty for no limit.',
  everyoneMustComplete: 'Everyone must complete',
  canCompleteOnlyAssignees: 'Only those assigned can complete',
  preventGuestComment: 'Prevent guest comments',
  topSecret: 'Top secret',
  tags: 'Tags',
  tagsHelp: 'Type to search tags.',
  webhook: 'Webhook URL',
  webhookHelp: 'Called by Tallyfy when the task is completed.',
  runId: 'Process (run) id',
  runIdHelp: 'Attach the task to an existing process.',
  submit: FormLabels.submit,
  submitting: 'Creating the task…',
  fixErrors: 'Check the highlighted fields.',
  actionSignIn: 'Sign in again',
  actionCheckForTask: 'Check for the task',
  actionRetryAfter: 'Try again in {seconds} seconds',
  actionRetryAfterOne: 'Try again in 1 second',
  actionRetry: 'Try again',
  draftRestored: 'Your unsent draft for this TODO was restored.',
  discardDraft: 'Discard draft',
  createdHeading: 'Task created',
  createdId: 'Id',
  createdTitle: 'Title',
  createdDeadline: 'Deadline',
  createdAssignees: 'Assigned to',
  openInTallyfy: 'Open in Tallyfy',
  copyId: 'Copy id',
  createAnother: 'Create another',
} as const;

export type FormStringKey = keyof typeof DEFAULT_FORM_STRINGS;
export type FormStrings = Record<FormStringKey, string>;

export const FORM_STRING_KEYS = Object.keys(DEFAULT_FORM_STRINGS) as FormStringKey[];

/** The defaults with any given translations on top (unknown keys and non-text values are ignored). */
export function resolveStrings(overrides: Partial<Record<string, string>> | undefined): FormStrings {
  const out: FormStrings = { ...DEFAULT_FORM_STRINGS };
  if (overrides === undefined) return out;
  for (const key of FORM_STRING_KEYS) {
    const value = overrides[key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  return out;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function taskTypeLabel(strings: FormStrings, type: TaskType): string {
  return strings[`taskType.${type}`];
}

export function taskTypeHelp(strings: FormStrings, type: TaskType): string {
  return strings[`taskType.${type}.help`];
}
