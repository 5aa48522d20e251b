import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { toIsoDate } from '../casework/covenant/calendar.js';
import { Casework } from '../casework/casework.js';
import { deriveState } from '../casework/case/state.js';
import { summarize } from '../casework/case/summary.js';
import { caseRemindersDue, covenantMessagesDue } from '../casework/reminders/plan.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrate } from '../storage/postgres/migrations.js';
import { pgliteClient } from '../storage/postgres/pglite-client.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { pgClient, type SqlClient } from '../storage/postgres/sql-client.js';
import { bulkSeedLekstroom } from './bulk-seed.js';
import { medianMs, round } from './measure.js';
import { runDeliveryBench } from './reminders-delivery.js';
import { benchSignal, lekstroomMember } from './seed.js';

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
        const member = lekstroomMember(covenant, `corp-${corporation.id}`, corporation.id);
        return casework.registerSignal(member, benchSignal(covenant, i, { signalDate, city: 'Nieuwegein' }));
      }),
    );
  }
  const calendar = casework.calendar(covenant);
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

/**
 * The same sweep on PostgreSQL (the real server when DATABASE_URL is set, else PGlite), seeded
 * in SQL from cases made by the use cases: 95 % of the steps due in the next two weeks, 5 % late.
 */
async function postgresSweep(size: number, withScan: boolean) {
  const server = process.env.DATABASE_URL;
  let client: SqlClient;
  let cleanup: () => Promise<void>;
  if (server) {
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    const name = `aanzet_sweep_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    client = pgClient(new pg.Pool({ connectionString: url.toString() }));
    cleanup = async () => {
      await client.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    client = pgliteClient(new PGlite());
    cleanup = () => client.close();
  }
  await migrate(client);
  const store = await openPostgresStore(client);
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
  const calendar = casework.calendar(covenant);
  const ahead = Array.from({ length: 10 }, (_, i) => calendar.addWorkingDays(TODAY, i + 1));
  const late = Array.from({ length: 10 }, (_, i) => calendar.addWorkingDays(TODAY, -(i + 1)));
  const deadlines = [...Array.from({ length: 190 }, (_, i) => ahead[i % 10]!), ...late];
  await bulkSeedLekstroom(casework, store, client, covenant, size, deadlines);
  const due = (await casework.planDueMessages()).length;
  const sweepMs = await medianMs(5, () => casework.planDueMessages());
  let scanMs: number | undefined;
  if (withScan) {
    const today = toIsoDate(now);
    scanMs = await medianMs(3, async () => {
      const open = await store.cases.listSummaries({ covenantId: covenant.id, status: 'open' });
      return open.flatMap((s) => caseRemindersDue(covenant, calendar, s, today));
    });
  }
  await cleanup();
  const result = {
    engine: server ? 'postgres' : 'pglite',
    open_cases: size,
    due_messages: due,
    sweep_ms: round(sweepMs),
    ...(scanMs !== undefined
      ? { summary_scan_ms: round(scanMs), sweep_speedup_vs_summary_scan: round(scanMs / sweepMs, 1) }
      : {}),
  };
  console.log(`sweep ${JSON.stringify(result)}`);
  return result;
}

const sweeps = [];
for (const size of sizes) sweeps.push(await sweep(size));
const postgresSweeps = quick
  ? [await postgresSweep(10_000, true)]
  : [
      await postgresSweep(100_000, true),
      ...(process.env.DATABASE_URL ? [await postgresSweep(1_000_000, false)] : []),
    ];
const delivery = await runDeliveryBench({ quick });
const largest = sweeps.at(-1)!;
console.log(
  JSON.stringify({
    bench: 'reminders',
    quick,
    sweep_speedup_vs_scan: largest.sweep_speedup_vs_scan,
    sweeps,
    postgres_sweeps: postgresSweeps,
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
