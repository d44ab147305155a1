// The question an approval task asks before it is completed: Tallyfy needs the decision with it.
import * as vscode from 'vscode';

/** Approve (true) or reject (false) the approval titled `title`; undefined when the user cancelled. */
export async function askApproval(title: string): Promise<boolean | undefined> {
  const approve = vscode.l10n.t('Approve');
  const reject = vscode.l10n.t('Reject');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('"{0}" is an approval. Approve or reject it?', title),
    { modal: true },
    approve,
    reject,
  );
  return choice === undefined ? undefined : choice === approve;
}
