import type { Casework } from '../casework/casework.js';
import type { ConversationTarget, Conversations } from '../casework/ports.js';
import { MAX_REFRESH_USERS } from '../cards/refresh.js';
import type { RefreshAudience } from '../dialogs/scope.js';
import type { ShortMemo } from './short-memo.js';

/**
 * Whose status card Teams refreshes by itself: the members involved in the case, or of the
 * digest's partner (casework.refreshAudience), by the id Teams gives them in a chat (a user MRI, "29:…", which
 * `refresh.userIds` wants), read from their personal chat with AanZet: AanZet knows members by
 * their Entra object id. A member without such a chat is not listed (a channel of up to 60 still
 * refreshes for everyone). Over 60 members: nobody is listed, and nothing more is read.
 *
 * `memo` (bot/turn-memos.ts) keeps the list of named partners for a while: each status lookup in a
 * busy channel would read the covenant's members and their chats again. A case's audience is
 * not kept: its partners change as the case moves on.
 */
export function refreshAudienceFor(
  casework: Casework,
  conversations: Conversations,
  memo?: ShortMemo<string, string[]>,
): RefreshAudience {
  return async (about) => {
    const key = 'caseId' in about ? undefined : memoKey(about);
    const kept = key === undefined ? undefined : memo?.get(key);
    if (kept) return [...kept];
    const generation = memo?.generation ?? 0;
    const ids = await readAudience(casework, conversations, about);
    if (key !== undefined) memo?.setIfNothingForgottenSince(generation, key, ids);
    return [...ids];
  };
}

function memoKey(
  about: { covenantId: string; partnerId: string } | { covenantId: string; partnerIds: string[] },
): string {
  const partners = 'partnerId' in about ? [about.partnerId] : [...about.partnerIds].sort();
  return JSON.stringify([about.covenantId, partners]);
}

async function readAudience(
  casework: Casework,
  conversations: Conversations,
  about: Parameters<RefreshAudience>[0],
): Promise<string[]> {
  const members = await casework.refreshAudience(about);
  if (members.length > MAX_REFRESH_USERS) return [];
  if (members.length === 0) return [];
  // One read for all of them: a read per member made a channel's status lookup as slow as its team was big.
  const chats = await conversations.list({ userIds: members, kind: 'personal' });
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (const chat of chats) {
    if (chat.userId === undefined || seen.has(chat.userId)) continue;
    const id = teamsUserId(chat);
    if (id === undefined) continue;
    seen.add(chat.userId);
    ids.add(id);
  }
  return [...ids];
}

/** The user's id in their personal chat's address (botbuilder's ConversationReference.user). */
function teamsUserId(chat: ConversationTarget): string | undefined {
  const id = (chat.reference as { user?: { id?: unknown } } | undefined)?.user?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
