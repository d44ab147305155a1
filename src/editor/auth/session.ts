import * as vscode from 'vscode';
import { ContextKeys } from '../../core/contract';
import { checkBaseUrl, type BaseUrlCheck } from '../../core/tallyfy/baseUrl';
import type { TallyfyClientOptions } from '../../core/tallyfy/client';
import { userError } from '../errors';
import type { Logger } from '../log';
import type { SettingsReader } from '../settings';
import type { TokenStore } from './tokenStore';

const IDENTITY_KEY = 'tallyfy.identity';

/** Who is signed in, remembered in global state (never the token) so the status bar needs no request. */
export interface Identity {
  readonly userId: number;
  readonly userName: string;
  readonly email: string;
  readonly baseUrl: string;
  /** Names of the organizations seen at sign-in, by id. */
  readonly organizations: Readonly<Record<string, string>>;
  /** The IANA time zone of the user's Tallyfy profile (`GET /me`), when it names one. */
  readonly timeZone?: string | undefined;
}

export type SessionState =
  | { readonly kind: 'signed-out' }
  /** A token is stored, but for another API address than the current setting. */
  | { readonly kind: 'base-url-changed'; readonly storedBaseUrl: string }
  | { readonly kind: 'signed-in'; readonly identity: Identity; readonly orgId: string; readonly orgName: string };
export type SignedIn = Extract<SessionState, { kind: 'signed-in' }>;

/**
 * The signed-in state, and what an API client of it needs (`connection`; the clients themselves are
 * built where requests are made, see clients.ts). The token is read from SecretStorage for each request
 * and only when the stored token was signed in against the configured API address.
 */
export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;
  private current: SessionState = { kind: 'signed-out' };
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly tokens: TokenStore,
    readonly settings: SettingsReader,
    private readonly globalState: vscode.Memento,
    private readonly log: Logger,
    private readonly userAgent: string,
  ) {
    this.subscriptions.push(
      tokens.onDidChange(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tallyfy.apiBaseUrl') || e.affectsConfiguration('tallyfy.organizationId')) {
          void this.update();
        }
      }),
    );
  }

  get state(): SessionState {
    return this.current;
  }

  /** Re-reads the stored token and settings, updates the context key and tells listeners. */
  async update(): Promise<SessionState> {
    const stored = await this.tokens.get();
    const identity = this.globalState.get<Identity>(IDENTITY_KEY);
    const baseUrl = this.normalizedBaseUrl();
    let next: SessionState;
    if (stored === undefined || identity === undefined) {
      next = { kind: 'signed-out' };
    } else if (baseUrl === undefined || stored.baseUrl !== baseUrl) {
      next = { kind: 'base-url-changed', storedBaseUrl: stored.baseUrl };
    } else {
      const orgId = this.settings.get('organizationId');
      next = { kind: 'signed-in', identity, orgId, orgName: identity.organizations[orgId] ?? orgId };
    }
    this.current = next;
    await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, next.kind === 'signed-in');
    this.changed.fire(next);
    return next;
  }

  /**
   * Whose view of Tallyfy a read is made in (the API address, organization and user), or undefined when
   * signed out: what was read under one key is stale under another.
   */
  readerKey(): string | undefined {
    const state = this.current;
    return state.kind === 'signed-in' ? `${state.identity.baseUrl}\u0000${state.orgId}\u0000${state.identity.userId}` : undefined;
  }

  /** The configured API address (user settings only), normalized, or why it may not receive a token. */
  baseUrlCheck(): BaseUrlCheck {
    return checkBaseUrl(this.settings.apiBaseUrl());
  }

  normalizedBaseUrl(): string | undefined {
    const check = this.baseUrlCheck();
    return check.ok ? check.url : undefined;
  }

  /** A client's options for an explicit token (used to check a token before it is stored). */
  connectionWithToken(baseUrl: string, token: string): TallyfyClientOptions {
    return this.connectionTo(baseUrl, () => Promise.resolve(token));
  }

  /**
   * A client's options for the stored session. Each request reads the token again and refuses to send
   * it when it was signed in against another address than the current setting.
   */
  connection(): TallyfyClientOptions {
    return this.connectionTo(this.settings.apiBaseUrl(), async () => {
      const stored = await this.tokens.get();
      if (stored === undefined) {
        return undefined;
      }
      if (stored.baseUrl !== this.normalizedBaseUrl()) {
        throw userError('signed-out', baseUrlChangedMessage());
      }
      return stored.token;
    });
  }

  /** The organization for a request; a clear error when signed out or no organization is set. */
  requireOrganization(): { orgId: string; state: SignedIn } {
    const state = this.current;
    if (state.kind !== 'signed-in') {
      throw userError(
        'signed-out',
        state.kind === 'base-url-changed' ? baseUrlChangedMessage() : vscode.l10n.t('You are not signed in to Tallyfy.'),
      );
    }
    if (state.orgId === '') {
      throw userError(
        'configuration',
        vscode.l10n.t('No Tallyfy organization is chosen. Run "Tallyfy: Switch Organization".'),
      );
    }
    return { orgId: state.orgId, state };
  }

  async signedIn(session: { token: string; baseUrl: string }, identity: Identity): Promise<void> {
    await this.globalState.update(IDENTITY_KEY, identity);
    await this.tokens.set(session);
    await this.update();
    this.log.info(`Signed in as user ${identity.userId} against ${identity.baseUrl}.`);
  }

  async rememberOrganizations(organizations: Readonly<Record<string, string>>): Promise<void> {
    const identity = this.globalState.get<Identity>(IDENTITY_KEY);
    if (identity !== undefined) {
      await this.globalState.update(IDENTITY_KEY, { ...identity, organizations: { ...identity.organizations, ...organizations } });
    }
  }

  async signOut(): Promise<void> {
    await this.tokens.clear();
    await this.globalState.update(IDENTITY_KEY, undefined);
    await this.update();
    this.log.info('Signed out.');
  }

  private connectionTo(baseUrl: string, getToken: () => Promise<string | undefined>): TallyfyClientOptions {
    return { baseUrl, getToken, userAgent: this.userAgent, timeoutMs: this.settings.get('requestTimeoutSeconds') * 1000, logger: this.log };
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }
}

function baseUrlChangedMessage(): string {
  return vscode.l10n.t('The Tallyfy API address changed since you signed in. Sign in again to use the new address.');
}
