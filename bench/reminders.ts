import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { toIsoDate } from '../casework/calendar.js';
import { Casework } from '../casework/casework.js';
import { deriveState } from '../casework/case-state.js';
import { summarize } from '../casework/summary.js';
import { caseRemindersDue, covenantMessagesDue } from '../casework/reminder-plan.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { medianMs, round } from './measure.js';
import { runDeliveryBench } from './reminders-delivery.js';
import { lekstroomMember } from './seed.js';

// (a) The planning sweep against a naive full scan of every open case, on the same store in the
// same run; (b) delivery within the Teams limits (bench/reminders-delivery.ts).

const quick = process.argv.includes('--quick');
const sizes = quick ? [10_000] : [10_000, 100_000];
const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const TODAY = '2026-04-15'; // a Wednesday
const now = DateTime.fromISO(`${TODAY}T09:00`, { zone: 'Europe/Amsterdam' }).toJSDate();

async function sweep(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-sweep-'));
  const store = await openLowdbStore({ dataDir: dir });
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
  const corporations = covenant.partners.filter((p) => p.kind === 'woningcorporatie');
  // A steady state: most open steps are on time (signals of the last 13 days, deadlines in the
  // coming two weeks); one in twenty is late (signals of 15 to 28 days ago).
  for (let start = 0; start < size; start += 5_000) {
    await Promise.all(
      Array.from({ length: Math.min(5_000, size - start) }, (_, j) => {
        const i = start + j;
        const daysAgo = i % 20 === 0 ? 15 + (i % 14) : 1 + (i % 13);
        const signalDate = DateTime.fromISO(TODAY).minus({ days: daysAgo }).toISODate()!;
        const corporation = corporations[i % corporations.length]!;
        return casework.registerSignal(lekstroomMember(covenant, `corp-${corporation.id}`, corporation.id), {
          covenantId: covenant.id,
          household: {
            name: `Huishouden ${i}`,
            street: 'Benchstraat',
            houseNumber: (i % 90_000) + 1,
            addition: String(Math.floor(i / 90_000)),
            postcode: '3430 AA',
            city: 'Nieuwegein',
          },
          signal: {
            type: 'Huur',
            amountCents: 50_000,
            arisingDate: DateTime.fromISO(signalDate).minus({ days: 40 }).toISODate()!,
            signalDate,
            preChecks: {
              personalContactAttempted: true,
              pointedToDebtHelp: true,
              reminderSentOn: DateTime.fromISO(signalDate).minus({ days: 10 }).toISODate()!,
              offeredToShareWithoutObjection: true,
            },
          },
        });
      }),
    );
  }
  const calendar = casework.ctx.calendar(covenant);
  // The naive way: read every open case, derive its state from its history (the source of
  // truth), and ask whether a reminder falls today.
  const fullScan = async () => {
    const open = await store.cases.listSummaries({ covenantId: covenant.id, status: 'open' });
    const today = toIsoDate(now);
    const due = [];
    for (const { caseId } of open) {
      const record = (await store.cases.get(caseId))!;
      const summary = summarize(covenant, deriveState(covenant, caseId, record.events));
      due.push(...caseRemindersDue(covenant, calendar, summary, today));
    }
    return [...due, ...covenantMessagesDue(covenant, calendar, today)];
  };
  const [swept, scanned] = [await casework.planDueMessages(), await fullScan()];
  if (swept.length !== scanned.length) throw new Error(`sweep found ${swept.length}, scan ${scanned.length}`);
  const sweepMs = await medianMs(7, () => casework.planDueMessages());
  const scanMs = await medianMs(3, fullScan);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const result = {
    open_cases: size,
    due_messages: swept.length,
    sweep_ms: round(sweepMs),
    scan_ms: round(scanMs),
    sweep_speedup_vs_scan: round(scanMs / sweepMs, 1),
  };
  console.log(`sweep, ${size} open cases: ${JSON.stringify(result)}`);
  return result;
}

const sweeps = [];
for (const size of sizes) sweeps.push(await sweep(size));
const delivery = await runDeliveryBench({ quick });
const largest = sweeps.at(-1)!;
console.log(
  JSON.stringify({
    bench: 'reminders',
    quick,
    sweep_speedup_vs_scan: largest.sweep_speedup_vs_scan,
    sweeps,
    delivery_vs_minimum: delivery.delivery_vs_minimum,
    throttled: delivery.throttled,
    lost: delivery.lost,
    duplicated: delivery.duplicated,
    delivery_seconds: delivery.seconds,
    delivery_minimum_seconds: delivery.minimum_seconds,
    messages: delivery.messages,
    conversations: delivery.conversations,
  }),
);
