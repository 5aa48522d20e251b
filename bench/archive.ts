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
import { openLowdbStore } from '../storage/lowdb-store.js';
import { seedArchivedStore } from './archive-seed.js';
import { medianMs, round } from './measure.js';
import { lekstroomMember } from './seed.js';

// The embedded store with years of history (issue 13.1): an outcome write on lowdb with 100,000
// cases of which 2,000 open (98,000 closed ones in monthly archive files) against the same write
// with 1,000 cases, all open, measured in the same run (goal: within 2×), and the size of the
// file such a write rewrites (goal: under 10 MB). Also: opening that store, a closing write, the
// move of 200 closed cases to the archive (what the store does every 200 closings), and, as the
// figure of before, one durable rewrite of all 100,000 cases in one file (what every write cost
// when every case stayed in the live file).

const quick = process.argv.includes('--quick');
const RUNS = quick ? 5 : 15;
const MOVED = 200;
const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const now = new Date('2026-03-09T10:00:00+01:00');
const wil = lekstroomMember(covenant, 'wil', 'wil', ['coordinator-vroeg-eropaf']);

async function measure(label: string, counts: { open: number; closed: number }) {
  const seeded = await seedArchivedStore(covenant, now, wil, counts);
  const file = join(seeded.dir, 'aanzet.json');
  const openedAt = process.hrtime.bigint();
  const store = await openLowdbStore({ dataDir: seeded.dir, archiveAfter: Number.POSITIVE_INFINITY });
  const openMs = Number(process.hrtime.bigint() - openedAt) / 1e6;
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
  const targets = [...seeded.open];
  const next = () => targets.shift()!;
  const outcomeWrite = await medianMs(RUNS, () => {
    const target = next();
    return casework.logOutcome(wil, target.caseId, target.version, { outcomeId: 'wijkteam' });
  });
  const liveBytes = statSync(file).size;
  const closeWrite = await medianMs(RUNS, () => {
    const target = next();
    return casework.closeCase(wil, target.caseId, target.version, { finalResult: 'geen-contact' });
  });
  // The closing writes above closed RUNS + 1 cases (one warm-up): close the rest of a batch.
  for (let closed = RUNS + 1; closed < MOVED; closed++) {
    const target = next();
    await casework.closeCase(wil, target.caseId, target.version, { finalResult: 'geen-contact' });
  }
  const movedAt = process.hrtime.bigint();
  const moved = await store.archiveClosedCases();
  const moveMs = Number(process.hrtime.bigint() - movedAt) / 1e6;
  const archives = readdirSync(seeded.dir).filter((n) => n.startsWith('aanzet.archive-'));
  const currentArchive = join(seeded.dir, `aanzet.archive-${now.toISOString().slice(0, 7)}.json`);
  await store.close();

  const result: Record<string, number | string> = {
    store: label,
    cases: counts.open + counts.closed,
    open: counts.open,
    open_store_ms: round(openMs, 0),
    outcome_write_ms: round(outcomeWrite),
    live_file_mb: round(liveBytes / 1e6, 2),
    close_write_ms: round(closeWrite),
    archive_files: archives.length,
    moved,
    move_ms: round(moveMs, 1),
    moved_into_mb: round(statSync(currentArchive).size / 1e6, 2),
  };
  if (counts.closed > 0) result.rewrite_all_in_one_file_ms = round(rewriteAll(seeded.dir, archives), 0);
  seeded.cleanup();
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

const baseline = await measure('1,000 cases, all open', { open: 1_000, closed: 0 });
const large = quick
  ? await measure('10,000 cases, 2,000 open', { open: 2_000, closed: 8_000 })
  : await measure('100,000 cases, 2,000 open', { open: 2_000, closed: 98_000 });
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
