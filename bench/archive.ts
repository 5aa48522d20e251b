import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { Casework } from '../casework/casework.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore, type LowdbStore } from '../storage/lowdb-store.js';
import { seedArchivedStore } from './archive-seed.js';
import { round } from './measure.js';
import { lekstroomMember } from './seed.js';

// The embedded store with years of history (issue 13.1): an outcome write on lowdb with 100,000
// cases of which 2,000 open (98,000 closed ones in monthly archive files) against the same write
// with 1,000 cases, all open, measured in the same run (goal: within 2×), and the size of the
// file such a write rewrites (goal: under 10 MB). Also: opening that store, a closing write, the
// move of 200 closed cases to the archive (what the store does every 200 closings), and, as the
// figure of before, one durable rewrite of all 100,000 cases in one file (what every write cost
// when every case stayed in the live file).

const quick = process.argv.includes('--quick');
const RUNS = quick ? 5 : 31;
const MOVED = 200;
const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const now = new Date('2026-03-09T10:00:00+01:00');
const wil = lekstroomMember(covenant, 'wil', 'wil', ['coordinator-vroeg-eropaf']);

interface Prepared {
  label: string;
  counts: { open: number; closed: number };
  dir: string;
  openMs: number;
  store: LowdbStore;
  casework: Casework;
  /** Open cases not written yet, at their version. */
  targets: { caseId: string; version: number }[];
  cleanup(): void;
}

async function prepare(label: string, counts: { open: number; closed: number }): Promise<Prepared> {
  const seeded = await seedArchivedStore(covenant, now, wil, counts);
  const openedAt = process.hrtime.bigint();
  const store = await openLowdbStore({ dataDir: seeded.dir, archiveAfter: Number.POSITIVE_INFINITY });
  const openMs = Number(process.hrtime.bigint() - openedAt) / 1e6;
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
  return {
    label,
    counts,
    dir: seeded.dir,
    openMs,
    store,
    casework,
    targets: [...seeded.open],
    cleanup: seeded.cleanup,
  };
}

const elapsedMs = async (fn: () => Promise<unknown>): Promise<number> => {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/**
 * One kind of write on each store in turn, RUNS times (after a warm-up each), so both see the
 * same machine: the medians per store.
 */
async function alternating(stores: Prepared[], write: (p: Prepared) => Promise<unknown>): Promise<number[]> {
  const times = stores.map(() => [] as number[]);
  for (let run = -1; run < RUNS; run++)
    for (const [i, p] of stores.entries()) {
      const ms = await elapsedMs(() => write(p));
      if (run >= 0) times[i]!.push(ms);
    }
  return times.map(median);
}

const outcome = (p: Prepared) => {
  const target = p.targets.shift()!;
  return p.casework.logOutcome(wil, target.caseId, target.version, { outcomeId: 'wijkteam' });
};
const closing = (p: Prepared) => {
  const target = p.targets.shift()!;
  return p.casework.closeCase(wil, target.caseId, target.version, { finalResult: 'geen-contact' });
};

async function finish(p: Prepared, outcomeWrite: number, closeWrite: number) {
  const file = join(p.dir, 'aanzet.json');
  const liveBytes = statSync(file).size;
  // The closing writes closed RUNS + 1 cases (one warm-up): close the rest of a batch, then move it.
  for (let closed = RUNS + 1; closed < MOVED; closed++) await closing(p);
  let moved = 0;
  const moveMs = await elapsedMs(async () => (moved = await p.store.archiveClosedCases()));
  const archives = readdirSync(p.dir).filter((n) => n.startsWith('aanzet.archive-'));
  const currentArchive = join(p.dir, `aanzet.archive-${now.toISOString().slice(0, 7)}.json`);
  await p.store.close();
  const result: Record<string, number | string> = {
    store: p.label,
    cases: p.counts.open + p.counts.closed,
    open: p.counts.open,
    open_store_ms: round(p.openMs, 0),
    outcome_write_ms: round(outcomeWrite),
    live_file_mb: round(liveBytes / 1e6, 2),
    close_write_ms: round(closeWrite),
    archive_files: archives.length,
    moved,
    move_ms: round(moveMs, 1),
    moved_into_mb: round(statSync(currentArchive).size / 1e6, 2),
  };
  if (p.counts.closed > 0) result.rewrite_all_in_one_file_ms = round(rewriteAll(p.dir, archives), 0);
  p.cleanup();
  console.log(`archive ${JSON.stringify(result)}`);
  return result;
}

/** One durable write of every case in one file: the cost of each write before the archive. */
function rewriteAll(dir: string, archives: string[]): number {
  const live = JSON.parse(readFileSync(join(dir, 'aanzet.json'), 'utf8')) as {
    cases: object;
    audit: object[];
  };
  for (const name of archives) {
    const archive = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { cases: object; audit: object[] };
    Object.assign(live.cases, archive.cases);
    live.audit.push(...archive.audit);
  }
  const started = process.hrtime.bigint();
  const path = join(dir, 'all-in-one.json');
  const fd = openSync(`${path}.tmp`, 'w');
  writeSync(fd, JSON.stringify(live));
  fsyncSync(fd);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const stores = [
  await prepare('1,000 cases, all open', { open: 1_000, closed: 0 }),
  quick
    ? await prepare('10,000 cases, 2,000 open', { open: 2_000, closed: 8_000 })
    : await prepare('100,000 cases, 2,000 open', { open: 2_000, closed: 98_000 }),
];
const outcomeWrites = await alternating(stores, outcome);
const closeWrites = await alternating(stores, closing);
const [baseline, large] = [
  await finish(stores[0]!, outcomeWrites[0]!, closeWrites[0]!),
  await finish(stores[1]!, outcomeWrites[1]!, closeWrites[1]!),
];
console.log(
  JSON.stringify({
    bench: 'archive',
    quick,
    outcome_write_large_vs_baseline: round(
      Number(large.outcome_write_ms) / Number(baseline.outcome_write_ms),
      2,
    ),
    goal: 'within 2×, live file under 10 MB',
    results: [baseline, large],
  }),
);
