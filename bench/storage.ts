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
import type { Member } from '../casework/ports.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { medianMs, round } from './measure.js';

// A single outcome write and a "my tasks" query at growing case counts, each against a
// baseline measured in the same run on the same data:
// - the write against the floor of any rewrite-the-file engine: serialising the same document
//   and writing it durably (temp file, fsync, rename);
// - the query against a naive scan that replays every case's history.

const quick = process.argv.includes('--quick');
const sizes = quick ? [1_000] : [1_000, 10_000];
const RUNS = quick ? 5 : 15;
const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const corporations = covenant.partners.filter((p) => p.kind === 'woningcorporatie');
const cities = ['Nieuwegein', 'Houten', 'IJsselstein', 'Vianen', 'Lopik'];
const now = new Date('2026-03-09T10:00:00+01:00');

const member = (userId: string, partnerId: string, roles: string[] = []): Member => ({
  userId,
  name: userId,
  memberships: [{ covenantId: covenant.id, partnerId, roles, status: 'active' }],
});

async function measure(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-bench-'));
  const store = await openLowdbStore({ dataDir: dir });
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
  const wil = member('wil', 'wil', ['coordinator-vroeg-eropaf']);
  const houten = member('houten', 'gemeente-houten');
  for (const m of [wil, houten]) await store.members.put(m);

  // Seed through the real use case; concurrent calls share file writes, which keeps this quick.
  const registered = await Promise.all(
    Array.from({ length: size }, (_, i) => {
      const corporation = member(
        `corp-${i % corporations.length}`,
        corporations[i % corporations.length]!.id,
      );
      return casework.registerSignal(corporation, {
        covenantId: covenant.id,
        household: {
          name: `Huishouden ${i}`,
          street: 'Benchstraat',
          houseNumber: (i % 9000) + 1,
          addition: String(Math.floor(i / 9000)),
          postcode: '3430 AA',
          city: cities[i % cities.length]!,
        },
        signal: {
          type: 'Huur',
          amountCents: 50_000 + i,
          arisingDate: '2026-01-20',
          signalDate: '2026-03-09',
          preChecks: {
            personalContactAttempted: true,
            pointedToDebtHelp: true,
            reminderSentOn: '2026-02-16',
            offeredToShareWithoutObjection: true,
          },
        },
      });
    }),
  );
  // Half the cases move on to the municipality's social team, so "my tasks" has a real spread.
  await Promise.all(
    registered
      .filter((_, i) => i % 2 === 0)
      .map((r) => casework.logOutcome(wil, r.caseId, r.loaded.record.version, { outcomeId: 'wijkteam' })),
  );

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
