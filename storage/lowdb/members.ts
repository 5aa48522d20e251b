import type { Members } from '../../casework/ports.js';
import { copy, type LowdbAccess } from './access.js';

// The members on the lowdb document, keyed by user id; few enough to filter by walking them.

export function lowdbMembers(access: LowdbAccess): Members {
  const doc = () => access.doc();
  return {
    get: async (userId) => access.read(() => doc().members[userId]),
    put: (member) => {
      const stored = copy(member);
      return access.mutate(() => void (doc().members[stored.userId] = stored));
    },
    list: async (covenantId) =>
      access.read(() =>
        Object.values(doc().members)
          .filter((m) => covenantId === undefined || m.memberships.some((s) => s.covenantId === covenantId))
          .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)),
      ),
  };
}
