import * as vscode from 'vscode';
import { Commands } from '../core/contract';
import { isTallyfyError, TallyfyError, type TallyfyErrorKind } from '../core/tallyfy';
import type { Logger } from './log';

export interface ErrorDescription {
  readonly message: string;
  /** The action that helps, as a button label and the command it runs. */
  readonly actions: readonly { readonly label: string; readonly command: string; readonly args?: readonly unknown[] }[];
}

/** A failure the editor words for the user itself, in their language (shown as it is). */
export function userError(kind: TallyfyErrorKind, message: string): TallyfyError {
  return new TallyfyError(kind, message, { forUser: true });
}

/** One localized message per kind of failure, with the action that helps. Never server internals. */
export function describeError(error: unknown): ErrorDescription {
  const signIn = { label: vscode.l10n.t('Sign In'), command: Commands.signIn };
  const showLog = { label: vscode.l10n.t('Show Log'), command: Commands.showLog };
  if (!isTallyfyError(error)) {
    return {
      message: vscode.l10n.t('Something went wrong: {0}', error instanceof Error ? error.message : String(error)),
      actions: [showLog],
    };
  }
  if (error.forUser) {
    return { message: error.message, actions: error.kind === 'signed-out' ? [signIn] : [showLog] };
  }
  switch (error.kind) {
    case 'signed-out':
      return { message: vscode.l10n.t('You are not signed in to Tallyfy. Sign in first.'), actions: [signIn] };
    case 'configuration':
      return { message: vscode.l10n.t('The Tallyfy connection settings are not valid: check "tallyfy.apiBaseUrl".'), actions: [showLog] };
    case 'unauthorized':
      return {
        message: vscode.l10n.t('Tallyfy rejected the token: it has expired, or was revoked by logging out of Tallyfy. Sign in again with a new token.'),
        actions: [signIn],
      };
    case 'forbidden':
      return {
        message: error.serverMessage !== undefined
          ? vscode.l10n.t('Tallyfy refused this action: {0}', error.serverMessage)
          : vscode.l10n.t('Tallyfy refused this action. You may not have permission, or the task does not allow it.'),
        actions: [showLog],
      };
    case 'not-found':
      return { message: vscode.l10n.t('Tallyfy could not find this item. It may have been deleted, or it belongs to another organization.'), actions: [] };
    case 'validation':
      return { message: vscode.l10n.t('Tallyfy rejected some values: {0}', validationSummary(error.fieldErrors)), actions: [] };
    case 'conflict':
      return { message: vscode.l10n.t('Tallyfy refused the change because the item changed meanwhile. Refresh and try again.'), actions: [] };
    case 'rate-limited':
      return {
        message: error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0
          ? vscode.l10n.t('Too many requests to Tallyfy. Try again in {0} seconds.', Math.ceil(error.retryAfterSeconds))
          : vscode.l10n.t('Too many requests to Tallyfy. Try again in a moment.'),
        actions: [],
      };
    case 'server':
      return { message: vscode.l10n.t('Tallyfy had a problem answering (HTTP {0}). Try again later.', error.status ?? 500), actions: [showLog] };
    case 'network':
      return { message: vscode.l10n.t('Could not reach Tallyfy. Check your network connection and the "tallyfy.apiBaseUrl" setting.'), actions: [showLog] };
    case 'timeout':
      return { message: vscode.l10n.t('Tallyfy did not answer in time. Try again later, or raise "tallyfy.requestTimeoutSeconds".'), actions: [showLog] };
    case 'cancelled':
      return { message: vscode.l10n.t('Cancelled.'), actions: [] };
    case 'outcome-unknown':
      return {
        message: vscode.l10n.t('The connection failed before Tallyfy confirmed the task, so it may or may not exist. Check for it before creating it again.'),
        actions: [showLog],
      };
    case 'bad-response':
      return { message: vscode.l10n.t('Tallyfy sent an answer that could not be read.'), actions: [showLog] };
    case 'request-failed':
      return { message: vscode.l10n.t('Tallyfy refused the request (HTTP {0}).', error.status ?? 400), actions: [showLog] };
  }
}

function validationSummary(fieldErrors: Readonly<Record<string, string[]>> | undefined): string {
  const lines = Object.entries(fieldErrors ?? {}).flatMap(([field, messages]) =>
    messages.map((m) => (field === '_form' ? m : `${field}: ${m}`)),
  );
  return lines.length > 0 ? lines.join(' ') : vscode.l10n.t('no details were given.');
}

/** Shows a failure once, with its helpful actions; a cancellation shows nothing. */
export async function presentError(error: unknown, log: Logger): Promise<void> {
  if (isTallyfyError(error, 'cancelled')) {
    return;
  }
  const { message, actions } = describeError(error);
  const choice = await vscode.window.showErrorMessage(message, ...actions.map((a) => a.label));
  const action = actions.find((a) => a.label === choice);
  if (action !== undefined) {
    await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
  }
  log.debug(`Shown to the user: ${message}`);
}
