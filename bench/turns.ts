import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Casework } from '../casework/casework.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { startFakeConnector } from '../tests/helpers/fake-connector.js';
import { TeamsClient, type Conversation, type TeamsUser } from '../tests/helpers/teams-client.js';
import { round } from './measure.js';
import { lekstroomMember, seedLekstroom } from './seed.js';

// Concurrent `@AanZet status <id>` lookups in a team channel against the real HTTP endpoint,
// with 10,000 cases in the store, and in the same run the same load on a bare botbuilder echo
// bot on the same stack. Both reply through one local fake Bot Connector.

const quick = process.argv.includes('--quick');
const CASES = 10_000;
const REQUESTS = quick ? 400 : 2_000;
const CONCURRENCY = 16;
const ROUNDS = quick ? 1 : 3;

const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const dataDir = mkdtempSync(join(tmpdir(), 'aanzet-turns-'));
const store = await openLowdbStore({ dataDir });
const casework = new Casework({ covenants: [covenant], ...store, clock: () => new Date() });
const registered = await seedLekstroom(casework, store, covenant, CASES);
const caseIds = registered.map((r) => r.caseId);
const reader = lekstroomMember(covenant, '00000000-0000-0000-0000-00000000bench', 'mitros');
await store.members.put(reader);
await store.close();

const connector = await startFakeConnector();
const user: TeamsUser = { id: 'user-bench', aadObjectId: reader.userId, name: 'Bench' };
const channel: Conversation = {
  id: '19:bench@thread.tacv2',
  conversationType: 'channel',
  tenantId: 't1',
  teamId: 'team-1',
};

async function startBot(mode: 'aanzet' | 'echo'): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/turns-server.ts', mode, dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.startsWith('listening ') && resolve(line.slice('listening '.length)));
    child.once('exit', (code) => reject(new Error(`${mode} bot exited with ${code}`)));
  });
  return { url, child };
}

async function load(
  url: string,
  requests: number,
): Promise<{ throughput: number; p99: number; p50: number }> {
  const client = new TeamsClient(url, connector.url);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        const { status } = await client.message(
          user,
          channel,
          `status ${caseIds[(i * 7919) % caseIds.length]}`,
        );
        if (status !== 200) throw new Error(`HTTP ${status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { throughput: requests / seconds, p99: at(0.99), p50: at(0.5) };
}

async function measure(mode: 'aanzet' | 'echo') {
  const bot = await startBot(mode);
  try {
    await load(bot.url, 100); // warm-up: JIT, connections, the first store reads
    const sentBefore = connector.sent.length;
    const result = await load(bot.url, REQUESTS);
    if (connector.sent.length - sentBefore !== REQUESTS)
      throw new Error(`${mode}: not every lookup was answered`);
    return result;
  } finally {
    bot.child.kill('SIGTERM');
  }
}

const best = {
  aanzet: { throughput: 0, p99: Infinity, p50: Infinity },
  echo: { throughput: 0, p99: Infinity, p50: Infinity },
};
for (let round_ = 0; round_ < ROUNDS; round_++) {
  for (const mode of ['echo', 'aanzet'] as const) {
    const r = await measure(mode);
    console.log(
      `round ${round_ + 1} ${mode}: ${r.throughput.toFixed(0)} turns/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    );
    best[mode] = {
      throughput: Math.max(best[mode].throughput, r.throughput),
      p99: Math.min(best[mode].p99, r.p99),
      p50: Math.min(best[mode].p50, r.p50),
    };
  }
}
await connector.close();
rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'turns',
    cases: CASES,
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    quick,
    aanzet_turns_per_s: round(best.aanzet.throughput, 1),
    echo_turns_per_s: round(best.echo.throughput, 1),
    aanzet_p99_ms: round(best.aanzet.p99, 2),
    echo_p99_ms: round(best.echo.p99, 2),
    throughput_vs_echo: round(best.aanzet.throughput / best.echo.throughput, 3),
    p99_vs_echo: round(best.aanzet.p99 / best.echo.p99, 3),
  }),
);
