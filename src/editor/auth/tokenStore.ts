import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { onFirstUse } from '../../core/firstUse';

const SECRET_KEY = 'tallyfy.session';

/** What SecretStorage holds: the token and the API address it was signed in against. */
const storedSession = onFirstUse(() =>
  z.object({
    token: z.string().check(z.minLength(1)),
    baseUrl: z.string().check(z.minLength(1)),
  }),
);
export type StoredSession = z.infer<ReturnType<typeof storedSession>>;

/**
 * The only place the Tallyfy token is kept: VS Code's SecretStorage (the OS keychain on desktop).
 * Follows `secrets.onDidChange`, so a sign-in or sign-out in one window reaches every window.
 */
export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) {
        this.changed.fire();
      }
    });
  }

  /** The stored session, or undefined when signed out (or when what is stored is unreadable). */
  async get(): Promise<StoredSession | undefined> {
    const raw = await this.secrets.get(SECRET_KEY);
    if (raw === undefined) {
      return undefined;
    }
    try {
      const parsed = storedSession().safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async set(session: StoredSession): Promise<void> {
    await this.secrets.store(SECRET_KEY, JSON.stringify(storedSession().parse(session)));
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
