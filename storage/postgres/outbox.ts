import type { AddressedMessage, Outbox, OutboxEntry, SendPace } from '../../casework/ports.js';
import type { SqlClient } from './sql-client.js';
import { json } from './sql-json.js';

// The reminder outbox on PostgreSQL. Claims take rows with FOR UPDATE SKIP LOCKED, so several
// bot instances on one database never send the same message; the sender's turn (a lease row)
// lets one instance at a time send, so Teams' limits hold for them together.

/** notBefore, then key: the order the embedded store lists and claims the outbox in. */
const byNotBefore = (a: OutboxEntry, b: OutboxEntry) =>
  a.notBefore < b.notBefore ? -1 : a.notBefore > b.notBefore ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** One new entry per key, the first message for it counting. */
function newEntries(messages: AddressedMessage[]): OutboxEntry[] {
  const byKey = new Map<string, OutboxEntry>();
  for (const message of messages)
    if (!byKey.has(message.key))
      byKey.set(message.key, {
        ...message,
        state: 'planned',
        attempts: 0,
        reclaimed: 0,
        leaseUntil: null,
        sentAt: null,
        lastError: null,
      });
  return [...byKey.values()];
}

export function postgresOutbox(db: SqlClient): Outbox {
  return {
    // The first message for a key counts; inserted in key order, so that two instances planning
    // the same keys at once wait for each other instead of deadlocking. One statement each: the
    // message keys are claimed in outbox_messages and the entries inserted together.
    plan: async (messages: AddressedMessage[]) => {
      const entries = newEntries(messages);
      if (entries.length === 0) return 0;
      const { rows } = await db.query(
        `WITH input AS (SELECT t.e FROM jsonb_array_elements($1::text::jsonb) AS t(e)),
         claimed AS (
           INSERT INTO outbox_messages (message_key)
           SELECT DISTINCT (e ->> 'messageKey') COLLATE "C" AS message_key FROM input
           ORDER BY message_key
           ON CONFLICT DO NOTHING
           RETURNING message_key
         )
         INSERT INTO outbox (key, state, not_before, lease_until, covenant_id, attempts, reclaimed, entry)
         SELECT e ->> 'key', 'planned', (e ->> 'notBefore')::timestamptz, NULL, e ->> 'covenantId', 0, 0, e
         FROM input JOIN claimed ON claimed.message_key = input.e ->> 'messageKey'
         ORDER BY (e ->> 'key') COLLATE "C"
         ON CONFLICT (key) DO NOTHING
         RETURNING key`,
        [json(entries)],
      );
      return rows.length;
    },

    planTargets: async (messages: AddressedMessage[]) => {
      const entries = newEntries(messages);
      if (entries.length === 0) return 0;
      const { rows } = await db.query(
        `WITH input AS (SELECT t.e FROM jsonb_array_elements($1::text::jsonb) AS t(e)),
         known AS (
           INSERT INTO outbox_messages (message_key)
           SELECT DISTINCT (e ->> 'messageKey') COLLATE "C" AS message_key FROM input
           ORDER BY message_key
           ON CONFLICT DO NOTHING
         )
         INSERT INTO outbox (key, state, not_before, lease_until, covenant_id, attempts, reclaimed, entry)
         SELECT e ->> 'key', 'planned', (e ->> 'notBefore')::timestamptz, NULL, e ->> 'covenantId', 0, 0, e
         FROM input
         ORDER BY (e ->> 'key') COLLATE "C"
         ON CONFLICT (key) DO NOTHING
         RETURNING key`,
        [json(entries)],
      );
      return rows.length;
    },

    claim: async (now, limit, leaseMs) => {
      const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
      // One statement: the due rows are locked as they are picked, and rows another instance
      // is claiming right now are skipped rather than waited for.
      const { rows } = await db.query<{ entry: OutboxEntry }>(
        `WITH due AS (
           SELECT key FROM outbox
           WHERE (state = 'planned' AND not_before <= $1::timestamptz)
              OR (state = 'sending' AND lease_until <= $1::timestamptz)
           ORDER BY not_before, key
           LIMIT $2::integer
           FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox o SET
           state = 'sending',
           attempts = o.attempts + 1,
           reclaimed = o.reclaimed + (o.state = 'sending')::integer,
           lease_until = $3::timestamptz,
           entry = o.entry || jsonb_build_object(
             'state', 'sending',
             'attempts', o.attempts + 1,
             'reclaimed', o.reclaimed + (o.state = 'sending')::integer,
             'leaseUntil', $4::text)
         FROM due WHERE o.key = due.key
         RETURNING o.entry`,
        [now, Math.max(0, Math.floor(limit)), leaseUntil, leaseUntil],
      );
      return rows.map((r) => r.entry).sort(byNotBefore);
    },

    finish: async (key, result) => {
      const patch =
        result.state === 'sent'
          ? { state: 'sent', leaseUntil: null, sentAt: result.at }
          : result.state === 'failed'
            ? { state: 'failed', leaseUntil: null, lastError: result.error }
            : { state: 'planned', leaseUntil: null, notBefore: result.notBefore, lastError: result.error };
      const { rows } = await db.query(
        `UPDATE outbox SET
           state = $2,
           lease_until = NULL,
           not_before = COALESCE($3::timestamptz, not_before),
           entry = entry || $4::text::jsonb
         WHERE key = $1
         RETURNING key`,
        [key, result.state, result.state === 'planned' ? result.notBefore : null, json(patch)],
      );
      if (rows.length === 0) throw new Error(`outbox has no entry "${key}"`);
    },

    // The turn to send is a row: taken when it is free or over (by the database's clock, the
    // same for every instance), kept by its holder while it renews. Taking it leaves the pace
    // as the last holder stored it, which RETURNING hands to the new holder.
    leaseSender: async (holder, ttlMs, pace) => {
      const { rows } = await db.query<{ pace: SendPace | null }>(
        `INSERT INTO outbox_sender (name, holder, lease_until, pace)
         VALUES ('outbox', $1, clock_timestamp() + $2::integer * interval '1 millisecond', $3::text::jsonb)
         ON CONFLICT (name) DO UPDATE SET
           holder = EXCLUDED.holder,
           lease_until = EXCLUDED.lease_until,
           pace = COALESCE(EXCLUDED.pace, outbox_sender.pace)
         WHERE outbox_sender.holder = EXCLUDED.holder OR outbox_sender.lease_until <= clock_timestamp()
         RETURNING pace`,
        [holder, Math.max(0, Math.round(ttlMs)), pace ? json(pace) : null],
      );
      return rows[0] ? { pace: rows[0].pace } : undefined;
    },

    releaseSender: async (holder, pace) => {
      await db.query(
        `UPDATE outbox_sender SET lease_until = '-infinity', pace = $2::text::jsonb
         WHERE name = 'outbox' AND holder = $1`,
        [holder, json(pace)],
      );
    },

    depth: async () => {
      // Counted on the index of due entries (state first), without reading a row's entry.
      const { rows } = await db.query<{ state: 'planned' | 'sending'; count: number }>(
        `SELECT state, count(*)::int AS count FROM outbox
         WHERE state IN ('planned', 'sending') GROUP BY state`,
      );
      const depth = { planned: 0, sending: 0 };
      for (const row of rows) depth[row.state] = row.count;
      return depth;
    },

    list: async ({ state, covenantId, messageKey }) => {
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (state !== undefined) conditions.push(`state = $${params.push(state)}`);
      if (covenantId !== undefined) conditions.push(`covenant_id = $${params.push(covenantId)}`);
      if (messageKey !== undefined) conditions.push(`(entry ->> 'messageKey') = $${params.push(messageKey)}`);
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const { rows } = await db.query<{ entry: OutboxEntry }>(
        `SELECT entry FROM outbox ${where} ORDER BY not_before, key`,
        params,
      );
      return rows.map((r) => r.entry);
    },
  };
}
