import type { ConversationTarget, Conversations } from '../../casework/ports.js';
import type { ShortMemo } from '../short-memo.js';
import type { KnownAddress } from '../turn-memos.js';
import type { Middleware } from './chain.js';
import type { Turn } from './turn.js';

// Where AanZet can reach a conversation later (reminders, notices): the install event comes
// once, so every message, click and other invoke refreshes the address too.

export function rememberConversation(
  conversations: Conversations,
  known?: ShortMemo<string, KnownAddress>,
): Middleware<Turn> {
  return async (turn, next) => {
    // Not a card's automatic refresh: Teams shows a card AanZet sent there, so the address is
    // known, and the address names its reader: each reader in turn would write it again.
    if (turn.event.kind === 'cardAction' && turn.event.automatic) return next();
    if (turn.event.kind === 'message' || turn.event.kind === 'cardAction' || turn.event.kind === 'invoke')
      await remember(conversations, turn, known);
    await next();
  };
}

/** `known`: the addresses this process read lately and found unchanged (bot/turn-memos.ts), so a busy chat is not read every turn. */
export async function remember(
  conversations: Conversations,
  turn: Turn,
  known?: ShortMemo<string, KnownAddress>,
): Promise<void> {
  const { id, kind, tenantId, teamId } = turn.conversation;
  const target: KnownAddress = {
    id,
    kind,
    tenantId: tenantId ?? '',
    ...(kind === 'personal' ? { userId: turn.from.id } : {}),
    ...(teamId ? { teamId } : {}),
    reference: turn.reference,
  };
  const seen = known?.get(target.id);
  if (seen && sameTarget(seen, target)) return;
  const generation = known?.generation ?? 0;
  // Written only when something changed: a write costs far more than this read.
  const stored = await conversations.get(target.id);
  if (stored && sameTarget(stored, target)) {
    // Kept only as read, and only if no write (a removal after a failed send) landed meanwhile.
    known?.setIfNothingForgottenSince(generation, target.id, target);
    return;
  }
  // Keep the channel's partner links: only the address is refreshed here.
  await conversations.put({
    ...target,
    ...(stored?.links ? { links: stored.links } : {}),
    updatedAt: new Date().toISOString(),
  });
}

function sameTarget(
  a: Omit<ConversationTarget, 'updatedAt'>,
  b: Omit<ConversationTarget, 'updatedAt'>,
): boolean {
  return (
    a.id === b.id &&
    a.kind === b.kind &&
    a.tenantId === b.tenantId &&
    (a.userId ?? null) === (b.userId ?? null) &&
    (a.teamId ?? null) === (b.teamId ?? null) &&
    sameData(a.reference, b.reference)
  );
}

/**
 * The same JSON data, whatever the order of each object's keys: PostgreSQL's jsonb gives them back
 * in its own order. A walk, not two sorted JSON texts: it runs on every message.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameData(item, b[i]));
  }
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x).filter((key) => x[key] !== undefined);
  if (keys.length !== Object.keys(y).filter((key) => y[key] !== undefined).length) return false;
  return keys.every((key) => Object.hasOwn(y, key) && sameData(x[key], y[key]));
}
