import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, it } from 'vitest';
import { migrate } from '../../storage/postgres/migrations.js';
import { pgliteClient } from '../../storage/postgres/pglite-client.js';
import { pgClient, type SqlClient } from '../../storage/postgres/sql-client.js';

// Fresh, empty databases for tests: in PGlite (always available) or on the PostgreSQL server
// that DATABASE_URL names.

export interface FreshPglite {
  db: PGlite;
  /** A client on db whose close() leaves db open, so that several stores can share it. */
  client: SqlClient;
  cleanup(): Promise<void>;
}

// Starting a PGlite costs about 2 s (initdb in WebAssembly); one started from a copy of an
// initialised data directory about 0.4 s; emptying the tables of one a few ms. So each test
// file starts one PGlite, keeps a copy of its empty data directory for emptyPglite, migrates
// it, and freshPglite empties it for every test.
let shared: Promise<{ db: PGlite; empty: Blob }> | undefined;

function sharedPglite(): Promise<{ db: PGlite; empty: Blob }> {
  shared ??= (async () => {
    const db = await PGlite.create();
    const empty = await db.dumpDataDir('none');
    await migrate(pgliteClient(db));
    return { db, empty };
  })();
  return shared;
}

/** A new, unmigrated PGlite of its own; cleanup closes it. */
export async function emptyPglite(): Promise<FreshPglite> {
  const { empty } = await sharedPglite();
  const db = await PGlite.create({ loadDataDir: empty });
  return { db, client: sharing(db), cleanup: () => db.close() };
}

/**
 * A migrated database without rows. The PGlite behind it is shared by the tests of this file
 * (run one after the other), so a test must not close `db`; cleanup leaves it for the next one.
 */
export async function freshPglite(): Promise<FreshPglite> {
  const { db } = await sharedPglite();
  const { rows } = await db.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  await db.exec(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
  return { db, client: sharing(db), cleanup: async () => undefined };
}

/** Closes the PGlite freshPglite shares (in an afterAll of the test file). */
export async function closeSharedPglite(): Promise<void> {
  const started = shared;
  shared = undefined;
  if (started) await (await started).db.close();
}

function sharing(db: PGlite): SqlClient {
  return { ...pgliteClient(db), close: async () => undefined };
}

export interface ServerDatabase {
  /** The connection string of the new database. */
  url: string;
  /** A pool on it, ended by cleanup unless it was ended before. */
  pool(options?: pg.PoolConfig): pg.Pool;
  /** Ends the pools and drops the database. */
  cleanup(): Promise<void>;
}

/**
 * Creates an empty database with a random name on the server of `url` (its user needs
 * CREATEDB), for one test; cleanup drops it.
 */
export async function freshServerDatabase(url: string): Promise<ServerDatabase> {
  const name = `aanzet_test_${randomBytes(6).toString('hex')}`;
  await admin(url, `CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const pools: pg.Pool[] = [];
  return {
    url: target.toString(),
    pool: (options = {}) => {
      const pool = new pg.Pool({ connectionString: target.toString(), ...options });
      pools.push(pool);
      return pool;
    },
    cleanup: async () => {
      await Promise.all(pools.map((p) => (p.ended ? undefined : p.end())));
      await admin(url, async (client) => {
        // pool.end() resolves before its connections have closed: wait for them, so that the
        // drop need not terminate sessions whose clients would then report the termination.
        for (let waited = 0; waited < 5_000; waited += 20) {
          const { rows } = await client.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0]!.n === 0) break;
          await new Promise((done) => setTimeout(done, 20));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

async function admin(url: string, work: string | ((client: pg.Client) => Promise<void>)): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (typeof work === 'string') await client.query(work);
    else await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated database on the server, with a SqlClient on a pool of its own. */
export async function migratedServerDatabase(url: string): Promise<ServerDatabase & { client: SqlClient }> {
  const database = await freshServerDatabase(url);
  const client = pgClient(database.pool());
  await migrate(client);
  return { ...database, client };
}

/**
 * Tests against the PostgreSQL server that DATABASE_URL names (its user needs CREATEDB). Without
 * one, the run reports one skipped test that says why instead of passing silently.
 */
export function describeOnServer(title: string, tests: (serverUrl: string) => void): void {
  const url = process.env.DATABASE_URL;
  describe.skipIf(!url)(`${title} (DATABASE_URL)`, () => {
    if (url) tests(url);
    else
      it('is not run: DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres, a user with CREATEDB)', () => {});
  });
}
