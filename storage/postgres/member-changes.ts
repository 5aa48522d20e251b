import type { MemberChanges } from '../../casework/ports.js';
import type { Listening, SqlClient } from './sql-client.js';

// Word of member changes on PostgreSQL: migration 10's trigger notifies this channel with the
// user id when a change commits; each process listens on a connection of its own.

export const MEMBER_CHANGES_CHANNEL = 'aanzet_members';

export interface ClosableMemberChanges extends MemberChanges {
  close(): Promise<void>;
}

/** Listens from the first subscriber on (a CLI that never asks opens no connection for it). */
export function postgresMemberChanges(listen: NonNullable<SqlClient['listen']>): ClosableMemberChanges {
  const subscribers = new Set<(userId: string | undefined) => void>();
  let live = false;
  let lostBecause: string | null = null;
  let listening: Listening | undefined;
  let closed = false;
  const tell = (userId: string | undefined) => {
    for (const changed of subscribers) changed(userId);
  };
  return {
    get live() {
      return live;
    },
    get lostBecause() {
      return lostBecause;
    },
    subscribe(changed) {
      subscribers.add(changed);
      if (!closed)
        listening ??= listen(MEMBER_CHANGES_CHANNEL, {
          notified: (payload) => tell(payload === '' ? undefined : payload),
          // Word sent while nobody listened is lost: all may have changed.
          listening: () => {
            live = true;
            lostBecause = null;
            tell(undefined);
          },
          lost: (error) => {
            live = false;
            lostBecause = error.message;
            tell(undefined);
          },
        });
      return () => void subscribers.delete(changed);
    },
    async close() {
      closed = true;
      live = false;
      lostBecause = null;
      await listening?.stop();
      listening = undefined;
    },
  };
}
