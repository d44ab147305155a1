import * as vscode from 'vscode';
import { Commands } from '../../core/contract';
import { isTallyfyError, TOKEN_PAGE_URL, type CurrentUser, type Organization } from '../../core/tallyfy';
import { describeError } from '../errors';
import type { Logger } from '../log';
import { clientWithToken, sessionClient } from './clients';
import type { Session } from './session';

/**
 * "Tallyfy: Sign In": asks for a personal access token in a password box, checks it with GET /me while
 * the box stays open (a bad token is reported in the box and nothing is stored), picks the organization
 * when none is set, then stores the token in SecretStorage. No browser redirect, so it works the same
 * over SSH, WSL, containers and in the browser.
 */
export async function signIn(session: Session, log: Logger): Promise<boolean> {
  const baseUrlCheck = session.baseUrlCheck();
  if (!baseUrlCheck.ok) {
    const open = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('The Tallyfy API address cannot be used: {0}', baseUrlCheck.reason),
      open,
    );
    if (choice === open) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'tallyfy.apiBaseUrl');
    }
    return false;
  }
  const baseUrl = baseUrlCheck.url;
  const checked = await askForToken(session, baseUrl, log);
  if (checked === undefined) {
    return false;
  }
  const { token, user, organizations } = checked;
  const organizationNames = Object.fromEntries(organizations.map((o) => [o.id, o.name]));
  let orgId = session.settings.get('organizationId');
  if (orgId === '' || !(orgId in organizationNames)) {
    const chosen = await pickOrganization(organizations, orgId);
    if (chosen === undefined) {
      return false;
    }
    orgId = chosen.id;
    await session.settings.setOrganization(orgId);
  }
  await session.signedIn(
    { token, baseUrl },
    { userId: user.id, userName: user.displayName, email: user.email, baseUrl, organizations: organizationNames, timeZone: user.timezone },
  );
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Signed in to Tallyfy as {0} ({1}).', user.displayName, organizationNames[orgId] ?? orgId),
  );
  return true;
}

interface CheckedToken {
  readonly token: string;
  readonly user: CurrentUser;
  readonly organizations: Organization[];
}

function askForToken(session: Session, baseUrl: string, log: Logger): Promise<CheckedToken | undefined> {
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Sign in to Tallyfy');
  box.prompt = vscode.l10n.t('Paste your Tallyfy personal access token (Settings → Integrations → REST API in Tallyfy).');
  box.placeholder = vscode.l10n.t('Personal access token');
  box.password = true;
  box.ignoreFocusOut = true;
  const openTokenPage: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('link-external'),
    tooltip: vscode.l10n.t('Open the Tallyfy page that creates tokens'),
  };
  box.buttons = [openTokenPage];

  return new Promise<CheckedToken | undefined>((resolve) => {
    let checking: AbortController | undefined;
    let settled = false;
    const finish = (value: CheckedToken | undefined): void => {
      if (!settled) {
        settled = true;
        resolve(value);
        box.dispose();
      }
    };
    box.onDidTriggerButton((button) => {
      if (button === openTokenPage) {
        void vscode.env.openExternal(vscode.Uri.parse(TOKEN_PAGE_URL));
      }
    });
    box.onDidChangeValue(() => {
      box.validationMessage = undefined;
    });
    box.onDidHide(() => {
      checking?.abort();
      finish(undefined);
    });
    box.onDidAccept(async () => {
      const token = box.value.trim();
      if (token === '') {
        box.validationMessage = vscode.l10n.t('Paste a token first.');
        return;
      }
      if (checking !== undefined) {
        return;
      }
      checking = new AbortController();
      box.busy = true;
      box.enabled = false;
      try {
        const client = clientWithToken(session, baseUrl, token);
        const user = await client.me({ signal: checking.signal });
        const organizations = await client.organizations({ signal: checking.signal });
        if (organizations.length === 0) {
          throw new Error(vscode.l10n.t('This Tallyfy account belongs to no organization.'));
        }
        finish({ token, user, organizations });
      } catch (error) {
        if (isTallyfyError(error, 'cancelled')) {
          return;
        }
        log.warn(`Sign-in check failed: ${error instanceof Error ? error.message : String(error)}`);
        box.validationMessage = isTallyfyError(error, 'unauthorized')
          ? vscode.l10n.t('Tallyfy rejected this token. Check that you copied all of it and that it has not expired.')
          : describeError(error).message;
      } finally {
        checking = undefined;
        if (!settled) {
          box.busy = false;
          box.enabled = true;
        }
      }
    });
    box.show();
  });
}

async function pickOrganization(organizations: readonly Organization[], current: string): Promise<Organization | undefined> {
  if (organizations.length === 1) {
    return organizations[0];
  }
  const picked = await vscode.window.showQuickPick(
    organizations.map((organization) => ({
      label: organization.name,
      description: organization.id === current ? vscode.l10n.t('current') : '',
      detail: organization.id,
      organization,
    })),
    { title: vscode.l10n.t('Choose the Tallyfy organization for new tasks'), ignoreFocusOut: true },
  );
  return picked?.organization;
}

/** "Tallyfy: Switch Organization": picks another of the user's organizations without a new sign-in. */
export async function switchOrganization(session: Session): Promise<void> {
  const state = session.state;
  if (state.kind !== 'signed-in') {
    const signInNow = vscode.l10n.t('Sign In');
    if ((await vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Tallyfy first.'), signInNow)) === signInNow) {
      await vscode.commands.executeCommand(Commands.signIn);
    }
    return;
  }
  const organizations = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading your Tallyfy organizations…'), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return sessionClient(session).organizations({ signal: controller.signal });
    },
  );
  await session.rememberOrganizations(Object.fromEntries(organizations.map((o) => [o.id, o.name])));
  const only = organizations.length === 1 ? organizations[0] : undefined;
  if (only !== undefined && only.id === state.orgId) {
    void vscode.window.showInformationMessage(vscode.l10n.t('You belong to one Tallyfy organization: {0}.', only.name));
    return;
  }
  const chosen = await pickOrganization(organizations, state.orgId);
  if (chosen === undefined || chosen.id === state.orgId) {
    return;
  }
  const where = await session.settings.setOrganization(chosen.id);
  void vscode.window.showInformationMessage(
    where === 'workspace'
      ? vscode.l10n.t('New Tallyfy tasks from this workspace now go to {0} (saved in the workspace settings, which name the organization).', chosen.name)
      : vscode.l10n.t('New Tallyfy tasks now go to {0}.', chosen.name),
  );
}
