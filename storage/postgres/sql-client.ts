import pg from 'pg';
import { asStoreError } from './connection-errors.js';

// The little the PostgreSQL store needs from a driver, so that the same store runs on a server
// (node-postgres) and, in tests, on PGlite (PostgreSQL in WebAssembly, see pglite-client.ts).
//
// Values cross the boundary engine-neutrally: parameters are strings, numbers, booleans, null
// or arrays of strings; JSON goes in as a string cast in SQL (`$1::text::jsonb`) and comes back
// parsed (both drivers parse json/jsonb). Queries never return date, timestamp or int8 columns
// raw, because the drivers turn those into different things.

export interface SqlClient {
  /**
   * One statement, with $1… parameters. `prepared`: a name for a statement read on (nearly)
   * every turn, which the server then parses and plans once per connection instead of each
   * time; one name for one text, and only for a fixed text whose result columns never change.
   */
  query<T>(text: string, params?: readonly unknown[], prepared?: string): Promise<{ rows: T[] }>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs fn inside one transaction: committed when fn resolves, rolled back when it throws.
   * A transaction inside a transaction joins the outer one.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Listens on a channel (LISTEN/NOTIFY) on a connection of its own, which comes back by itself
   * after it is lost. Drivers that cannot listen leave it out.
   */
  listen?(channel: string, handlers: ListenHandlers): Listening;
  close(): Promise<void>;
}

export interface ListenHandlers {
  /** A NOTIFY on the channel, with its payload. */
  notified(payload: string): void;
  /** Listening (again): word comes in from now on; word sent before may have been missed. */
  listening(): void;
  /** The connection is lost: no word comes until listening() is called again. */
  lost(error: Error): void;
}

export interface Listening {
  stop(): Promise<void>;
}

/**
 * node-postgres: statements on the pool, each transaction on a client of its own. While the
 * server cannot be reached every call fails with StoreUnavailable; the pool replaces broken
 * connections, so calls succeed again by themselves once the server is back.
 */
export function pgClient(pool: pg.Pool): SqlClient {
  return reportingOutages({
    query: async <T>(text: string, params?: readonly unknown[], prepared?: string) => {
      const result = await pool.query(statement(text, params, prepared));
      return { rows: result.rows as T[] };
    },
    exec: async (script) => {
      await pool.query(script);
    },
    transaction: async (fn) => {
      const connection = await pool.connect();
      // A connection whose ROLLBACK failed is in an unknown state: the pool discards it.
      let broken: Error | undefined;
      // A checked-out connection has no listener of the pool's: when the server goes away
      // mid-transaction its 'error' event would be unhandled and end the process.
      const lost = (error: Error) => {
        broken = error;
      };
      connection.on('error', lost);
      try {
        await connection.query('BEGIN');
        const result = await fn(connectionClient(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        connection.off('error', lost);
        connection.release(broken);
      }
    },
    listen: (channel, handlers) => listenOn(pool, channel, handlers),
    close: () => pool.end(),
  });
}

/** How long a lost listening connection waits before it tries again: doubling up to the most. */
const RELISTEN_FIRST_MS = 250;
const RELISTEN_MOST_MS = 30_000;

/**
 * A client of its own (not the pool's: it stays connected, and would hold a pool slot for
 * good), with the pool's connection settings. Lost (server restart, terminated, network):
 * handlers.lost, then a new connection after a growing wait.
 */
function listenOn(pool: pg.Pool, channel: string, handlers: ListenHandlers): Listening {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
  let stopped = false;
  let current: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wait = RELISTEN_FIRST_MS;
  const connect = async () => {
    if (stopped) return;
    const connection = new pg.Client(pool.options);
    current = connection;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      if (current === connection) current = undefined;
      connection.end().catch(() => undefined);
      if (stopped) return;
      handlers.lost(error);
      timer = setTimeout(() => void connect(), wait);
      timer.unref();
      wait = Math.min(wait * 2, RELISTEN_MOST_MS);
    };
    connection.on('error', fail);
    connection.on('end', () => fail(new Error('the listening connection ended')));
    connection.on('notification', (message) => {
      if (message.channel === channel) handlers.notified(message.payload ?? '');
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${channel}`);
    } catch (error) {
      fail(error as Error);
      return;
    }
    if (failed || stopped) return;
    wait = RELISTEN_FIRST_MS;
    handlers.listening();
  };
  void connect();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      const connection = current;
      current = undefined;
      await connection?.end().catch(() => undefined);
    },
  };
}

/** The same client, its outage errors (connection refused, broken, timed out) as StoreUnavailable. */
function reportingOutages(client: SqlClient): SqlClient {
  const rethrown = (error: unknown): never => {
    throw asStoreError(error);
  };
  return {
    query: <T>(text: string, params?: readonly unknown[], prepared?: string) =>
      client.query<T>(text, params, prepared).catch(rethrown),
    exec: (script) => client.exec(script).catch(rethrown),
    transaction: <T>(fn: (tx: SqlClient) => Promise<T>) => client.transaction(fn).catch(rethrown),
    ...(client.listen ? { listen: client.listen } : {}),
    close: () => client.close(),
  };
}

/** node-postgres's query: named, it is prepared once on each connection. */
function statement(text: string, params: readonly unknown[] | undefined, prepared: string | undefined) {
  return { text, values: params as unknown[] | undefined, ...(prepared ? { name: prepared } : {}) };
}

/** The SqlClient of a transaction: every statement on its one connection. */
function connectionClient(connection: pg.PoolClient): SqlClient {
  const client: SqlClient = {
    query: async <T>(text: string, params?: readonly unknown[], prepared?: string) => {
      const result = await connection.query(statement(text, params, prepared));
      return { rows: result.rows as T[] };
    },
    exec: async (script) => {
      await connection.query(script);
    },
    transaction: (fn) => fn(client),
    close: () => Promise.reject(new Error('close the client, not a transaction')),
  };
  return client;
}
