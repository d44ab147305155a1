import * as vscode from 'vscode';
import { findReferencesByLine, findTodosInRange } from '../../core/todo';
import { isTallyfyError } from '../../core/tallyfy';
import type { Session } from '../auth/session';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { TaskService } from '../taskService';
import { lineSource } from '../todos/documents';
import { eachLimited, excludeGlob, MAX_SCANNED_FILE_BYTES, MAX_SCANNED_FILES } from '../workspaceFiles';

const READ_CONCURRENCY = 8;
const REQUEST_CONCURRENCY = 4;

/**
 * "Tallyfy: Find Linked TODOs": finds the comments in the workspace that carry a `tallyfy:<id>`
 * reference (a teammate's, say) and adds their tasks to the list. Reads files through VS Code's file
 * system (no native search binary), so it works in remote and virtual workspaces too.
 */
export async function findLinkedTodos(deps: { tasks: TaskService; session: Session; settings: SettingsReader; log: Logger }): Promise<void> {
  const { tasks, session, settings, log } = deps;
  const { client, orgId } = session.requireOrganization();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding linked TODOs'), cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles('**/*', excludeGlob(), MAX_SCANNED_FILES, token);
      const linked = new Map<string, { uri: vscode.Uri; line: number }>();
      let read = 0;
      await eachLimited(uris, READ_CONCURRENCY, token, async (uri) => {
        read++;
        if (read % 200 === 0) progress.report({ message: vscode.l10n.t('{0} of {1} files', read, uris.length) });
        let bytes: Uint8Array;
        try {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.size > MAX_SCANNED_FILE_BYTES) return;
          bytes = await vscode.workspace.fs.readFile(uri);
        } catch {
          return;
        }
        const text = Buffer.from(bytes).toString('utf8');
        if (!text.includes('tallyfy:')) return;
        const references = findReferencesByLine(text);
        if (references.length === 0) return;
        // Only references inside TODO comments count: open the document for its language.
        const document = await vscode.workspace.openTextDocument(uri);
        const keywords = settings.get('todoKeywords', document);
        for (const reference of references) {
          const inTodo = findTodosInRange(lineSource(document), document.languageId, keywords, {
            start: { line: reference.line, character: 0 },
            end: { line: reference.line, character: 0 },
          }).some((todo) => todo.references.includes(reference.id));
          if (inTodo && !linked.has(reference.id)) linked.set(reference.id, { uri, line: reference.line });
        }
      });
      if (token.isCancellationRequested) return;
      const known = new Set(tasks.createdTasks().map((r) => r.id));
      const missing = [...linked].filter(([id]) => !known.has(id));
      progress.report({ message: vscode.l10n.t('Looking up {0} tasks in Tallyfy', missing.length) });
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let added = 0;
      let gone = 0;
      await eachLimited(missing, REQUEST_CONCURRENCY, token, async ([id, where]) => {
        try {
          const task = await client.getTask(orgId, id, { signal: controller.signal });
          await tasks.adopt(task, { uri: where.uri.toString(), line: where.line });
          added++;
        } catch (error) {
          if (isTallyfyError(error, 'not-found') || isTallyfyError(error, 'forbidden')) {
            gone++;
            log.info(`Linked task ${id} in ${where.uri.toString()} is not visible in Tallyfy.`);
            return;
          }
          throw error;
        }
      });
      log.info(`Find Linked TODOs: ${uris.length} files, ${linked.size} linked TODOs, ${added} tasks added, ${gone} not found.`);
      void vscode.window.showInformationMessage(
        linked.size === 0
          ? vscode.l10n.t('No TODO in this workspace carries a Tallyfy reference.')
          : vscode.l10n.t('Found {0} linked TODOs: {1} tasks added to the list, {2} already there, {3} not found in Tallyfy.', linked.size, added, linked.size - missing.length, gone),
      );
    },
  );
}
