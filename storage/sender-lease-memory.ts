import type { Outbox, SendPace } from '../casework/ports.js';

/**
 * The sender's turn in memory, for a store that one process has to itself: lowdb's store lock
 * keeps a second process out, so there is nobody to share Teams' pace with. The same rules as
 * PostgreSQL's row (storage/postgres/outbox.ts), by this process's clock; nothing is kept
 * across a restart, as nothing needs to be.
 */
export function memorySenderLease(
  now: () => number = Date.now,
): Pick<Outbox, 'leaseSender' | 'releaseSender'> {
  let turn: { holder: string; until: number } | undefined;
  let pace: SendPace | null = null;
  return {
    leaseSender: (holder, ttlMs, given) => {
      const at = now();
      if (turn && turn.holder !== holder && turn.until > at) return Promise.resolve(undefined);
      turn = { holder, until: at + Math.max(0, ttlMs) };
      if (given) pace = structuredClone(given);
      return Promise.resolve({ pace: pace && structuredClone(pace) });
    },
    releaseSender: (holder, given) => {
      if (turn?.holder === holder) {
        turn = { holder, until: -Infinity };
        pace = structuredClone(given);
      }
      return Promise.resolve();
    },
  };
}
