import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import type { SqlClient } from '../storage/postgres/sql-client.js';
import { makeCaseRecord } from './fixtures/case-records.js';
import {
  closeSharedPglite,
  describeOnServer,
  freshPglite,
  migratedServerDatabase,
} from './helpers/postgres.js';

// storage/postgres/summary-reads.ts: the case summaries asked for in one pass of the event loop
// (many status lookups under load) are read with one query; each caller gets what a read of its
// own would give. On PGlite always, and on the PostgreSQL server of DATABASE_URL when set.

afterAll(closeSharedPglite);

/** The client with every statement it is asked to run written down. */
function counting(client: SqlClient): { client: SqlClient; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    client: {
      ...client,
      query: (text, params, prepared) => {
        statements.push(text);
        return client.query(text, params, prepared);
      },
    },
  };
}

const summaryReads = (statements: string[]) =>
  statements.filter((s) => /^SELECT id, summary FROM cases/.test(s));

function batchedReads(name: string, open: () => Promise<{ client: SqlClient; cleanup(): Promise<void> }>) {
  describe(`case summaries, read together (${name})`, () => {
    async function storeWithCases() {
      const database = await open();
      const { client, statements } = counting(database.client);
      const store = await openPostgresStore(client);
      const records = [1, 2, 3].map((n) => makeCaseRecord({ householdKey: `household-${n}` }));
      for (const record of records) await store.cases.create(record);
      statements.length = 0;
      return {
        store,
        records,
        statements,
        cleanup: async () => {
          await store.close();
          await database.cleanup();
        },
      };
    }

    it('asked for in one pass: one query, and each caller gets its own summary or nothing', async () => {
      const { store, records, statements, cleanup } = await storeWithCases();
      try {
        const [a, b, missing, aAgain] = await Promise.all([
          store.cases.getSummary(records[0]!.id),
          store.cases.getSummary(records[1]!.id),
          store.cases.getSummary('TST-2026-9999'),
          store.cases.getSummary(records[0]!.id),
        ]);
        expect(summaryReads(statements)).toHaveLength(1);
        expect(a).toEqual(records[0]!.summary);
        expect(b).toEqual(records[1]!.summary);
        expect(missing).toBeUndefined();
        // The same case twice: equal, but not one object that one caller could change for the other.
        expect(aAgain).toEqual(a);
        expect(aAgain).not.toBe(a);
      } finally {
        await cleanup();
      }
    });

    it('asked for one after another: a query each, which sees what was written before it', async () => {
      const { store, records, statements, cleanup } = await storeWithCases();
      try {
        const first = await store.cases.getSummary(records[2]!.id);
        expect(first).toEqual(records[2]!.summary);
        const changed = { ...records[2]!.summary, responsiblePartnerId: 'schuldhulp' };
        await store.cases.append(records[2]!.id, records[2]!.version, [], changed);
        expect(await store.cases.getSummary(records[2]!.id)).toEqual(changed);
        expect(summaryReads(statements)).toHaveLength(2);
      } finally {
        await cleanup();
      }
    });

    it('a query that fails fails every read of its pass, and the next pass reads again', async () => {
      const database = await open();
      let failNext = true;
      const client: SqlClient = {
        ...database.client,
        query: (text, params, prepared) => {
          if (failNext && text.startsWith('SELECT id, summary FROM cases')) {
            failNext = false;
            return Promise.reject(new Error('the server went away'));
          }
          return database.client.query(text, params, prepared);
        },
      };
      const store = await openPostgresStore(client);
      try {
        const record = makeCaseRecord();
        await store.cases.create(record);
        const reads = await Promise.allSettled([
          store.cases.getSummary(record.id),
          store.cases.getSummary('TST-2026-9999'),
        ]);
        expect(reads.map((r) => r.status)).toEqual(['rejected', 'rejected']);
        expect(String((reads[0] as PromiseRejectedResult).reason)).toContain('the server went away');
        expect(await store.cases.getSummary(record.id)).toEqual(record.summary);
      } finally {
        await store.close();
        await database.cleanup();
      }
    });
  });
}

batchedReads('PGlite', freshPglite);

describeOnServer('case summaries, read together, on a server', (server) =>
  batchedReads('PostgreSQL server', () => migratedServerDatabase(server)),
);
