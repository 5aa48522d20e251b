import type { Casework } from '../casework/casework.js';
import type { ConversationTarget, Conversations } from '../casework/ports.js';
import { MAX_REFRESH_USERS } from '../cards/refresh.js';
import type { RefreshAudience } from '../dialogs/scope.js';

/**
 * Whose status card Teams refreshes by itself: the members involved in the case, or of the
 * digest's partner (casework.refreshAudience), by the id Teams gives them in a chat (a user MRI, "29:…", which
 * `refresh.userIds` wants), read from their personal chat with AanZet: AanZet knows members by
 * their Entra object id. A member without such a chat is not listed (a channel of up to 60 still
 * refreshes for everyone). Over 60 members: nobody is listed, and nothing more is read.
 */
export function refreshAudienceFor(casework: Casework, conversations: Conversations): RefreshAudience {
  return async (about) => {
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
  };
}

/** The user's id in their personal chat's address (botbuilder's ConversationReference.user). */
function teamsUserId(chat: ConversationTarget): string | undefined {
  const id = (chat.reference as { user?: { id?: unknown } } | undefined)?.user?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
