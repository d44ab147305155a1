// "Update the task's title": sends the saved TODO's text as its task's title, once, when the user asks
// (from the hover or the lightbulb of a linked TODO whose text no longer matches). Tallyfy wants the
// title, the deadline and the whole owners list on every update of a one-off task, so the task is read
// just before and its own deadline and owners are sent back unchanged.
import * as vscode from 'vscode';
import { answerFor } from '../../core/records';
import { titleUpdateBody } from '../../core/tasks';
import type { Session } from '../auth/session';
import { userError } from '../errors';
import type { Logger } from '../log';
import type { TaskService } from '../taskService';
import { clientFor } from '../auth/clients';
import { latestOf } from '../tasks/actions';

export async function updateTaskTitle(deps: { tasks: TaskService; session: Session; log: Logger }, id: unknown, title: unknown): Promise<void> {
  const { tasks, session, log } = deps;
  if (typeof id !== 'string' || typeof title !== 'string' || title.trim() === '') return;
  const record = tasks.find(id);
  if (record === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Tallyfy task {0} is not in the Tasks view, so its title is not known here.', id));
    return;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Updating the title of "{0}"…', record.title) },
    async () => {
      const controller = new AbortController();
      const client = clientFor(session, record.baseUrl);
      const task = await client.getTask(record.orgId, id, { runId: record.runId, signal: controller.signal });
      if (task.isCompleted) {
        throw userError('validation', vscode.l10n.t('"{0}" is completed: Tallyfy updates a task only while it is open.', task.title));
      }
      const asked = latestOf(tasks, record);
      const updated = await client.updateTask(record.orgId, id, titleUpdateBody(task, title), { runId: record.runId, signal: controller.signal });
      await tasks.records.merge([answerFor(asked, updated)]);
      log.info(`Updated the title of task ${id}.`);
    },
  );
  vscode.window.setStatusBarMessage(vscode.l10n.t('Updated the Tallyfy task\'s title to "{0}".', title.trim()), 5000);
}
