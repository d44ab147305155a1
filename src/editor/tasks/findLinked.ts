import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { LinkedTasks } from '../linked/linkedTasks';
import type { WorkspaceIndex } from '../linked/workspaceIndex';

/**
 * "Tallyfy: Find Linked TODOs": indexes the workspace's `tallyfy:` references again now (the index
 * otherwise follows file changes by itself) and reads from Tallyfy every referenced task the list does
 * not have yet, past `tallyfy.maxLinkedTasks` and in an untrusted workspace too, since the user asked.
 */
export async function findLinkedTodos(deps: { index: WorkspaceIndex; linked: LinkedTasks; session: Session }): Promise<void> {
  const { index, linked, session } = deps;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding linked TODOs'), cancellable: true },
    async (progress, token) => {
      await index.reindex(token);
      if (token.isCancellationRequested) return;
      const referenced = index.index.size;
      if (referenced === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No TODO in this workspace carries a Tallyfy reference.'));
        return;
      }
      if (session.state.kind !== 'signed-in') {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('{0} tasks are referenced in {1} files. Sign in to Tallyfy to read them.', referenced, index.index.files().length),
        );
        return;
      }
      progress.report({ message: vscode.l10n.t('Reading the referenced tasks from Tallyfy') });
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const outcome = await linked.fetch({ asked: true, signal: controller.signal });
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '{0} tasks are referenced in this workspace: {1} added to the list, {2} not found in Tallyfy.',
          referenced,
          outcome.added,
          outcome.notVisible,
        ),
      );
    },
  );
}
