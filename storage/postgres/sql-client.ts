import type pg from 'pg';
import { asStoreError } from './connection-errors.js';

// The little the PostgreSQL store needs from a driver, so that the same store runs on a server
// (node-postgres) and, in tests, on PGlite (PostgreSQL in WebAssembly, see pglite-client.ts).
//
// Values cross the boundary engine-neutrally: parameters are strings, numbers, booleans, null
// or arrays of strings; JSON goes in as a string cast in SQL (`$1::text::jsonb`) and comes back
// parsed (both drivers parse json/jsonb). Queries never return date, timestamp or int8 columns
// raw, because the drivers turn those into different things.

export interface SqlClient {
  /** One statement, with $1… parameters. */
  query<T>(text: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs fn inside one transaction: committed when fn resolves, rolled back when it throws.
   * A transaction inside a transaction joins the outer one.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * node-postgres: statements on the pool, each transaction on a client of its own. While the
 * server cannot be reached every call fails with StoreUnavailable; the pool replaces broken
 * connections, so calls succeed again by themselves once the server is back.
 */
export function pgClient(pool: pg.Pool): SqlClient {
  return reportingOutages({
    query: async <T>(text: string, params?: readonly unknown[]) => {
      const result = await pool.query(text, params as unknown[] | undefined);
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
    close: () => pool.end(),
  });
}

/** The same client, its outage errors (connection refused, broken, timed out) as StoreUnavailable. */
function reportingOutages(client: SqlClient): SqlClient {
  const rethrown = (error: unknown): never => {
    throw asStoreError(error);
  };
  return {
    query: <T>(text: string, params?: readonly unknown[]) => client.query<T>(text, params).catch(rethrown),
    exec: (script) => client.exec(script).catch(rethrown),
    transaction: <T>(fn: (tx: SqlClient) => Promise<T>) => client.transaction(fn).catch(rethrown),
    close: () => client.close(),
  };
}

/** The SqlClient of a transaction: every statement on its one connection. */
function connectionClient(connection: pg.PoolClient): SqlClient {
  const client: SqlClient = {
    query: async <T>(text: string, params?: readonly unknown[]) => {
      const result = await connection.query(text, params as unknown[] | undefined);
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
