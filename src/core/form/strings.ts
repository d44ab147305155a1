// The form's words: the keys the page shows text for. The texts, in the user's language, come from the
// extension in `init` (src/editor/form/strings.ts states them once).
import type { TaskType } from '../tallyfy/schema';

export const FORM_STRING_KEYS = [
  'heading',
  'loading',
  'title',
  'titleCount',
  'taskType',
  'taskType.task',
  'taskType.task.help',
  'taskType.approval',
  'taskType.approval.help',
  'taskType.expiring',
  'taskType.expiring.help',
  'taskType.email',
  'taskType.email.help',
  'taskType.expiring_email',
  'taskType.expiring_email.help',
  'assignees',
  'assigneesHelp',
  'assigneesSelected',
  'remove',
  'addAsGuest',
  'you',
  'group',
  'guest',
  'member',
  'addGuest',
  'noMatches',
  'suggestions',
  'deadline',
  'deadlineTime',
  'presetToday',
  'presetTomorrow',
  'presetNextWeek',
  'description',
  'descriptionHelp',
  'includeSource',
  'preview',
  'previewEmpty',
  'advanced',
  'startDate',
  'startTime',
  'separateTaskForEachAssignee',
  'maxAssignable',
  'maxAssignableHelp',
  'everyoneMustComplete',
  'canCompleteOnlyAssignees',
  'preventGuestComment',
  'topSecret',
  'tags',
  'tagsHelp',
  'webhook',
  'webhookHelp',
  'runId',
  'runIdHelp',
  'submit',
  'submitting',
  'actionSignIn',
  'actionCheckForTask',
  'actionRetryAfter',
  'actionRetryAfterOne',
  'actionRetry',
  'draftRestored',
  'discardDraft',
  'createdHeading',
  'createdId',
  'createdTitle',
  'createdDeadline',
  'createdAssignees',
  'openInTallyfy',
  'copyId',
  'createAnother',
] as const;

export type FormStringKey = (typeof FORM_STRING_KEYS)[number];
export type FormStrings = Readonly<Record<FormStringKey, string>>;

export { fill } from '../template';

export function taskTypeLabel(strings: FormStrings, type: TaskType): string {
  return strings[`taskType.${type}`];
}

export function taskTypeHelp(strings: FormStrings, type: TaskType): string {
  return strings[`taskType.${type}.help`];
}
