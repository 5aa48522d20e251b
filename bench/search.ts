import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import pg from 'pg';
import { Casework } from '../casework/casework.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { migrate } from '../storage/postgres/migrations.js';
import { pgClient } from '../storage/postgres/sql-client.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { bulkSeedLekstroom } from './bulk-seed.js';
import { round } from './measure.js';
import { lekstroomMember } from './seed.js';

// The compose box's search (casework.searchCases) on a real PostgreSQL at 100,000 Lekstroom cases
// (`--quick`: 10,000), as bulk-seed.ts makes them, their postcodes spread over 9,000 values.
// Goal: p99 under 300 ms for every kind of query. Needs DATABASE_URL (a database is made and dropped).

const quick = process.argv.includes('--quick');
const size = quick ? 10_000 : 100_000;
const runs = quick ? 30 : 100;
if (!process.env.DATABASE_URL) {
  console.error('bench search: set DATABASE_URL (bash .ci/postgres.sh start)');
  process.exit(2);
}

const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const now = DateTime.fromISO('2026-03-10T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
const name = `aanzet_bench_search_${Date.now()}`;
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(process.env.DATABASE_URL);
url.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: url.toString() });
try {
  const client = pgClient(pool);
  await migrate(client);
  const store = await openPostgresStore(client);
  const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
  const deadlines = Array.from({ length: 30 }, (_, i) =>
    DateTime.fromISO('2026-03-01').plus({ days: i }).toISODate()!,
  );
  await bulkSeedLekstroom(casework, store, client, covenant, size, deadlines);
  await client.query(
    `UPDATE cases SET household_key = (1000 + abs(hashtext(id)) % 9000)::text || 'AB|' || id`,
  );
  await client.query('VACUUM ANALYZE cases');
  const coordinator = lekstroomMember(covenant, 'bench-wil', 'wil', ['coordinator-vroeg-eropaf']);
  const mitros = lekstroomMember(covenant, 'bench-mitros', 'mitros');
  const portaal = lekstroomMember(covenant, 'bench-portaal', 'portaal');
  // Houten's municipality holds the social team's step of every other case (the role sociaal-wijkteam).
  const houten = lekstroomMember(covenant, 'bench-houten', 'gemeente-houten');
  const someId = (await store.cases.listSummaries({ deadlines: ['2026-03-05'] }))[7]!.caseId;
  const queries: [string, typeof mitros, string, { skip?: number }?][] = [
    ['prefix, all match (coordinator)', coordinator, 'LEK-2026'],
    ['prefix, all match (partner)', mitros, 'lek-2026'],
    ['one case id', mitros, someId],
    ['no match (coordinator)', coordinator, 'ZZZ'],
    ['no match (partner)', mitros, 'ZZZ'],
    ['no case taken part in (partner)', portaal, 'LEK'],
    ["partner's name", coordinator, 'houten'],
    ['postcode (coordinator)', coordinator, '5000 AB'],
    ['postcode (step holder)', houten, '5000AB'],
    ['own open steps, no text', houten, ''],
    ['own open steps, page 20', houten, '', { skip: 475 }],
    ['prefix, page 20', mitros, 'LEK', { skip: 475 }],
  ];
  const figures: Record<string, { p50: number; p99: number; found: number }> = {};
  for (const [label, actor, text, page] of queries) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const views = await casework.searchCases(actor, text, { locale: 'nl', count: 25, ...page });
      times.push(performance.now() - start);
      found = views.length;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!, 1);
    figures[label] = { p50: at(0.5), p99: at(0.99), found };
    console.log(`${label}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, ${found} found`);
  }
  const worst = Math.max(...Object.values(figures).map((f) => f.p99));
  console.log(
    JSON.stringify({ bench: 'search', cases: size, runs, worstP99Ms: worst, goalMet: worst < 300, figures }),
  );
} finally {
  await pool.end();
  await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  await admin.end();
}
