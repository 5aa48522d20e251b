import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
/** AANZET_BENCH_TURNS=status: only these kinds of AanZet turn (the echo always runs: it is the baseline). */
const TURNS = (process.env.AANZET_BENCH_TURNS?.split(',') ?? ['status', 'search']) as ('status' | 'search')[];
/**
 * AANZET_BENCH_CPU_PROF=<dir>: each bot's process writes a V8 CPU profile of its measured turns
 * (after the warm-up) there, as <engine>-<mode>-<round>.cpuprofile; bench/cpu-profile-top.ts sums them.
 */
const CPU_PROFILE_DIR = process.env.AANZET_BENCH_CPU_PROF;

type Kind = 'echo' | 'status' | 'search';
interface Figures {
  throughput: number;
  p99: number;
  p50: number;
  /** CPU time of the bot's process per turn (user + system, from /proc): steadier than wall time on a busy machine. */
  cpuMs: number;
  /** CPU time of the database server's backends per turn (PostgreSQL only; they share the machine). */
  serverCpuMs?: number;
}
/** A store with cases, ready for the bot's process: its environment, case ids and reader. */
interface Prepared {
  engine: 'lowdb' | 'postgres';
  cases: number;
  env: Record<string, string>;
  caseIds: string[];
  readerId: string;
  /** The database server's processes serving this database (PostgreSQL), whose CPU counts too. */
  serverPids?: () => Promise<number[]>;
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
    serverPids: async () =>
      (
        await database.client.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        )
      ).rows.map((r) => r.pid),
    cleanup: () => database.cleanup(),
  };
}

async function startBot(mode: 'aanzet' | 'echo', env: Record<string, string>, profileFile?: string) {
  // The bot's process sees only the store it is given (never the DATABASE_URL of the server).
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/turns-server.ts', mode, env.AANZET_DATA_DIR ?? ''],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...inherited, ...env, ...(profileFile ? { AANZET_BENCH_CPU_PROF_FILE: profileFile } : {}) },
    },
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

/** The CPU time (user + system) a process has used so far, in ms: /proc/<pid>/stat (Linux). */
function cpuMsOf(pid: number): number {
  // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The CPU time of each of these processes still running (a backend may have closed). */
function cpuMsOfEach(pids: number[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    try {
      times.set(pid, cpuMsOf(pid));
    } catch {
      // gone: left out, so the figure reads low rather than wrong
    }
  }
  return times;
}

/** CPU time used between two readings, by the processes in both. */
function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? ms);
  return sum;
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
  return { throughput: requests / seconds, p99: at(0.99), p50: at(0.5), cpuMs: NaN };
}

async function measureStore(prepared: Prepared, connector: Awaited<ReturnType<typeof startFakeConnector>>) {
  const best: Record<Kind, Figures> = {
    echo: { throughput: 0, p99: Infinity, p50: Infinity, cpuMs: Infinity },
    status: { throughput: 0, p99: Infinity, p50: Infinity, cpuMs: Infinity },
    search: { throughput: 0, p99: Infinity, p50: Infinity, cpuMs: Infinity },
  };
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    for (const mode of ['echo', 'aanzet'] as const) {
      const profileFile =
        CPU_PROFILE_DIR && join(CPU_PROFILE_DIR, `${prepared.engine}-${mode}-${round_ + 1}.cpuprofile`);
      const bot = await startBot(mode, prepared.env, profileFile);
      try {
        for (const kind of mode === 'echo' ? (['echo'] as const) : TURNS) {
          await load(bot.url, connector.url, prepared, kind, 100); // warm-up: JIT, connections, first reads
          if (profileFile) bot.child.kill('SIGUSR2'); // the profile starts here
          const sentBefore = connector.sent.length;
          const cpuBefore = cpuMsOf(bot.child.pid!);
          // The bot's pool keeps its connections through the load: the same backends before and after.
          const serverPids = (await prepared.serverPids?.()) ?? [];
          const serverBefore = cpuMsOfEach(serverPids);
          const r = await load(bot.url, connector.url, prepared, kind, REQUESTS);
          r.cpuMs = (cpuMsOf(bot.child.pid!) - cpuBefore) / REQUESTS;
          if (mode === 'aanzet' && prepared.serverPids)
            r.serverCpuMs = cpuMsBetween(serverBefore, cpuMsOfEach(serverPids)) / REQUESTS;
          // Messages are answered through the connector; a search in the invoke's response.
          const expectedSent = kind === 'search' ? 0 : REQUESTS;
          if (connector.sent.length - sentBefore !== expectedSent)
            throw new Error(
              `${kind}: ${connector.sent.length - sentBefore} replies, expected ${expectedSent}`,
            );
          console.log(
            `${prepared.engine} ${prepared.cases} round ${round_ + 1} ${kind}: ${r.throughput.toFixed(0)} turns/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, CPU ${r.cpuMs.toFixed(2)} ms a turn${r.serverCpuMs === undefined ? '' : ` (+ database ${r.serverCpuMs.toFixed(2)} ms)`}`,
          );
          best[kind] = {
            throughput: Math.max(best[kind].throughput, r.throughput),
            p99: Math.min(best[kind].p99, r.p99),
            p50: Math.min(best[kind].p50, r.p50),
            cpuMs: Math.min(best[kind].cpuMs, r.cpuMs),
            ...(r.serverCpuMs === undefined
              ? {}
              : { serverCpuMs: Math.min(best[kind].serverCpuMs ?? Infinity, r.serverCpuMs) }),
          };
        }
      } finally {
        const exited = new Promise((resolve) => bot.child.once('exit', resolve));
        bot.child.kill('SIGTERM');
        await exited; // its CPU profile written, its port free
      }
    }
  }
  const vsEcho = (kind: Kind) => ({
    turns_per_s: round(best[kind].throughput, 1),
    p50_ms: round(best[kind].p50, 2),
    p99_ms: round(best[kind].p99, 2),
    throughput_vs_echo: round(best[kind].throughput / best.echo.throughput, 3),
    p99_vs_echo: round(best[kind].p99 / best.echo.p99, 3),
    cpu_ms_per_turn: round(best[kind].cpuMs, 3),
    cpu_vs_echo: round(best[kind].cpuMs / best.echo.cpuMs, 3),
    ...(best[kind].serverCpuMs === undefined
      ? {}
      : { database_cpu_ms_per_turn: round(best[kind].serverCpuMs!, 3) }),
  });
  return {
    engine: prepared.engine,
    cases: prepared.cases,
    echo: vsEcho('echo'),
    ...Object.fromEntries(TURNS.map((kind) => [kind, vsEcho(kind)])),
  };
}

if (CPU_PROFILE_DIR) mkdirSync(CPU_PROFILE_DIR, { recursive: true });
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
