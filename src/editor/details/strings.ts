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
    edit: l10n.t('Edit'),
    save: l10n.t('Save'),
    cancel: l10n.t('Cancel'),
    saving: l10n.t('Saving…'),
    saved: l10n.t('Saved to Tallyfy.'),
    editDescriptionHelp: l10n.t('Plain text: a blank line starts a paragraph.'),
    formattingLost: l10n.t('This description has formatting (bold, links, lists…) that editing it here turns into plain text. Leave it as it is to keep the formatting.'),
    completedNoEdit: l10n.t('This task is completed: reopen it to edit it. Tallyfy updates a task only while it is open.'),
    archivedNoEdit: l10n.t('This task is archived: restore it to edit it.'),
    noChanges: l10n.t('Nothing changed yet.'),
    reload: l10n.t('Reload'),
  };
}
