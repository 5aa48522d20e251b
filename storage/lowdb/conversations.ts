import type { Conversations } from '../../casework/ports.js';
import { copy, type LowdbAccess } from './access.js';

// The conversations AanZet can message, on the lowdb document keyed by conversation id.

export function lowdbConversations(access: LowdbAccess): Conversations {
  const doc = () => access.doc();
  return {
    put: (target) => {
      const stored = copy(target);
      return access.mutate(() => void (doc().conversations[stored.id] = stored));
    },
    get: async (id) => access.read(() => doc().conversations[id]),
    list: async ({ userId, userIds, teamId, kind, linkedTo }) => {
      const anyOf = userIds && new Set(userIds);
      return access.read(() =>
        Object.values(doc().conversations)
          .filter(
            (c) =>
              (userId === undefined || c.userId === userId) &&
              (anyOf === undefined || (c.userId !== undefined && anyOf.has(c.userId))) &&
              (teamId === undefined || c.teamId === teamId) &&
              (kind === undefined || c.kind === kind) &&
              (linkedTo === undefined ||
                (c.links ?? []).some(
                  (l) => l.covenantId === linkedTo.covenantId && l.partnerId === linkedTo.partnerId,
                )),
          )
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      );
    },
    remove: (filter) =>
      access.mutate(() => {
        const ids =
          'id' in filter
            ? [filter.id]
            : Object.values(doc().conversations)
                .filter((c) => c.teamId === filter.teamId)
                .map((c) => c.id);
        let removed = 0;
        for (const id of ids) if (doc().conversations[id] && delete doc().conversations[id]) removed++;
        return removed;
      }),
  };
}
