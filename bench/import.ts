import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Casework } from '../casework/casework.js';
import type { Store } from '../casework/ports.js';
import { readCsvTable } from '../cli/csv.js';
import { headerProblems, toImportRow } from '../cli/import-rows.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { migrate } from '../storage/postgres/migrations.js';
import { pgliteClient } from '../storage/postgres/pglite-client.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { pgClient } from '../storage/postgres/sql-client.js';
import { round } from './measure.js';
import { lekstroomMember } from './seed.js';

// `npm run bench -- import [--quick]`: a file of 10,000 signals (`--quick`: 2,000), one in twenty
// for a household earlier in the file (it joins that case), imported through
// Casework.importSignals on lowdb, PGlite and PostgreSQL (DATABASE_URL). Baselines in the same
// run: reading the file alone (CSV + rows), and registering signals one by one through the
// facade as the register card does (a sample, it is slow). Then the same file again: all
// duplicates, nothing written.

const quick = process.argv.includes('--quick');
const ROWS = quick ? 2_000 : 10_000;
const ONE_BY_ONE = quick ? 100 : 300;
const covenants = loadCovenants();
const covenant = covenants.find((c) => c.id === 'lekstroom')!;
const clock = () => new Date('2026-03-09T10:00:00+01:00');
const mitros = lekstroomMember(covenant, 'sanne', 'mitros');

const HEADER =
  'bron_id;signaalpartner_type;bedrag;ontstaansdatum;signaaldatum;herinnering_verstuurd_op;' +
  'persoonlijk_contact_gezocht;gewezen_op_schuldhulp;delen_aangeboden_zonder_bezwaar;' +
  'naam;straat;huisnummer;toevoeging;postcode;woonplaats;telefoon';

function csvFile(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    // Every twentieth row is for the household of the row before it: it joins that case.
    const household = i % 20 === 19 ? i - 1 : i;
    const postcode = `${1000 + (household % 9000)} AB`;
    const houseNumber = 1 + Math.floor(household / 9000);
    lines.push(
      `B-${i};Huur;712,50;01-02-2026;2026-03-06;2026-02-16;ja;ja;ja;` +
        `"Huishouden ${i}";Dukatenburg;${houseNumber};;${postcode};Nieuwegein;06-12345678`,
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function readRows(text: string) {
  const table = readCsvTable(text);
  const problems = headerProblems(table.header);
  if (problems.unknown.length + problems.missing.length > 0) throw new Error(JSON.stringify(problems));
  return table.records.map(({ line, cells }) =>
    toImportRow(line, Object.fromEntries(table.header.map((name, i) => [name, cells[i] ?? '']))),
  );
}

interface Opened {
  store: Store;
  cleanup(): Promise<void>;
}

const engines: Record<string, () => Promise<Opened>> = {
  lowdb: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aanzet-bench-import-'));
    const store = await openLowdbStore({ dataDir: dir });
    return {
      store,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  pglite: async () => {
    const db = new PGlite();
    const client = pgliteClient(db);
    await migrate(client);
    const store = await openPostgresStore(client);
    return { store, cleanup: () => store.close() };
  },
  ...(process.env.DATABASE_URL
    ? {
        postgres: async () => {
          const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
          await admin.connect();
          const name = `aanzet_bench_import_${Date.now()}`;
          await admin.query(`CREATE DATABASE ${name}`);
          const url = new URL(process.env.DATABASE_URL!);
          url.pathname = `/${name}`;
          const pool = new pg.Pool({ connectionString: url.toString() });
          // DROP DATABASE … WITH (FORCE) ends the pool's idle connections: expected here.
          pool.on('error', () => undefined);
          const client = pgClient(pool);
          await migrate(client);
          const store = await openPostgresStore(client);
          return {
            store,
            cleanup: async () => {
              await store.close();
              await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
              await admin.end();
            },
          };
        },
      }
    : {}),
};

async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await run();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

const text = csvFile(ROWS);
const parse = await timed(() => readRows(text));
const rows = parse.value;
const parseRowsPerS = ROWS / (parse.ms / 1000);
console.log(`parse: ${ROWS} rows in ${round(parse.ms, 0)} ms (${round(parseRowsPerS, 0)} rows/s)`);

const results: Record<string, number | string>[] = [];
// AANZET_BENCH_ENGINES=lowdb,postgres: only these engines (the full PGlite run takes minutes).
const chosen = process.env.AANZET_BENCH_ENGINES?.split(',');
for (const [engine, open] of Object.entries(engines)) {
  if (chosen && !chosen.includes(engine)) continue;
  // The baseline: signals one by one, as the register card sends them.
  const single = await open();
  await single.store.members.put(mitros);
  const cardwork = new Casework({ covenants, ...single.store, clock });
  const oneByOne = await timed(async () => {
    for (const row of rows.slice(0, ONE_BY_ONE))
      await cardwork.registerSignal(mitros, { ...row.input, covenantId: 'lekstroom' });
  });
  await single.cleanup();
  const oneByOneRowsPerS = ONE_BY_ONE / (oneByOne.ms / 1000);

  const opened = await open();
  await opened.store.members.put(mitros);
  const casework = new Casework({ covenants, ...opened.store, clock });
  const options = { covenantId: 'lekstroom', fileName: 'bench.csv' };
  const first = await timed(() => casework.importSignals(mitros, rows, options));
  if (first.value.imported !== ROWS || first.value.refused !== 0)
    throw new Error(`import: ${JSON.stringify({ ...first.value, rows: undefined })}`);
  const again = await timed(() => casework.importSignals(mitros, rows, options));
  if (again.value.duplicates !== ROWS) throw new Error('the second import was not all duplicates');
  const cases = (await opened.store.cases.listSummaries({ covenantId: 'lekstroom' })).length;
  await opened.cleanup();

  const importRowsPerS = ROWS / (first.ms / 1000);
  const result = {
    engine,
    rows: ROWS,
    cases,
    joined: first.value.joined,
    import_ms: round(first.ms, 0),
    import_rows_per_s: round(importRowsPerS, 0),
    reimport_ms: round(again.ms, 0),
    one_by_one_rows_per_s: round(oneByOneRowsPerS, 1),
    import_vs_one_by_one: round(importRowsPerS / oneByOneRowsPerS, 1),
    parse_share_of_import: round(parse.ms / first.ms, 3),
  };
  console.log(`import ${JSON.stringify(result)}`);
  results.push(result);
}
console.log(
  JSON.stringify({ bench: 'import', quick, rows: ROWS, parse_rows_per_s: round(parseRowsPerS, 0), results }),
);
