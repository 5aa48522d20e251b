import pg from 'pg';
import type { Store } from '../casework/ports.js';
import { openLowdbStore } from './lowdb-store.js';
import { migrate } from './postgres/migrations.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { pgClient } from './postgres/sql-client.js';

/** What openStore tells about the engine it chose (a pino logger fits). */
export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
  error?(obj: object, msg: string): void;
}

/**
 * The one place that chooses the storage engine: DATABASE_URL set → PostgreSQL, for one or
 * several instances (the schema is migrated at start-up); otherwise the embedded lowdb file in
 * AANZET_DATA_DIR (default ./data), for one process.
 */
export async function openStore(env: NodeJS.ProcessEnv = process.env, logger?: StoreLogger): Promise<Store> {
  const url = env.DATABASE_URL;
  if (url) return openPostgresFromUrl(url, logger);
  const dataDir = env.AANZET_DATA_DIR ?? './data';
  // The folder is created (or tightened) owner-only by the store itself.
  const store = await openLowdbStore({ dataDir });
  if (store.recoveredStaleLock)
    logger?.warn?.(
      { file: store.file, deadHolder: store.staleLockHolder ?? 'unreadable lock file' },
      'storage: took over the lock of an AanZet process that is gone',
    );
  logger?.info({ engine: 'lowdb', file: store.file }, 'storage: lowdb file');
  return store;
}

/** PostgreSQL at `url`: a pool, the migrations applied, the store. */
export async function openPostgresFromUrl(url: string, logger?: StoreLogger): Promise<Store> {
  // A server that does not answer (a network partition rather than a refused connection) fails
  // a query after a while instead of holding the turn, the readiness probe and the scheduler.
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 10_000, keepAlive: true });
  // An idle connection that breaks (server restart) is dropped by the pool and replaced on the
  // next query; without a listener its error would end the process.
  pool.on('error', (error) => logger?.error?.({ err: error }, 'storage: idle PostgreSQL connection failed'));
  const client = pgClient(pool);
  try {
    const applied = await migrate(client);
    const store = await openPostgresStore(client);
    logger?.info(
      { engine: 'postgres', database: describe(url), migrationsApplied: applied },
      'storage: PostgreSQL',
    );
    return store;
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

/** host:port/database, without user or password: safe to log. */
function describe(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}${port ? `:${port}` : ''}${pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
