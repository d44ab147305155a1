// The sandbox's fixed people, groups, guests and tags. Ids follow the real API's shapes: user ids are
// integers, organization and tag ids 32-char lowercase hex.

export const DEFAULT_ORG_ID = '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f';
export const OTHER_ORG_ID = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';

export interface SeedUser {
  readonly id: number;
  readonly email: string;
  readonly username: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly full_name: string;
  readonly timezone: string;
  readonly profile_pic: string | null;
  readonly status: 'active' | 'invited' | 'disabled';
}

export interface SeedOrganization {
  readonly id: string;
  readonly name: string;
}

export interface SeedGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly members: readonly number[];
  readonly guests: readonly string[];
}

export interface SeedGuest {
  readonly id: string;
  readonly email: string;
  readonly first_name: string;
  readonly last_name: string;
}

export interface SeedTag {
  readonly id: string;
  readonly title: string;
  readonly color: string;
}

export interface SeedData {
  /** The token's user (`GET /me`). */
  readonly user: SeedUser;
  readonly organizations: readonly SeedOrganization[];
  /** Members of every organization, the token's user first. */
  readonly members: readonly SeedUser[];
  readonly groups: readonly SeedGroup[];
  readonly guests: readonly SeedGuest[];
  readonly tags: readonly SeedTag[];
}

const PEOPLE: ReadonlyArray<[string, string, SeedUser['status']]> = [
  ['Ada', 'Lovelace', 'active'],
  ['Grace', 'Hopper', 'active'],
  ['Alan', 'Turing', 'active'],
  ['Katherine', 'Johnson', 'active'],
  ['Edsger', 'Dijkstra', 'active'],
  ['Barbara', 'Liskov', 'active'],
  ['Donald', 'Knuth', 'active'],
  ['Margaret', 'Hamilton', 'active'],
  ['Linus', 'Torvalds', 'invited'],
  ['Frances', 'Allen', 'active'],
  ['John', 'Backus', 'disabled'],
  ['Radia', 'Perlman', 'active'],
];

function hexId(prefix: string, n: number): string {
  return (prefix + n.toString(16)).padEnd(32, '0').slice(0, 32);
}

export function createSeed(orgId: string): SeedData {
  const members: SeedUser[] = PEOPLE.map(([first, last, status], index) => ({
    id: 1001 + index,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
    username: `${first.toLowerCase()}${last.toLowerCase()[0] ?? ''}`,
    first_name: first,
    last_name: last,
    full_name: `${first} ${last}`,
    // Not the extension host's zone (UTC in the tests): default deadlines are 17:00 here.
    timezone: 'Pacific/Auckland',
    profile_pic: index % 2 === 0 ? null : `https://example.com/avatars/${1001 + index}.png`,
    status,
  }));
  const user = members[0];
  if (user === undefined) throw new Error('seed has no members');
  return {
    user,
    organizations: [
      { id: orgId, name: 'Sandbox Organization' },
      { id: orgId === OTHER_ORG_ID ? DEFAULT_ORG_ID : OTHER_ORG_ID, name: 'Second Sandbox Organization' },
    ],
    members,
    groups: [
      { id: hexId('6e0', 1), name: 'Engineering', description: 'Builds things', members: [1001, 1002, 1003], guests: [] },
      { id: hexId('6e0', 2), name: 'Quality', description: 'Checks things', members: [1004, 1005], guests: ['auditor@example.org'] },
      { id: hexId('6e0', 3), name: 'Operations', description: 'Runs things', members: [1006], guests: [] },
    ],
    guests: [
      { id: hexId('9a0', 1), email: 'auditor@example.org', first_name: 'Ann', last_name: 'Auditor' },
      { id: hexId('9a0', 2), email: 'contractor@example.net', first_name: 'Carl', last_name: 'Contractor' },
    ],
    tags: [
      { id: hexId('7a9', 1), title: 'bug', color: '#d73a4a' },
      { id: hexId('7a9', 2), title: 'tech-debt', color: '#fbca04' },
      { id: hexId('7a9', 3), title: 'security', color: '#b60205' },
      { id: hexId('7a9', 4), title: 'docs', color: '#0075ca' },
    ],
  };
}
