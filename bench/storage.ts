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
import { Casework } from '../casework/casework.js';
import { deriveState } from '../casework/case-state.js';
import type { CaseRecord } from '../casework/case-types.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { medianMs, round } from './measure.js';
import { lekstroomMember, seedLekstroom } from './seed.js';

// A single outcome write and a "my tasks" query at growing case counts, each against a
// baseline measured in the same run on the same data:
// - the write against the floor of any rewrite-the-file engine: serialising the same document
//   and writing it durably (temp file, fsync, rename);
// - the query against a naive scan that replays every case's history.

const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000] : [1_000, 10_000];
const RUNS = quick ? 5 : 15;
const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const now = new Date('2026-03-09T10:00:00+01:00');

async function measure(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-bench-'));
  const store = await openLowdbStore({ dataDir: dir });
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
  const wil = lekstroomMember(covenant, 'wil', 'wil', ['coordinator-vroeg-eropaf']);
  const houten = lekstroomMember(covenant, 'houten', 'gemeente-houten');
  await store.members.put(houten);
  const registered = await seedLekstroom(casework, store, covenant, size);

  const open = registered.filter((_, i) => i % 2 === 1);
  const outcomeWrite = await medianMs(RUNS, (i) => {
    const target = open[i + 1]!;
    return casework.logOutcome(wil, target.caseId, target.loaded.record.version, { outcomeId: 'wijkteam' });
  });
  const fileText = readFileSync(store.file, 'utf8');
  const document: unknown = JSON.parse(fileText);
  const rawRewrite = await medianMs(RUNS, () =>
    durableWrite(join(dir, 'raw.json'), JSON.stringify(document)),
  );

  const myTasks = await medianMs(RUNS * 3, () => casework.myTasks(houten, 'nl'));
  const records = Object.values((document as { cases: Record<string, CaseRecord> }).cases);
  const replayScan = await medianMs(RUNS, () =>
    records
      .map((r) => deriveState(covenant, r.id, r.events))
      .filter((s) => s.status === 'open' && s.step?.responsiblePartnerId === 'gemeente-houten')
      .sort((a, b) => a.step!.deadline.localeCompare(b.step!.deadline)),
  );
  const tasks = (await casework.myTasks(houten, 'nl')).length;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    cases: size,
    file_mb: round(Buffer.byteLength(fileText) / 1e6, 1),
    my_tasks_rows: tasks,
    outcome_write_ms: round(outcomeWrite),
    raw_rewrite_ms: round(rawRewrite),
    write_vs_raw_rewrite: round(outcomeWrite / rawRewrite, 2),
    my_tasks_ms: round(myTasks),
    replay_scan_ms: round(replayScan),
    my_tasks_vs_replay_scan: round(myTasks / replayScan, 4),
  };
}

function durableWrite(path: string, text: string): void {
  const fd = openSync(`${path}.tmp`, 'w');
  writeSync(fd, text);
  fsyncSync(fd);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
}

const results = [];
for (const size of sizes) {
  const result = await measure(size);
  console.log(`lowdb, ${size} cases: ${JSON.stringify(result)}`);
  results.push(result);
}
console.log(JSON.stringify({ bench: 'storage', engine: 'lowdb', quick, results }));
