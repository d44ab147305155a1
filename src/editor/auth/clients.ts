// The API clients of the session, built where the requests are made: the client and the schemas of the
// answers load with the parts that talk to Tallyfy, not at start-up.
import * as vscode from 'vscode';
import { TallyfyClient } from '../../core/tallyfy/client';
import { userError } from '../errors';
import type { Session, SignedIn } from './session';

/** The client of the stored session (see `Session.connection`). */
export function sessionClient(session: Session): TallyfyClient {
  return new TallyfyClient(session.connection());
}

/** A client for an explicit token (used to check a token before it is stored). */
export function clientWithToken(session: Session, baseUrl: string, token: string): TallyfyClient {
  return new TallyfyClient(session.connectionWithToken(baseUrl, token));
}

/** The client and organization for a request; a clear error when signed out or no organization is set. */
export function requireClient(session: Session): { client: TallyfyClient; orgId: string; state: SignedIn } {
  return { ...session.requireOrganization(), client: sessionClient(session) };
}

/** The client for a record's own API address; the token is only ever sent where it was signed in. */
export function clientFor(session: Session, baseUrl: string): TallyfyClient {
  if (session.state.kind !== 'signed-in') {
    throw userError('signed-out', vscode.l10n.t('You are not signed in to Tallyfy.'));
  }
  if (session.normalizedBaseUrl() !== baseUrl) {
    throw userError(
      'signed-out',
      vscode.l10n.t('This task was created through another Tallyfy API address ({0}). Sign in there to work with it.', baseUrl),
    );
  }
  return sessionClient(session);
}
