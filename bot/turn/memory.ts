import type { ConversationTarget, Conversations } from '../../casework/ports.js';
import type { Middleware } from './chain.js';
import type { Turn } from './turn.js';

// Where AanZet can reach a conversation later (reminders, notices): the install event comes
// once, so every message, click and other invoke refreshes the address too.

export function rememberConversation(conversations: Conversations): Middleware<Turn> {
  return async (turn, next) => {
    // Not a card's automatic refresh: Teams shows a card AanZet sent there, so the address is
    // known, and the address names its reader: each reader in turn would write it again.
    if (turn.event.kind === 'cardAction' && turn.event.automatic) return next();
    if (turn.event.kind === 'message' || turn.event.kind === 'cardAction' || turn.event.kind === 'invoke')
      await remember(conversations, turn);
    await next();
  };
}

export async function remember(conversations: Conversations, turn: Turn): Promise<void> {
  const { id, kind, tenantId, teamId } = turn.conversation;
  const target = {
    id,
    kind,
    tenantId: tenantId ?? '',
    ...(kind === 'personal' ? { userId: turn.from.id } : {}),
    ...(teamId ? { teamId } : {}),
    reference: turn.reference,
  };
  // Written only when something changed: a write costs far more than this read.
  const known = await conversations.get(target.id);
  if (known && sameTarget(known, target)) return;
  // Keep the channel's partner links: only the address is refreshed here.
  await conversations.put({
    ...target,
    ...(known?.links ? { links: known.links } : {}),
    updatedAt: new Date().toISOString(),
  });
}

function sameTarget(
  a: Omit<ConversationTarget, 'updatedAt'>,
  b: Omit<ConversationTarget, 'updatedAt'>,
): boolean {
  const canonical = (t: Omit<ConversationTarget, 'updatedAt'>) =>
    JSON.stringify(sortedKeys([t.id, t.kind, t.tenantId, t.userId ?? null, t.teamId ?? null, t.reference]));
  return canonical(a) === canonical(b);
}

/** The same data with every object's keys in order: PostgreSQL's jsonb gives them back in its own order. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}
