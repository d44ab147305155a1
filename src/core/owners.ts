// Matching the names written in a TODO's parentheses (`TODO(alice): …`, `FIXME(@bob, carol@example.com)`)
// against the organization's members, so a new task can be assigned to them. Nothing here decides on its
// own to invite anyone: an email that matches no member comes back as a guest to OFFER.
//
// Names compare by a key: NFKC, accents dropped, lower case (String#toLowerCase, the same in every
// locale), blanks collapsed. Accents fold because a TODO is often typed in plain ASCII (`TODO(jose)` for
// José); when that makes two members alike (René and Rene), the name is ambiguous and the user chooses.
// Only the combining accents of Latin, Greek and Cyrillic (U+0300–U+036F) are dropped: the marks of other
// scripts are letters of the name. Letters that are not a base plus an accent (ø, ł, ß) stay as they are.
// Emails compare by NFKC and lower case only, since an accent is part of an address.

import { REFERENCE_PREFIX, isTaskId } from './todo/references';

/** A member as the matching needs it (the Tallyfy client's `Member` fits once it carries `username`). */
export interface Person {
  readonly id: number;
  readonly email: string;
  readonly fullName: string;
  readonly firstName?: string | undefined;
  readonly username?: string | undefined;
  readonly status?: string | undefined;
}

/** What one written name is: `written` is the name trimmed, without its leading `@`. */
export type OwnerMatch =
  | { readonly kind: 'member'; readonly written: string; readonly member: Person }
  /** An email that matches no member: to be offered as a guest, never added silently. */
  | { readonly kind: 'guest'; readonly written: string; readonly email: string }
  | { readonly kind: 'none'; readonly written: string }
  | { readonly kind: 'ambiguous'; readonly written: string; readonly candidates: readonly Person[] };

export interface OwnerMatches {
  /** One per distinct written name (same key), in the order written. */
  readonly matches: readonly OwnerMatch[];
  /** Member ids matched, unique, in the order written. */
  readonly users: readonly number[];
  /** Emails to offer as guests, unique (case-insensitive), in order, as first written. */
  readonly guests: readonly string[];
}

/** An ambiguous name lists at most this many candidates. */
export const MAX_CANDIDATES = 5;

/**
 * A name shorter than this (in characters of its key) matches exactly or not at all: `TODO(a)` should
 * not pick the one member whose name starts with A.
 */
export const MIN_PREFIX_LENGTH = 2;

/** A person with the keys its fields compare by. */
interface Keyed {
  readonly person: Person;
  readonly email: string;
  /** Username, email, the email's part before `@`, first name, full name. */
  readonly exact: readonly string[];
  /** What a name may start: username, email, first name, full name and each word of the full name. */
  readonly prefix: readonly string[];
}

/**
 * What one written name matches among `people`. An email matches the member with that email, else is a
 * guest. Another name matches a member's username, email, email before `@`, first name or full name
 * exactly; failing that, it may start one of them or a word of the full name (`love` → Ada Lovelace).
 * Within the first of those tiers that matches anyone, one member is a match and several are ambiguous.
 * Disabled members never match.
 */
export function matchOwner(written: string, people: readonly Person[]): OwnerMatch {
  return matchKeyed(cleanName(written), keyPeople(people));
}

/**
 * The owners written in a TODO (its `authors`): each name matched as by matchOwner, empty names and
 * `tallyfy:<id>` references skipped, a name written twice (same key) matched once.
 */
export function matchOwners(authors: readonly string[], people: readonly Person[]): OwnerMatches {
  const keyed = keyPeople(people);
  const matches: OwnerMatch[] = [];
  const users: number[] = [];
  const guests: string[] = [];
  const seen = new Set<string>();
  const guestKeys = new Set<string>();
  for (const author of authors) {
    const name = cleanName(author);
    if (name === '' || isReference(name)) continue;
    const key = isEmail(name) ? `@${emailKey(name)}` : `n${nameKey(name)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const match = matchKeyed(name, keyed);
    matches.push(match);
    if (match.kind === 'member' && !users.includes(match.member.id)) users.push(match.member.id);
    if (match.kind === 'guest' && !guestKeys.has(emailKey(match.email))) {
      guestKeys.add(emailKey(match.email));
      guests.push(match.email);
    }
  }
  return { matches, users, guests };
}

/** The name as compared: trimmed, one leading `@` dropped (`@alice` → `alice`). */
function cleanName(written: string): string {
  const t = written.trim();
  return t.startsWith('@') ? t.slice(1).trim() : t;
}

function isReference(name: string): boolean {
  return name.startsWith(REFERENCE_PREFIX) && isTaskId(name.slice(REFERENCE_PREFIX.length));
}

/** Something `@` something, with a dot inside the domain: `ann@example.com`, not `ann@host`. */
function isEmail(name: string): boolean {
  return /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@.]+$/.test(name);
}

/** How names compare (see the top of this file). */
function nameKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** How emails compare: NFKC, lower case, accents kept. */
function emailKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().trim();
}

/** The people who may match (not disabled), each once, with their keys. */
function keyPeople(people: readonly Person[]): Keyed[] {
  const out: Keyed[] = [];
  const ids = new Set<number>();
  for (const person of people) {
    if (person.status === 'disabled' || ids.has(person.id)) continue;
    ids.add(person.id);
    const email = nameKey(person.email);
    const at = email.lastIndexOf('@');
    const local = at > 0 ? email.slice(0, at) : '';
    const username = nameKey(person.username ?? '');
    const first = nameKey(person.firstName ?? '');
    const full = nameKey(person.fullName);
    out.push({
      person,
      email: emailKey(person.email),
      exact: nonEmpty([username, email, local, first, full]),
      prefix: nonEmpty([username, email, first, full, ...full.split(/[\s\-\u2010]+/)]),
    });
  }
  return out;
}

function nonEmpty(keys: readonly string[]): string[] {
  return keys.filter((k) => k !== '');
}

function matchKeyed(name: string, keyed: readonly Keyed[]): OwnerMatch {
  if (name === '') return { kind: 'none', written: name };
  if (isEmail(name)) {
    const key = emailKey(name);
    return verdict(name, keyed.filter((k) => k.email === key)) ?? { kind: 'guest', written: name, email: name };
  }
  const key = nameKey(name);
  const exact = verdict(name, keyed.filter((k) => k.exact.includes(key)));
  if (exact !== undefined) return exact;
  if ([...key].length < MIN_PREFIX_LENGTH) return { kind: 'none', written: name };
  const prefix = verdict(name, keyed.filter((k) => k.prefix.some((p) => p.startsWith(key))));
  return prefix ?? { kind: 'none', written: name };
}

/** One person found: a match; several: ambiguous (the first MAX_CANDIDATES, in the people's order); none: undefined. */
function verdict(written: string, found: readonly Keyed[]): OwnerMatch | undefined {
  const first = found[0];
  if (first === undefined) return undefined;
  if (found.length === 1) return { kind: 'member', written, member: first.person };
  return { kind: 'ambiguous', written, candidates: found.slice(0, MAX_CANDIDATES).map((k) => k.person) };
}
