import * as vscode from 'vscode';
import type { TaskRecord } from '../core/records';
import { taskWebLink, WEB_APP_HOME } from '../core/tallyfy';
import type { SettingsReader } from './settings';

/**
 * "Open in Tallyfy". Tallyfy documents no address for a single task, so: a task in a process opens the
 * process page; otherwise the user's `tallyfy.taskUrlTemplate`; otherwise Tallyfy's home page, with the
 * task id copied to the clipboard and the user told so. Never a guessed address.
 */
export async function openTaskInTallyfy(record: Pick<TaskRecord, 'id' | 'orgId' | 'runId'>, settings: SettingsReader): Promise<void> {
  const link = taskWebLink({ orgId: record.orgId, taskId: record.id, runId: record.runId, template: settings.taskUrlTemplate() });
  if (link !== undefined) {
    await vscode.env.openExternal(vscode.Uri.parse(link));
    return;
  }
  await vscode.env.clipboard.writeText(record.id);
  await vscode.env.openExternal(vscode.Uri.parse(WEB_APP_HOME));
  const explain = vscode.l10n.t('Set a task link');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Opened Tallyfy and copied the task id {0}: Tallyfy has no documented link to a single task. Paste the id into Tallyfy\'s search, or set "tallyfy.taskUrlTemplate".', record.id),
    explain,
  );
  if (choice === explain) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'tallyfy.taskUrlTemplate');
  }
}
