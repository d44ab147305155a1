// What a picker's search finds in Tallyfy (members, groups, guests or tags matching the typed text), as
// the message its page takes: the task form's and a task's Edit ask the same way.
import type { SearchKind, SearchResultsMessage } from '../core/form/protocol';
import { requireClient } from './auth/clients';
import type { Session } from './auth/session';

export async function pickerSearch(session: Session, kind: SearchKind, q: string): Promise<SearchResultsMessage> {
  const { client, orgId } = requireClient(session);
  const options = { q, perPage: 30 };
  switch (kind) {
    case 'members': {
      const page = await client.listUsers(orgId, options);
      return { type: 'searchResults', kind, q, members: page.items.map((m) => ({ id: m.id, name: m.fullName, email: m.email })) };
    }
    case 'groups': {
      const page = await client.listGroups(orgId, options);
      return { type: 'searchResults', kind, q, groups: page.items.map((g) => ({ id: g.id, name: g.name })) };
    }
    case 'guests': {
      const page = await client.listGuests(orgId, options);
      return { type: 'searchResults', kind, q, guests: page.items.map((g) => ({ email: g.email, name: g.displayName })) };
    }
    case 'tags': {
      const page = await client.listTags(orgId, options);
      return { type: 'searchResults', kind, q, tags: page.items.map((t) => ({ id: t.id, title: t.title })) };
    }
  }
}
