import type { AddressedMessage, Outbox, OutboxEntry } from '../../casework/ports.js';
import { messageKeyOf } from '../outbox-message-key.js';
import { memorySenderLease } from '../sender-lease-memory.js';
import type { LowdbAccess } from './access.js';

// The outbox on the lowdb document. Entries live in one object keyed by idempotency key; the
// due ones are found by a scan of the unfinished entries, which stay few (sent ones are done).

export function lowdbOutbox(access: LowdbAccess): Outbox {
  const entries = () => access.doc().outbox;
  const mutate = <T>(apply: () => T) => access.mutate(apply);
  const read = <T>(get: () => T) => access.read(get);
  /** Inside mutate: stores the entries whose key is new. */
  const add = (messages: AddressedMessage[]): number => {
    let added = 0;
    for (const message of messages) {
      if (entries()[message.key]) continue;
      entries()[message.key] = {
        ...structuredClone(message),
        state: 'planned',
        attempts: 0,
        reclaimed: 0,
        leaseUntil: null,
        sentAt: null,
        lastError: null,
      };
      added++;
    }
    return added;
  };
  return {
    // One process has the file (the store lock): the turn to send is only ever this process's.
    ...memorySenderLease(),
    plan: async (messages: AddressedMessage[]) => {
      // Planning runs every minute and mostly finds nothing new: no write then.
      if (read(() => messages.every((m) => entries()[m.key] !== undefined))) return 0;
      // Messages already in the outbox, to whatever conversation: a scan, but only when some
      // entry key is new (a new message, or a conversation the message did not go to).
      const fresh = () => {
        const known = new Set(Object.values(entries()).map(messageKeyOf));
        return messages.filter((m) => !known.has(m.messageKey));
      };
      if (read(fresh).length === 0) return 0;
      return mutate(() => add(fresh())); // again inside the write: another plan may have come first
    },
    planTargets: async (messages: AddressedMessage[]) => {
      if (read(() => messages.every((m) => entries()[m.key] !== undefined))) return 0;
      return mutate(() => add(messages));
    },
    claim: async (now, limit, leaseMs) => {
      const isDue = (e: OutboxEntry) =>
        (e.state === 'planned' && e.notBefore <= now) ||
        (e.state === 'sending' && e.leaseUntil !== null && e.leaseUntil <= now);
      if (!read(() => Object.values(entries()).some(isDue))) return [];
      return mutate(() => {
        const due = Object.values(entries())
          .filter(isDue)
          .sort((a, b) =>
            a.notBefore < b.notBefore ? -1 : a.notBefore > b.notBefore ? 1 : a.key < b.key ? -1 : 1,
          )
          .slice(0, limit);
        const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
        for (const entry of due) {
          if (entry.state === 'sending') entry.reclaimed++;
          entry.state = 'sending';
          entry.attempts++;
          entry.leaseUntil = leaseUntil;
        }
        return structuredClone(due);
      });
    },
    finish: (key, result) =>
      mutate(() => {
        const entry = entries()[key];
        if (!entry) throw new Error(`outbox has no entry "${key}"`);
        entry.leaseUntil = null;
        if (result.state === 'sent') {
          entry.state = 'sent';
          entry.sentAt = result.at;
        } else if (result.state === 'failed') {
          entry.state = 'failed';
          entry.lastError = result.error;
        } else {
          entry.state = 'planned';
          entry.notBefore = result.notBefore;
          entry.lastError = result.error;
        }
      }),
    depth: async () =>
      read(() => {
        const depth = { planned: 0, sending: 0 };
        for (const entry of Object.values(entries()))
          if (entry.state === 'planned' || entry.state === 'sending') depth[entry.state]++;
        return depth;
      }),
    list: async ({ state, covenantId, messageKey }) =>
      read(() =>
        Object.values(entries())
          .filter(
            (e) =>
              (state === undefined || e.state === state) &&
              (covenantId === undefined || e.covenantId === covenantId) &&
              (messageKey === undefined || messageKeyOf(e) === messageKey),
          )
          .sort((a, b) =>
            a.notBefore < b.notBefore ? -1 : a.notBefore > b.notBefore ? 1 : a.key < b.key ? -1 : 1,
          ),
      ),
  };
}
