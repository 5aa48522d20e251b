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
    const ids = await Promise.all(
      members.map(async (userId) => teamsUserId(await conversations.list({ userId, kind: 'personal' }))),
    );
    return [...new Set(ids.filter((id): id is string => id !== undefined))];
  };
}

/** The user's id in their personal chat's address (botbuilder's ConversationReference.user). */
function teamsUserId(chats: ConversationTarget[]): string | undefined {
  for (const chat of chats) {
    const id = (chat.reference as { user?: { id?: unknown } } | undefined)?.user?.id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return undefined;
}
