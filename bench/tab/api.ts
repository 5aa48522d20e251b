import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import { Casework } from '../../casework/casework.js';
import type { Covenant } from '../../casework/covenant/covenant.js';
import type { Store } from '../../casework/ports.js';
import { openLowdbStore } from '../../storage/lowdb-store.js';
import { migrate } from '../../storage/postgres/migrations.js';
import { pgliteClient } from '../../storage/postgres/pglite-client.js';
import { openPostgresStore } from '../../storage/postgres/postgres-store.js';
import { pgClient, type SqlClient } from '../../storage/postgres/sql-client.js';
import { startFakeConnector, type FakeConnector } from '../../tests/helpers/fake-connector.js';
import { TeamsClient, type Conversation, type TeamsUser } from '../../tests/helpers/teams-client.js';
import { bulkSeedLekstroom } from '../bulk-seed.js';
import { medianMs, round } from '../measure.js';
import { lekstroomMember, seedLekstroom } from '../seed.js';

// The tab's two heaviest answers over HTTP on the real server (restify, the tab API, the store),
// in local mode with the demo header: the caseload (GET /api/tab/tasks, first page) and the
// dashboard (GET /api/tab/figures for a year). Baseline on the same server and store, in the same
// run: the status-lookup turn of bench/turns.ts (`@AanZet status <id>` in a channel, answered
// through a local fake Bot Connector). The reader is a WIL caseworker holding the coordinator
// role: WIL holds the joint visit of half the cases, and only the coordinator sees the figures.

export const NOW = new Date('2026-03-09T10:00:00+01:00');
const YEAR = { from: '2025-03-10', to: '2026-03-09' };

interface Opened {
  store: Store;
  client?: SqlClient;
  cleanup(): Promise<void>;
}

export const ENGINES: Record<string, () => Promise<Opened>> = {
  lowdb: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aanzet-bench-tab-'));
    const store = await openLowdbStore({ dataDir: dir });
    return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
  ...(process.env.DATABASE_URL
    ? {
        postgres: async () => {
          const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
          await admin.connect();
          const name = `aanzet_bench_tab_${Date.now()}`;
          await admin.query(`CREATE DATABASE ${name}`);
          const url = new URL(process.env.DATABASE_URL!);
          url.pathname = `/${name}`;
          const pool = new pg.Pool({ connectionString: url.toString() });
          // DROP DATABASE … WITH (FORCE) ends the pool's idle connections: expected here.
          pool.on('error', () => undefined);
          const client = pgClient(pool);
          await migrate(client);
          return {
            store: await openPostgresStore(client),
            client,
            cleanup: async () => {
              // The app's stop ended the pool, but its connections close a moment later: wait for
              // them, so that the drop need not terminate a connection that then reports it.
              for (let waited = 0; waited < 5_000; waited += 20) {
                const { rows } = await admin.query<{ n: number }>(
                  'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
                  [name],
                );
                if (rows[0]!.n === 0) break;
                await new Promise((done) => setTimeout(done, 20));
              }
              await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
              await admin.end();
            },
          };
        },
      }
    : {
        pglite: async () => {
          const client = pgliteClient(new PGlite());
          await migrate(client);
          return { store: await openPostgresStore(client), client, cleanup: async () => undefined };
        },
      }),
};

export interface ApiResult {
  engine: string;
  cases: number;
  seed_s: number;
  tasks_total: number;
  status_turn_ms: number;
  tasks_ms: number;
  /** null: not measured (AANZET_BENCH_TAB_DASHBOARD=off). */
  figures_ms: number | null;
  tasks_vs_status: number;
  figures_vs_status: number | null;
}

/** AANZET_BENCH_TAB_DASHBOARD=off: the caseload only (a year's dashboard at 100,000 cases takes minutes). */
const DASHBOARD = process.env.AANZET_BENCH_TAB_DASHBOARD !== 'off';

async function timedGet(url: string, userId: string): Promise<unknown> {
  const response = await fetch(url, { headers: { 'x-aanzet-demo-user': userId } });
  const body: unknown = await response.json();
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export async function measureApi(
  engine: string,
  size: number,
  covenant: Covenant,
  connector: FakeConnector,
  runs: number,
): Promise<ApiResult> {
  const opened = await ENGINES[engine]!();
  const { store } = opened;
  const reader = lekstroomMember(covenant, '00000000-0000-0000-0000-00000000b7ab', 'wil', [
    'coordinator-vroeg-eropaf',
  ]);
  await store.members.put(reader);
  const seedStarted = performance.now();
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => NOW });
  let caseIds: string[];
  if (opened.client) {
    await bulkSeedLekstroom(casework, store, opened.client, covenant, size, ['2026-03-23', '2026-03-10']);
    // As autovacuum does soon after a bulk insert: the caseload's count reads only an index
    // (index-only scan) once the visibility map knows the pages.
    await opened.client.query('VACUUM ANALYZE cases');
    caseIds = (await store.cases.listSummaries({ status: 'open' })).map((s) => s.caseId);
  } else caseIds = (await seedLekstroom(casework, store, covenant, size)).map((r) => r.caseId);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const app = await startApp(readConfig({ PORT: '0', AANZET_REMINDERS: 'off', LOG_LEVEL: 'silent' }), {
    store,
    clock: () => NOW,
    logger: pino({ level: 'silent' }),
    reminders: false,
  });
  try {
    const base = app.server.url;
    const client = new TeamsClient(base, connector.url);
    const user: TeamsUser = { id: 'user-bench-tab', aadObjectId: reader.userId, name: 'Bench' };
    const channel: Conversation = {
      id: '19:bench-tab@thread.tacv2',
      conversationType: 'channel',
      tenantId: 't1',
      teamId: 'team-1',
    };
    const statusTurn = async (i: number) => {
      const id = caseIds[((i + 1) * 7919) % caseIds.length]!;
      const { status: code } = await client.message(user, channel, `status ${id}`);
      if (code !== 200) throw new Error(`status turn: HTTP ${code}`);
    };
    const tasksUrl = `${base}/api/tab/tasks`;
    // Warm-up (JIT, connections, the first store reads), so that neither side pays for it.
    for (let i = 0; i < 20; i++) await statusTurn(1000 + i);
    for (let i = 0; i < 5; i++) await timedGet(tasksUrl, reader.userId);
    const status = await medianMs(runs, statusTurn);
    const tasks = await medianMs(runs, () => timedGet(tasksUrl, reader.userId));
    const figuresUrl = `${base}/api/tab/figures?covenant=${covenant.id}&from=${YEAR.from}&to=${YEAR.to}`;
    // A year's figures read every history of the year: fewer runs at the larger sizes.
    const figureRuns = size >= 10_000 ? 3 : Math.max(3, Math.ceil(runs / 3));
    const figures = DASHBOARD ? await medianMs(figureRuns, () => timedGet(figuresUrl, reader.userId)) : null;
    const page = (await timedGet(tasksUrl, reader.userId)) as { total: number };
    const result: ApiResult = {
      engine,
      cases: size,
      seed_s: round(seedSeconds, 1),
      tasks_total: page.total,
      status_turn_ms: round(status, 2),
      tasks_ms: round(tasks, 2),
      figures_ms: figures === null ? null : round(figures, 2),
      tasks_vs_status: round(tasks / status, 2),
      figures_vs_status: figures === null ? null : round(figures / status, 2),
    };
    console.log(`tab api ${JSON.stringify(result)}`);
    return result;
  } finally {
    await app.stop();
    await opened.cleanup();
  }
}

export { startFakeConnector };
