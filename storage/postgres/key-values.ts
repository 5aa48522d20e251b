import { randomUUID } from 'node:crypto';
import { EtagConflict, type KeyValues, type Versioned } from '../../casework/ports.js';
import type { SqlClient } from './sql-client.js';
import { json } from './sql-json.js';

// Key values (dialog state) on PostgreSQL, each with an etag checked under a row lock and an
// optional expiry.

export function postgresKeyValues(db: SqlClient): KeyValues {
  return {
    get: async (keys, now) => {
      if (keys.length === 0) return {};
      const { rows } = await db.query<{ key: string; value: unknown; etag: string; expired: boolean }>(
        `SELECT key, value, etag, (expires_at IS NOT NULL AND expires_at <= $2::timestamptz) AS expired
         FROM key_values WHERE key = ANY($1::text[])`,
        [keys, now?.toISOString() ?? null],
      );
      // Swept on read too, so a left flow's personal data is gone as soon as anyone looks.
      const expired = rows.filter((r) => r.expired).map((r) => r.key);
      if (expired.length > 0)
        await db.query(
          `DELETE FROM key_values WHERE key = ANY($1::text[]) AND expires_at <= $2::timestamptz`,
          [expired, now!.toISOString()],
        );
      return Object.fromEntries(
        rows
          .filter((r) => !r.expired)
          .map((r): [string, Versioned] => [r.key, { value: r.value, etag: r.etag }]),
      );
    },
    set: async (entries) => {
      if (entries.length === 0) return;
      // The last entry for a key wins; each gets a new etag.
      const latest = new Map(entries.map((e) => [e.key, e]));
      const writes = [...latest.values()].map(({ key, value, expiresAt }) => ({
        key,
        value,
        expiresAt: expiresAt ?? null,
        etag: randomUUID(),
      }));
      const checked = entries.filter((e) => e.etag !== undefined && e.etag !== '*');
      await db.transaction(async (tx) => {
        if (checked.length > 0 || writes.length > 1) {
          // Every key written is locked first, in key order, so that two writers of overlapping
          // keys wait for each other instead of deadlocking; the etags are checked under the lock.
          const { rows } = await tx.query<{ key: string; etag: string }>(
            'SELECT key, etag FROM key_values WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
            [writes.map((w) => w.key)],
          );
          const stored = new Map(rows.map((r) => [r.key, r.etag]));
          for (const { key, etag } of checked) if (stored.get(key) !== etag) throw new EtagConflict(key);
        }
        await tx.query(
          `INSERT INTO key_values (key, value, etag, expires_at)
           SELECT t.e ->> 'key', t.e -> 'value', t.e ->> 'etag', (t.e ->> 'expiresAt')::timestamptz
           FROM jsonb_array_elements($1::text::jsonb) AS t(e)
           ORDER BY t.e ->> 'key'
           ON CONFLICT (key) DO UPDATE SET
             value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at`,
          [json(writes.map((w) => ({ ...w, value: w.value ?? null })))],
        );
      });
    },
    delete: async (keys) => {
      if (keys.length === 0) return;
      await db.query(
        `DELETE FROM key_values WHERE key IN (
           SELECT key FROM key_values WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE)`,
        [keys],
      );
    },
    sweepExpired: async (now) => {
      const { rows } = await db.query(
        'DELETE FROM key_values WHERE expires_at <= $1::timestamptz RETURNING key',
        [now.toISOString()],
      );
      return rows.length;
    },
  };
}
