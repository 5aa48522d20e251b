import type { ConversationTarget, Conversations, Member, Members, Store } from '../casework/ports.js';
import { copy } from '../casework/json-copy.js';
import { ShortMemo } from './short-memo.js';

// Reads a busy chat would otherwise make on every turn, kept for a while. Every write of
// conversations or members in this process makes them forget at once (the store below). A write
// by another instance or the CLI is seen within the memo's age, except for members where the
// store sends word of their changes (PostgreSQL): those are forgotten as the change commits.

/** A conversation's address as this process last read it from the store: the turn reads it only when it differs. */
export type KnownAddress = Omit<ConversationTarget, 'updatedAt' | 'links'>;

export interface TurnMemos {
  /**
   * By conversation id. Five minutes: another instance removes an address only when Teams said
   * the conversation is gone, and then nobody sends a message from it; a new install writes it
   * again in any case (bot/turn/lifecycle.ts, without the memo).
   */
  addresses: ShortMemo<string, KnownAddress>;
  /**
   * The Teams ids whose status card Teams refreshes by itself, by covenant and partners. A minute:
   * a member approved elsewhere is listed that much later (and can refresh by hand meanwhile); a
   * member removed elsewhere is asked for a refresh that shows them nothing.
   */
  refreshAudiences: ShortMemo<string, string[]>;
  /**
   * Members by user id (null: not a member), read on every turn for who is asking. Kept only
   * while the store's word of member changes comes in (Store.memberChanges), which forgets a
   * member as its change commits anywhere: an approval or a removal counts from the next turn
   * on, as when every turn reads. A minute at most: should the listening connection die
   * without anyone noticing (a network cut that sends no reset), no member is kept longer.
   */
  actors: ShortMemo<string, Member | null>;
}

export function turnMemos(nowMs: () => number = Date.now): TurnMemos {
  return {
    addresses: new ShortMemo(5 * 60_000, 10_000, nowMs),
    refreshAudiences: new ShortMemo(60_000, 1_000, nowMs),
    actors: new ShortMemo(60_000, 10_000, nowMs),
  };
}

/** The store, its writes of conversations and members forgetting what the memos keep. */
export function forgettingStore(store: Store, memos: TurnMemos): Store {
  const conversations: Conversations = {
    get: (id) => store.conversations.get(id),
    list: (filter) => store.conversations.list(filter),
    put: async (target) => {
      try {
        await store.conversations.put(target);
      } finally {
        memos.addresses.delete(target.id);
        memos.refreshAudiences.clear();
      }
    },
    remove: async (filter) => {
      try {
        return await store.conversations.remove(filter);
      } finally {
        memos.addresses.clear(); // a team's channels are not known by id here
        memos.refreshAudiences.clear();
      }
    },
  };
  const changes = store.memberChanges;
  changes?.subscribe((userId) => {
    if (userId === undefined) memos.actors.clear();
    else memos.actors.delete(userId);
    memos.refreshAudiences.clear();
  });
  const members: Members = {
    get: async (userId) => {
      // Nothing is kept while word does not come: forgotten when it stops, not kept meanwhile.
      if (!changes) return store.members.get(userId);
      const kept = memos.actors.get(userId);
      // A copy: the caller may change what it gets.
      if (kept !== undefined) return kept === null ? undefined : copy(kept);
      const generation = memos.actors.generation;
      const member = await store.members.get(userId);
      // Not kept when word stopped meanwhile, or a change came in during the read (it may be older).
      if (changes.live)
        memos.actors.setIfNothingForgottenSince(generation, userId, member ? copy(member) : null);
      return member;
    },
    list: (covenantId) => store.members.list(covenantId),
    put: async (member) => {
      try {
        await store.members.put(member);
      } finally {
        memos.actors.delete(member.userId);
        memos.refreshAudiences.clear();
      }
    },
  };
  return {
    ...store,
    conversations,
    members,
    check: () => store.check(),
    close: () => store.close(),
  };
}
