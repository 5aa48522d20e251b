import { MAX_ROWS } from '../cards/lists.js';
import {
  closeSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Casework } from '../casework/casework.js';
import { deriveState } from '../casework/case/state.js';
import type { CaseRecord } from '../casework/case/types.js';
import type { Store } from '../casework/ports.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { migrate } from '../storage/postgres/migrations.js';
import { pgliteClient } from '../storage/postgres/pglite-client.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { pgClient, type SqlClient } from '../storage/postgres/sql-client.js';
import { bulkSeedLekstroom } from './bulk-seed.js';
import { medianMs, round } from './measure.js';
import { lekstroomMember, seedLekstroom } from './seed.js';

// A single outcome write and a "my tasks" query at growing case counts, on lowdb, PGlite and a
// real PostgreSQL (when DATABASE_URL is set). Ratios, all measured in this run:
// - lowdb's write against the floor of any rewrite-the-file engine (serialising the same
//   document and writing it durably), its query against replaying every history;
// - every engine's growth from the smallest to the largest size (the goal for PostgreSQL:
//   flat, within 2×).

const quick = process.argv.includes('--quick');
const sizesArg = process.argv.indexOf('--sizes');
const sizes =
  sizesArg >= 0
    ? process.argv[sizesArg + 1]!.split(',').map(Number)
    : quick
      ? [1_000]
      : [1_000, 10_000, 100_000];
/** AANZET_BENCH_ENGINES=postgres: only these engines (lowdb at 100,000 cases seeds for many minutes). */
const chosenEngines = process.env.AANZET_BENCH_ENGINES?.split(',').map((e) => e.trim());
const RUNS = quick ? 5 : 15;
const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const now = new Date('2026-03-09T10:00:00+01:00');
const wil = lekstroomMember(covenant, 'wil', 'wil', ['coordinator-vroeg-eropaf']);
const houten = lekstroomMember(covenant, 'houten', 'gemeente-houten');

interface Opened {
  store: Store;
  client?: SqlClient;
  file?: string;
  cleanup(): Promise<void>;
}

const engines: Record<string, () => Promise<Opened>> = {
  lowdb: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aanzet-bench-'));
    const store = await openLowdbStore({ dataDir: dir });
    return { store, file: store.file, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  pglite: async () => {
    const db = new PGlite();
    const client = pgliteClient(db);
    await migrate(client);
    return { store: await openPostgresStore(client), client, cleanup: async () => undefined };
  },
  ...(process.env.DATABASE_URL
    ? {
        postgres: async () => {
          const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
          await admin.connect();
          const name = `aanzet_bench_${Date.now()}`;
          await admin.query(`CREATE DATABASE ${name}`);
          const url = new URL(process.env.DATABASE_URL!);
          url.pathname = `/${name}`;
          const pool = new pg.Pool({ connectionString: url.toString() });
          // The drop at the end (WITH FORCE) ends connections still closing: not a failure of the run.
          pool.on('error', () => {});
          const client = pgClient(pool);
          await migrate(client);
          return {
            store: await openPostgresStore(client),
            client,
            cleanup: async () => {
              await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
              await admin.end();
            },
          };
        },
      }
    : {}),
};

async function measure(engine: string, size: number) {
  const opened = await engines[engine]!();
  const { store } = opened;
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
  await store.members.put(houten);
  let openAtVisit: { caseId: string; version: number }[];
  if (opened.client) {
    await bulkSeedLekstroom(casework, store, opened.client, covenant, size, ['2026-03-23']);
    const visits = await store.cases.listSummaries({ status: 'open', responsiblePartnerId: 'wil' });
    openAtVisit = visits.map((s) => ({ caseId: s.caseId, version: s.version }));
  } else {
    const registered = await seedLekstroom(casework, store, covenant, size);
    openAtVisit = registered
      .filter((_, i) => i % 2 === 1)
      .map((r) => ({ caseId: r.caseId, version: r.loaded.record.version }));
  }
  const outcomeWrite = await medianMs(RUNS, (i) => {
    const target = openAtVisit[i + 1]!;
    return casework.logOutcome(wil, target.caseId, target.version, { outcomeId: 'wijkteam' });
  });
  // The first page of `mijn taken`, as its card asks the store for it (and how many there are in all).
  const firstPage = { sort: 'deadline', order: 'asc', page: 1, pageSize: MAX_ROWS } as const;
  const myTasks = await medianMs(RUNS * 3, () => casework.tasksPage(houten, firstPage, 'nl'));
  const rows = (await casework.tasksPage(houten, firstPage, 'nl')).total;
  const result: Record<string, number | string> = {
    engine,
    cases: size,
    my_tasks_rows: rows,
    outcome_write_ms: round(outcomeWrite),
    my_tasks_ms: round(myTasks),
  };
  if (opened.file) {
    const text = readFileSync(opened.file, 'utf8');
    const document = JSON.parse(text) as { cases: Record<string, CaseRecord> };
    const floor = await medianMs(RUNS, () => durableWrite(`${opened.file}.floor`, JSON.stringify(document)));
    const records = Object.values(document.cases);
    const replay = await medianMs(Math.max(3, RUNS / 3), () =>
      records
        .map((r) => deriveState(covenant, r.id, r.events))
        .filter((s) => s.status === 'open' && s.step?.responsiblePartnerId === 'gemeente-houten'),
    );
    Object.assign(result, {
      file_mb: round(Buffer.byteLength(text) / 1e6, 1),
      write_vs_rewrite_floor: round(outcomeWrite / floor, 2),
      my_tasks_vs_replay_scan: round(myTasks / replay, 3),
    });
  }
  await store.close();
  await opened.cleanup();
  console.log(`storage ${JSON.stringify(result)}`);
  return result;
}

function durableWrite(path: string, text: string): void {
  const fd = openSync(`${path}.tmp`, 'w');
  writeSync(fd, text);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
}

const results: Record<string, number | string>[] = [];
const growth: Record<string, { write: number; my_tasks: number }> = {};
for (const engine of Object.keys(engines).filter((e) => !chosenEngines || chosenEngines.includes(e))) {
  const runs = [];
  for (const size of sizes) runs.push(await measure(engine, size));
  results.push(...runs);
  const [first, last] = [runs[0]!, runs.at(-1)!];
  growth[engine] = {
    write: round(Number(last.outcome_write_ms) / Number(first.outcome_write_ms), 2),
    // "My tasks" is one page (the card's first 25) and a count, whatever the size: compare as is.
    my_tasks: round(Number(last.my_tasks_ms) / Number(first.my_tasks_ms), 2),
  };
}
console.log(JSON.stringify({ bench: 'storage', quick, sizes, growth_smallest_to_largest: growth, results }));
