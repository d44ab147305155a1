// The words of the "Create Tallyfy tasks" review, in the user's language, stated once. The page cannot
// call vscode.l10n itself, so the extension sends them in `init`; `npm run l10n` finds the texts here for
// the translators. Placeholders in braces (`{count}`, `{name}`, …) are filled in by the page.
import type * as vscode from 'vscode';
import type { BulkStrings } from '../../core/bulk/protocol';

/** `vscode.l10n` in the extension; the tests pass one that returns the English text. */
export type ReviewL10n = Pick<typeof vscode.l10n, 't'>;

export function reviewStrings(l10n: ReviewL10n): BulkStrings {
  return {
    heading: l10n.t('Create Tallyfy tasks'),
    loading: l10n.t('Loading…'),
    summary: l10n.t('TODOs found: {total} · selected: {checked} · already linked: {linked}'),
    defaults: l10n.t('For every task'),
    assignees: l10n.t('Assign to'),
    you: l10n.t('{name} (you)'),
    deadline: l10n.t('Deadline'),
    taskType: l10n.t('Task type'),
    'taskType.task': l10n.t('Task'),
    'taskType.approval': l10n.t('Approval'),
    'taskType.expiring': l10n.t('Expiring'),
    'taskType.email': l10n.t('Email'),
    'taskType.expiring_email': l10n.t('Expiring email'),
    tags: l10n.t('Tags'),
    noTags: l10n.t('No tags in this organization.'),
    selectAll: l10n.t('Select all'),
    selectNone: l10n.t('Select none'),
    filter: l10n.t('Filter'),
    sort: l10n.t('Sort by'),
    sortFile: l10n.t('File'),
    sortTitle: l10n.t('Title'),
    rows: l10n.t('TODOs'),
    'column.select': l10n.t('Create'),
    'column.state': l10n.t('Status'),
    create: l10n.t('Create {count} tasks'),
    createOne: l10n.t('Create 1 task'),
    cancel: l10n.t('Cancel'),
    retryFailed: l10n.t('Retry failed'),
    checkForTask: l10n.t('Check for the task'),
    signIn: l10n.t('Sign In'),
    titleOf: l10n.t('Task title for "{title}"'),
    line: l10n.t('Go to line {line} of {path}'),
    'state.linked': l10n.t('Linked to {taskId}'),
    'state.queued': l10n.t('Queued'),
    'state.creating': l10n.t('Creating…'),
    'state.created': l10n.t('Created {taskId}'),
    'state.createdNotWritten': l10n.t('Created {taskId}; the TODO was not updated'),
    'state.failed': l10n.t('Failed'),
    'state.unknown': l10n.t('Outcome unknown'),
    'duplicate.same-file': l10n.t('Same title as an earlier TODO in this file'),
    'duplicate.record': l10n.t('A task of this workspace has this title'),
    'duplicate.tallyfy': l10n.t('A recent Tallyfy task has this title'),
    progress: l10n.t('Creating tasks: {done} of {total}'),
    nothingFound: l10n.t('No TODOs found.'),
    noneShown: l10n.t('No TODOs match the filter.'),
  };
}
