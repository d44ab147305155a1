import * as vscode from 'vscode';
import { Commands } from '../core/contract';
import { WEB_APP_HOME } from '../core/tallyfy';
import type { Session, SessionState } from './auth/session';

const SHOW_ACTIONS = 'tallyfy.statusBar.actions';

/** The status bar item: always shows the sign-in state; a click offers the actions that fit it. */
export function registerStatusBar(session: Session): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('tallyfy.status', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Tallyfy');
  item.command = SHOW_ACTIONS;
  const render = (state: SessionState): void => {
    switch (state.kind) {
      case 'signed-out':
        item.text = `$(account) ${vscode.l10n.t('Tallyfy: Sign In')}`;
        item.tooltip = vscode.l10n.t('Not signed in to Tallyfy. Click to sign in.');
        item.backgroundColor = undefined;
        break;
      case 'base-url-changed':
        item.text = `$(warning) ${vscode.l10n.t('Tallyfy: Sign In Again')}`;
        item.tooltip = vscode.l10n.t('The Tallyfy API address changed since you signed in. Click to sign in again.');
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'signed-in':
        item.text = `$(tasklist) ${state.orgName || vscode.l10n.t('no organization')}`;
        item.tooltip = vscode.l10n.t('Signed in to Tallyfy as {0} ({1}).', state.identity.userName, state.orgName || vscode.l10n.t('no organization'));
        item.backgroundColor = undefined;
        break;
    }
    item.show();
  };
  render(session.state);
  return vscode.Disposable.from(
    item,
    session.onDidChange(render),
    vscode.commands.registerCommand(SHOW_ACTIONS, () => showActions(session)),
  );
}

async function showActions(session: Session): Promise<void> {
  if (session.state.kind !== 'signed-in') {
    await vscode.commands.executeCommand(Commands.signIn);
    return;
  }
  const actions: (vscode.QuickPickItem & { run: () => Thenable<unknown> })[] = [
    { label: `$(organization) ${vscode.l10n.t('Switch Organization')}`, run: () => vscode.commands.executeCommand(Commands.switchOrganization) },
    { label: `$(link-external) ${vscode.l10n.t('Open Tallyfy')}`, run: () => vscode.env.openExternal(vscode.Uri.parse(WEB_APP_HOME)) },
    { label: `$(output) ${vscode.l10n.t('Show Log')}`, run: () => vscode.commands.executeCommand(Commands.showLog) },
    { label: `$(sign-out) ${vscode.l10n.t('Sign Out')}`, run: () => vscode.commands.executeCommand(Commands.signOut) },
  ];
  const picked = await vscode.window.showQuickPick(actions, {
    title: vscode.l10n.t('Tallyfy: signed in as {0}', session.state.identity.userName),
  });
  await picked?.run();
}
