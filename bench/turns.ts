import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Casework } from '../casework/casework.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { startFakeConnector } from '../tests/helpers/fake-connector.js';
import { migratedServerDatabase } from '../tests/helpers/postgres.js';
import { TeamsClient, type Conversation, type TeamsUser } from '../tests/helpers/teams-client.js';
import { bulkSeedLekstroom } from './bulk-seed.js';
import { round } from './measure.js';
import { lekstroomMember, seedLekstroom } from './seed.js';

// Concurrent turns in a team channel against the real HTTP endpoint: `@AanZet status <id>`
// lookups and the compose box's search (composeExtension/query invokes), and in the same run
// the same load of messages on a bare botbuilder echo bot on the same stack. Replies go through
// one local fake Bot Connector; a search is answered in the invoke's HTTP response. On lowdb with
// 10,000 cases; when DATABASE_URL is set, also on PostgreSQL with 100,000 (`--quick`: 10,000).
// The reader is a WIL caseworker: WIL takes part in every case and holds the joint visits, so
// every search (its own open steps too) finds something.

const quick = process.argv.includes('--quick');
const LOWDB_CASES = 10_000;
const POSTGRES_CASES = quick ? 10_000 : 100_000;
const REQUESTS = quick ? 400 : 2_000;
const CONCURRENCY = 16;
const ROUNDS = quick ? 1 : 3;

type Kind = 'echo' | 'status' | 'search';
interface Figures {
  throughput: number;
  p99: number;
  p50: number;
}
/** A store with cases, ready for the bot's process: its environment, case ids and reader. */
interface Prepared {
  engine: 'lowdb' | 'postgres';
  cases: number;
  env: Record<string, string>;
  caseIds: string[];
  readerId: string;
  cleanup(): Promise<void>;
}

const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const channel: Conversation = {
  id: '19:bench@thread.tacv2',
  conversationType: 'channel',
  tenantId: 't1',
  teamId: 'team-1',
};

async function prepareLowdb(): Promise<Prepared> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aanzet-turns-'));
  const store = await openLowdbStore({ dataDir });
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => new Date() });
  const caseIds = (await seedLekstroom(casework, store, covenant, LOWDB_CASES)).map((r) => r.caseId);
  const reader = lekstroomMember(covenant, '00000000-0000-0000-0000-00000000bench', 'wil');
  await store.members.put(reader);
  await store.close();
  return {
    engine: 'lowdb',
    cases: LOWDB_CASES,
    env: { AANZET_DATA_DIR: dataDir },
    caseIds,
    readerId: reader.userId,
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A database of its own on the server of DATABASE_URL, bulk-seeded (bench/bulk-seed.ts). */
async function preparePostgres(serverUrl: string): Promise<Prepared> {
  const database = await migratedServerDatabase(serverUrl);
  const store = await openPostgresStore(database.client);
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => new Date() });
  const today = new Date().toISOString().slice(0, 10);
  await bulkSeedLekstroom(casework, store, database.client, covenant, POSTGRES_CASES, [today]);
  await database.client.query('VACUUM ANALYZE cases');
  const caseIds = (await store.cases.listSummaries({ status: 'open' })).map((s) => s.caseId);
  const reader = lekstroomMember(covenant, '00000000-0000-0000-0000-00000000bench', 'wil');
  await store.members.put(reader);
  return {
    engine: 'postgres',
    cases: POSTGRES_CASES,
    env: { DATABASE_URL: database.url },
    caseIds,
    readerId: reader.userId,
    cleanup: () => database.cleanup(),
  };
}

async function startBot(mode: 'aanzet' | 'echo', env: Record<string, string>) {
  // The bot's process sees only the store it is given (never the DATABASE_URL of the server).
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/turns-server.ts', mode, env.AANZET_DATA_DIR ?? ''],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...inherited, ...env } },
  );
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.startsWith('listening ') && resolve(line.slice('listening '.length)));
    child.once('exit', (code) => reject(new Error(`${mode} bot exited with ${code}`)));
  });
  return { url, child };
}

/** What the compose box is asked, in turn: a whole case id, its number, the covenant's prefix, nothing. */
function searchText(caseId: string, i: number): string | undefined {
  const texts = [caseId, caseId.slice(-4), 'LEK-2026', undefined];
  return texts[i % texts.length];
}

async function load(
  url: string,
  connectorUrl: string,
  prepared: Prepared,
  kind: Kind,
  requests: number,
): Promise<Figures> {
  const client = new TeamsClient(url, connectorUrl);
  const user: TeamsUser = { id: 'user-bench', aadObjectId: prepared.readerId, name: 'Bench' };
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        const i = next++;
        const caseId = prepared.caseIds[(i * 7919) % prepared.caseIds.length]!;
        const t0 = performance.now();
        if (kind === 'search') {
          const { status, body } = await client.search(user, channel, searchText(caseId, i));
          const found = (body as { composeExtension?: { attachments?: unknown[] } }).composeExtension;
          if (status !== 200 || !found?.attachments?.length)
            throw new Error(`search: HTTP ${status}, ${JSON.stringify(body).slice(0, 200)}`);
        } else {
          const { status } = await client.message(user, channel, `status ${caseId}`);
          if (status !== 200) throw new Error(`HTTP ${status}`);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { throughput: requests / seconds, p99: at(0.99), p50: at(0.5) };
}

async function measureStore(prepared: Prepared, connector: Awaited<ReturnType<typeof startFakeConnector>>) {
  const best: Record<Kind, Figures> = {
    echo: { throughput: 0, p99: Infinity, p50: Infinity },
    status: { throughput: 0, p99: Infinity, p50: Infinity },
    search: { throughput: 0, p99: Infinity, p50: Infinity },
  };
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    for (const mode of ['echo', 'aanzet'] as const) {
      const bot = await startBot(mode, prepared.env);
      try {
        for (const kind of mode === 'echo' ? (['echo'] as const) : (['status', 'search'] as const)) {
          await load(bot.url, connector.url, prepared, kind, 100); // warm-up: JIT, connections, first reads
          const sentBefore = connector.sent.length;
          const r = await load(bot.url, connector.url, prepared, kind, REQUESTS);
          // Messages are answered through the connector; a search in the invoke's response.
          const expectedSent = kind === 'search' ? 0 : REQUESTS;
          if (connector.sent.length - sentBefore !== expectedSent)
            throw new Error(
              `${kind}: ${connector.sent.length - sentBefore} replies, expected ${expectedSent}`,
            );
          console.log(
            `${prepared.engine} ${prepared.cases} round ${round_ + 1} ${kind}: ${r.throughput.toFixed(0)} turns/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
          );
          best[kind] = {
            throughput: Math.max(best[kind].throughput, r.throughput),
            p99: Math.min(best[kind].p99, r.p99),
            p50: Math.min(best[kind].p50, r.p50),
          };
        }
      } finally {
        bot.child.kill('SIGTERM');
      }
    }
  }
  const vsEcho = (kind: Kind) => ({
    turns_per_s: round(best[kind].throughput, 1),
    p50_ms: round(best[kind].p50, 2),
    p99_ms: round(best[kind].p99, 2),
    throughput_vs_echo: round(best[kind].throughput / best.echo.throughput, 3),
    p99_vs_echo: round(best[kind].p99 / best.echo.p99, 3),
  });
  return {
    engine: prepared.engine,
    cases: prepared.cases,
    echo: vsEcho('echo'),
    status: vsEcho('status'),
    search: vsEcho('search'),
  };
}

const connector = await startFakeConnector();
const results = [];
try {
  const stores = [
    prepareLowdb,
    ...(process.env.DATABASE_URL ? [() => preparePostgres(process.env.DATABASE_URL!)] : []),
  ];
  for (const prepare of stores) {
    const prepared = await prepare();
    try {
      results.push(await measureStore(prepared, connector));
    } finally {
      await prepared.cleanup();
    }
  }
} finally {
  await connector.close();
}
console.log(
  JSON.stringify({
    bench: 'turns',
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    quick,
    results,
  }),
);
