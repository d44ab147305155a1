// The owners a TODO names (`TODO(alice)`), matched against the organization's members for the form,
// the quick create and the review: one member list per organization and session, read once and kept for
// a few minutes, and the sentences that say what could not be matched.
import * as vscode from 'vscode';
import { matchOwners, type OwnerMatch } from '../core/owners';
import type { Member } from '../core/tallyfy';
import { requireClient } from './auth/clients';
import type { Session } from './auth/session';
import { describeError } from './errors';
import type { Logger } from './log';
import type { PartHost } from './parts';

/** How long a member list is used before it is read again. */
const KEEP_MS = 10 * 60_000;

export interface TodoOwners {
  /** The members the TODO names, to assign. */
  readonly members: readonly Member[];
  /** What could not be matched, one sentence each. */
  readonly notes: readonly string[];
  /** Emails the TODO names that are no member, to offer as guests (never added by themselves). */
  readonly guests: readonly string[];
}

export const NO_OWNERS: TodoOwners = { members: [], notes: [], guests: [] };

export class MemberDirectory {
  private cached: { key: string; at: number; members: Promise<Member[]> } | undefined;

  constructor(
    private readonly session: Session,
    private readonly log: Logger,
  ) {}

  /** The organization's members (every page), read at most once per few minutes. */
  members(): Promise<Member[]> {
    const { client, orgId } = requireClient(this.session);
    const key = this.session.readerKey() ?? '';
    if (this.cached === undefined || this.cached.key !== key || Date.now() - this.cached.at > KEEP_MS) {
      const members = client.listUsers(orgId, { all: true }).then((page) => page.items);
      const cached = { key, at: Date.now(), members };
      this.cached = cached;
      members.catch(() => {
        if (this.cached === cached) this.cached = undefined;
      });
      return members;
    }
    return this.cached.members;
  }

  /** The members a TODO's authors name, and what could not be matched; none when signed out or unreadable. */
  async ownersOf(authors: readonly string[]): Promise<TodoOwners> {
    if (authors.length === 0 || this.session.state.kind !== 'signed-in') return NO_OWNERS;
    let members: Member[];
    try {
      members = await this.members();
    } catch (error) {
      this.log.warn(`Could not read the members to match the TODO's owners: ${describeError(error).message}`);
      return { members: [], guests: [], notes: [vscode.l10n.t('The owners the TODO names could not be looked up: {0}', describeError(error).message)] };
    }
    const { matches, users, guests } = matchOwners(authors, members);
    return {
      guests,
      members: users.flatMap((id) => members.filter((m) => m.id === id)),
      notes: matches.flatMap((match) => {
        const note = ownerNote(match);
        return note === undefined ? [] : [note];
      }),
    };
  }
}

/** What the form and the quick create say about a name that gave no single member. */
function ownerNote(match: OwnerMatch): string | undefined {
  switch (match.kind) {
    case 'member':
      return undefined;
    case 'guest':
      return vscode.l10n.t('{0} is not a member of this organization; they can be added as a guest.', match.email);
    case 'none':
      return vscode.l10n.t('"{0}" matches no member of this organization.', match.written);
    case 'ambiguous':
      return vscode.l10n.t('"{0}" matches several members ({1}): choose one in Assignees.', match.written, match.candidates.map((p) => p.fullName).join(', '));
  }
}

/** The window's one directory, shared by the parts that match owners (`PartHost.shared`). */
export function memberDirectory(host: PartHost): MemberDirectory {
  return new MemberDirectory(host.session, host.log);
}
