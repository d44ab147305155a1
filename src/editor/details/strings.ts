// The details page's words, in the user's language, stated once. The page cannot call vscode.l10n
// itself, so the extension sends them in `init`; `npm run l10n` finds the texts here for the translators.
import type * as vscode from 'vscode';
import type { DetailsStrings } from '../../core/details/protocol';

export function detailsStrings(l10n: Pick<typeof vscode.l10n, 't'>): DetailsStrings {
  return {
    heading: l10n.t('Tallyfy task'),
    loading: l10n.t('Loading…'),
    refresh: l10n.t('Refresh'),
    openInTallyfy: l10n.t('Open in Tallyfy'),
    status: l10n.t('Status'),
    taskType: l10n.t('Task type'),
    deadline: l10n.t('Deadline'),
    assignees: l10n.t('Assignees'),
    tags: l10n.t('Tags'),
    process: l10n.t('Process'),
    description: l10n.t('Description'),
    noDescription: l10n.t('No description.'),
    formFields: l10n.t('Form fields'),
    noValue: l10n.t('Not filled in yet'),
    required: l10n.t('required'),
    comments: l10n.t('Comments'),
    noComments: l10n.t('No comments yet.'),
    commentBy: l10n.t('{author}, {at}'),
    comment: l10n.t('Comment'),
    addComment: l10n.t('Add comment'),
    posting: l10n.t('Posting the comment…'),
    posted: l10n.t('Comment posted.'),
    signIn: l10n.t('Sign In'),
    unavailable: l10n.t('This task is not available.'),
    loadedAt: l10n.t('Read from Tallyfy at {when}'),
    nobody: l10n.t('Nobody'),
  };
}
