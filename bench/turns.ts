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
const ROUNDS = quick ? 2 : 6;
/** Searches take longer and are not compared with the echo: fewer rounds. */
const SEARCH_ROUNDS = quick ? 1 : 3;
/** Turns of each kind before the measured rounds (see measureStore); searches are slower on lowdb and are not compared with the echo. */
const WARM_UP = quick ? 500 : 3_000;
const SEARCH_WARM_UP = quick ? 100 : 500;
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
  /** The block's wall time and every turn's latency, for the figures over all rounds. */
  seconds: number;
  latencies: number[];
  /** CPU time of the bot's process per turn (user + system, from /proc): steadier than wall time on a busy machine. */
  cpuMs: number;
  /** Of cpuMs, the main thread's (the rest: GC, compiler and I/O helper threads). */
  mainThreadCpuMs: number;
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
  return cpuMsInStat(`/proc/${pid}/stat`);
}
/** The same for the process's main thread alone (the JavaScript); the rest is V8's and libuv's helpers (GC, compiler, I/O). */
function mainThreadCpuMsOf(pid: number): number {
  return cpuMsInStat(`/proc/${pid}/task/${pid}/stat`);
}
function cpuMsInStat(file: string): number {
  // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
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
  return {
    throughput: requests / seconds,
    p99: quantile(latencies, 0.99),
    p50: quantile(latencies, 0.5),
    seconds,
    latencies,
    cpuMs: NaN,
    mainThreadCpuMs: NaN,
  };
}

/** The first text of a reply's card (a status card's is "Status <case id>"). */
function cardTitle(sent: { activity: { attachments?: { content: unknown }[] } }): string {
  const card = sent.activity.attachments?.[0]?.content as { body?: { text?: unknown }[] } | undefined;
  return String(card?.body?.[0]?.text ?? '(no card)');
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

type Bot = Awaited<ReturnType<typeof startBot>>;

/** One measured block of turns of one kind on a running bot, checked and printed. */
async function measureBlock(
  bot: Bot,
  mode: 'echo' | 'aanzet',
  kind: Kind,
  label: string,
  prepared: Prepared,
  connector: Awaited<ReturnType<typeof startFakeConnector>>,
): Promise<Figures> {
  const pid = bot.child.pid!;
  // The replies of the blocks before (checked already) and of the warm-ups go: kept, they would
  // grow this process's heap, and with it its garbage collections' pauses, which stall the turns
  // of whichever bot is being measured (up to 40 ms by the last rounds, more after status blocks,
  // whose cards are the larger replies).
  connector.sent.length = 0;
  const cpuBefore = cpuMsOf(pid);
  const mainBefore = mainThreadCpuMsOf(pid);
  // The bot's pool keeps its connections through the load: the same backends before and after.
  const serverPids = (await prepared.serverPids?.()) ?? [];
  const serverBefore = cpuMsOfEach(serverPids);
  const r = await load(bot.url, connector.url, prepared, kind, REQUESTS);
  r.cpuMs = (cpuMsOf(pid) - cpuBefore) / REQUESTS;
  r.mainThreadCpuMs = (mainThreadCpuMsOf(pid) - mainBefore) / REQUESTS;
  if (mode === 'aanzet' && prepared.serverPids)
    r.serverCpuMs = cpuMsBetween(serverBefore, cpuMsOfEach(serverPids)) / REQUESTS;
  // Messages are answered through the connector; a search in the invoke's response.
  const expectedSent = kind === 'search' ? 0 : REQUESTS;
  if (connector.sent.length !== expectedSent)
    throw new Error(`${kind}: ${connector.sent.length} replies, expected ${expectedSent}`);
  // Each status reply must be the status card of a case asked for, not an error card.
  if (kind === 'status') {
    const asked = new Set(prepared.caseIds.map((id) => `Status ${id}`));
    const wrong = connector.sent.find((sent) => !asked.has(cardTitle(sent)));
    if (wrong) throw new Error(`status: a reply is not a case's status card: ${cardTitle(wrong)}`);
  }
  console.log(
    `${prepared.engine} ${prepared.cases} ${label} ${kind}: ${r.throughput.toFixed(0)} turns/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, CPU ${r.cpuMs.toFixed(2)} ms a turn (main thread ${r.mainThreadCpuMs.toFixed(2)})${r.serverCpuMs === undefined ? '' : ` (+ database ${r.serverCpuMs.toFixed(2)} ms)`}`,
  );
  return r;
}

/**
 * Both bots run through the whole measurement, as a server does: each kind of turn is warmed up
 * first until V8 has optimised its code (a fresh process needs some 2,000 turns for that; the
 * echo has less code to compile, so a short warm-up measured the AanZet bot half-compiled).
 * Then rounds, in each the echo and the status turns one after the other, in turn first and
 * last: each status round is also compared with the echo round just beside it (paired), which
 * the machine's slow swings affect alike. Searches come after all of them: their garbage would
 * otherwise be collected during the next status round.
 */
async function measureStore(prepared: Prepared, connector: Awaited<ReturnType<typeof startFakeConnector>>) {
  const rounds: Record<Kind, Figures[]> = { echo: [], status: [], search: [] };
  const profileOf = (mode: string) =>
    CPU_PROFILE_DIR && join(CPU_PROFILE_DIR, `${prepared.engine}-${mode}.cpuprofile`);
  const echo = await startBot('echo', prepared.env, profileOf('echo'));
  const aanzet = await startBot('aanzet', prepared.env, profileOf('aanzet'));
  const paired: { bot: Bot; mode: 'echo' | 'aanzet'; kind: Kind }[] = [
    { bot: echo, mode: 'echo', kind: 'echo' },
    ...(TURNS.includes('status') ? [{ bot: aanzet, mode: 'aanzet' as const, kind: 'status' as const }] : []),
  ];
  const measure = async (bot: Bot, mode: 'echo' | 'aanzet', kind: Kind, round_: number) =>
    rounds[kind].push(await measureBlock(bot, mode, kind, `round ${round_ + 1}`, prepared, connector));
  try {
    for (const { bot, kind } of paired) await load(bot.url, connector.url, prepared, kind, WARM_UP);
    // The profiles start here: the measured rounds only (and the searches' warm-up, if any).
    if (CPU_PROFILE_DIR) for (const bot of [echo, aanzet]) bot.child.kill('SIGUSR2');
    for (let round_ = 0; round_ < ROUNDS; round_++)
      for (const { bot, mode, kind } of round_ % 2 === 0 ? paired : [...paired].reverse())
        await measure(bot, mode, kind, round_);
    if (TURNS.includes('search')) {
      await load(aanzet.url, connector.url, prepared, 'search', SEARCH_WARM_UP);
      for (let round_ = 0; round_ < SEARCH_ROUNDS; round_++)
        await measure(aanzet, 'aanzet', 'search', round_);
    }
  } finally {
    await Promise.all([echo, aanzet].map(stopBot));
  }
  // Over all rounds: the turns in the time they took, every latency, the CPU they used. A
  // round of 2,000 turns holds one of the bot's full garbage collections or none, which moves
  // its p99; all rounds together hold them as often as they come.
  const overall = (kind: Kind) => {
    const all = rounds[kind];
    const sum = (f: (r: Figures) => number) => all.reduce((total, r) => total + f(r), 0);
    const latencies = all.flatMap((r) => r.latencies);
    return {
      throughput: latencies.length / sum((r) => r.seconds),
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      cpuMs: sum((r) => r.cpuMs) / all.length,
      mainThreadCpuMs: sum((r) => r.mainThreadCpuMs) / all.length,
      serverCpuMs: all.some((r) => r.serverCpuMs !== undefined)
        ? sum((r) => r.serverCpuMs ?? 0) / all.length
        : undefined,
    };
  };
  // Each status round against the echo round beside it, the median of those ratios: what the
  // machine's swings between rounds do not move. Searches run apart: over all rounds only.
  const pairedMedian = (kind: Kind, key: 'throughput' | 'p99') =>
    kind === 'search'
      ? undefined
      : round(median(rounds[kind].map((r, i) => r[key] / rounds.echo[i]![key])), 3);
  const echoOverall = overall('echo');
  const vsEcho = (kind: Kind) => {
    const o = overall(kind);
    return {
      turns_per_s: round(o.throughput, 1),
      p50_ms: round(o.p50, 2),
      p99_ms: round(o.p99, 2),
      throughput_vs_echo: round(o.throughput / echoOverall.throughput, 3),
      p99_vs_echo: round(o.p99 / echoOverall.p99, 3),
      throughput_vs_echo_paired_median: pairedMedian(kind, 'throughput'),
      p99_vs_echo_paired_median: pairedMedian(kind, 'p99'),
      cpu_ms_per_turn: round(o.cpuMs, 3),
      cpu_vs_echo: round(o.cpuMs / echoOverall.cpuMs, 3),
      main_thread_cpu_ms_per_turn: round(o.mainThreadCpuMs, 3),
      ...(o.serverCpuMs === undefined ? {} : { database_cpu_ms_per_turn: round(o.serverCpuMs, 3) }),
    };
  };
  for (const kind of TURNS) {
    const v = vsEcho(kind);
    console.log(
      `${prepared.engine} ${prepared.cases} ${kind} over all rounds: ${v.turns_per_s} turns/s, p99 ${v.p99_ms} ms; ÷ echo ${v.throughput_vs_echo} / ${v.p99_vs_echo}${v.throughput_vs_echo_paired_median === undefined ? '' : ` (paired rounds, median: ${v.throughput_vs_echo_paired_median} / ${v.p99_vs_echo_paired_median})`}`,
    );
  }
  return {
    engine: prepared.engine,
    cases: prepared.cases,
    echo: vsEcho('echo'),
    ...Object.fromEntries(TURNS.map((kind) => [kind, vsEcho(kind)])),
  };
}

async function stopBot(bot: Bot): Promise<void> {
  if (bot.child.exitCode !== null) return;
  const exited = new Promise((resolve) => bot.child.once('exit', resolve));
  bot.child.kill('SIGTERM');
  await exited; // its CPU profile written, its port free
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
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
    search_rounds: SEARCH_ROUNDS,
    warm_up: WARM_UP,
    quick,
    results,
  }),
);
