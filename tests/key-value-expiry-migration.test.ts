import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../storage/postgres/migrations.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { emptyPglite } from './helpers/postgres.js';

// Dialog state stored before key values could expire (schema version 1) must not stay for ever:
// the migration gives every such row the same 24 hours as a new one.

describe('PostgreSQL migration 2: key values expire', () => {
  it('dialog state written before the upgrade expires 24 hours after it and is then swept', async () => {
    const { client, cleanup } = await emptyPglite();
    try {
      await migrate(
        client,
        MIGRATIONS.filter((m) => m.version === 1),
      );
      await client.query(
        `INSERT INTO key_values (key, value, etag) VALUES ('msteams/conversations/a:1/users/u1', '{"registerFlow":{"values":{"name":"J. de Vries"}}}', 'e1')`,
      );
      expect(await migrate(client)).toContain(2);
      const { rows } = await client.query<{ hours: number }>(
        `SELECT round(extract(epoch FROM expires_at - now()) / 3600)::int AS hours FROM key_values`,
      );
      expect(rows).toEqual([{ hours: 24 }]);

      const store = await openPostgresStore(client);
      const key = 'msteams/conversations/a:1/users/u1';
      expect(await store.keyValues.sweepExpired(new Date(Date.now() + 23 * 3_600_000))).toBe(0);
      expect(await store.keyValues.sweepExpired(new Date(Date.now() + 25 * 3_600_000))).toBe(1);
      expect(await store.keyValues.get([key])).toEqual({});
    } finally {
      await cleanup();
    }
  });
});
