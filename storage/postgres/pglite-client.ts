import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlClient } from './sql-client.js';

// PGlite (a devDependency) behind the SqlClient: for tests only. Nothing on the production path
// imports this file, so an install without devDependencies still starts.
//
// PGlite is one connection: it runs one statement at a time and holds every other statement
// back while a transaction is open, so transactions never interleave.

export function pgliteClient(db: PGlite): SqlClient {
  return {
    query: async <T>(text: string, params?: readonly unknown[]) => {
      const result = await db.query<T>(text, params as unknown[] | undefined);
      return { rows: result.rows };
    },
    exec: async (script) => {
      await db.exec(script);
    },
    transaction: (fn) => db.transaction((tx) => fn(transactionClient(tx))),
    // One connection in this process: it never goes away, so it listens once and for good.
    listen: (channel, handlers) => {
      const unlisten = db.listen(channel, (payload) => handlers.notified(payload));
      unlisten.then(
        () => handlers.listening(),
        (error: Error) => handlers.lost(error),
      );
      return { stop: async () => (await unlisten.catch(() => undefined))?.() };
    },
    close: () => db.close(),
  };
}

function transactionClient(tx: Transaction): SqlClient {
  const client: SqlClient = {
    query: async <T>(text: string, params?: readonly unknown[]) => {
      const result = await tx.query<T>(text, params as unknown[] | undefined);
      return { rows: result.rows };
    },
    exec: async (script) => {
      await tx.exec(script);
    },
    transaction: (fn) => fn(client),
    close: () => Promise.reject(new Error('close the client, not a transaction')),
  };
  return client;
}
