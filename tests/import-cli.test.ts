import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Member, Store } from '../casework/ports.js';
import { openLowdbStore } from '../storage/lowdb-store.js';

// npm run import as a child process on a lowdb data folder: good, bad (each kind of error) and
// duplicate rows; importing again creates nothing; all-or-nothing and dry run store nothing.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const sanne: Member = {
  userId: 'sanne',
  name: 'Sanne',
  memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
};
const coordinator: Member = {
  userId: 'carla',
  name: 'Carla',
  memberships: [
    {
      covenantId: 'lekstroom',
      partnerId: 'coordinator-vroeg-eropaf',
      roles: ['coordinator-vroeg-eropaf'],
      status: 'active',
    },
  ],
};

const HEADER =
  'bron_id;signaalpartner;signaalpartner_type;bedrag;ontstaansdatum;signaaldatum;crisissignaal;' +
  'herinnering_verstuurd_op;persoonlijk_contact_gezocht;gewezen_op_schuldhulp;' +
  'delen_aangeboden_zonder_bezwaar;naam;straat;huisnummer;toevoeging;postcode;woonplaats;telefoon';

/** A row of the file; dates well in the past, so the run's real clock does not matter. */
function row(sourceId: string, overrides: Partial<Record<string, string>> = {}): string {
  const cells: Record<string, string> = {
    bron_id: sourceId,
    signaalpartner: '',
    signaalpartner_type: 'Huur',
    bedrag: '712,50',
    ontstaansdatum: '01-10-2026',
    signaaldatum: '2026-11-20',
    crisissignaal: 'nee',
    herinnering_verstuurd_op: '2026-11-01',
    persoonlijk_contact_gezocht: 'ja',
    gewezen_op_schuldhulp: 'ja',
    delen_aangeboden_zonder_bezwaar: 'ja',
    naam: '"de Vries; J."',
    straat: 'Dukatenburg',
    huisnummer: '12',
    toevoeging: '',
    postcode: '3437 AB',
    woonplaats: 'Nieuwegein',
    telefoon: '06-12345678',
    ...overrides,
  };
  return HEADER.split(';')
    .map((c) => cells[c])
    .join(';');
}

const GOOD = [
  row('R-1'),
  row('R-2', { huisnummer: '14' }),
  row('R-3', { gewezen_op_schuldhulp: 'ja', crisissignaal: 'ja' }), // same household as R-1: joins
];
const BAD = [
  row('R-4', { postcode: '12345' }),
  row('R-5', { bedrag: 'twaalf' }),
  row('R-6', { ontstaansdatum: '2026-11-10' }),
  row('R-7', { persoonlijk_contact_gezocht: 'nee' }),
  row('R-8', { signaalpartner: 'vitens' }),
  row('R-9', { signaalpartner: 'viveste' }),
  row('R-1', { huisnummer: '20' }),
  row('', { huisnummer: '21' }),
  row('R-10', { signaaldatum: '2099-01-05', ontstaansdatum: '2098-11-01' }),
  row('R-11', { signaalpartner_type: 'Energie', huisnummer: '30' }),
  row('R-12', { naam: 'Jansen; P.', huisnummer: '31' }),
];

async function dataDir(members: Member[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-import-'));
  dirs.push(dir);
  const store = await openLowdbStore({ dataDir: join(dir, 'data') });
  for (const m of members) await store.members.put(m);
  await store.close();
  return dir;
}

function file(dir: string, name: string, lines: string[], bom = true): string {
  const path = join(dir, name);
  writeFileSync(path, (bom ? '\uFEFF' : '') + [HEADER, ...lines].join('\r\n') + '\r\n');
  return path;
}

function runImport(dir: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/import.ts', ...args], {
    env: { ...process.env, AANZET_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' },
    encoding: 'utf8',
  });
}

async function withStore<T>(dir: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openLowdbStore({ dataDir: join(dir, 'data') });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

describe('npm run import', () => {
  it('imports the good rows, says per refused row which column and why, and re-imports nothing', async () => {
    const dir = await dataDir([sanne]);
    const path = file(dir, 'signalen.csv', [...GOOD, ...BAD]);
    const first = runImport(dir, [path, '--as', 'sanne', '--covenant', 'lekstroom']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    expect(first.stdout.split('\n').filter(Boolean)).toEqual([
      'rij 5, kolom postcode: vul een postcode in als 1234 AB',
      'rij 6, kolom bedrag: vul een bedrag in euro in, bijvoorbeeld 712,50',
      // Outside the criteria is no refusal (DDAS): recorded and closed as not taken up.
      'rij 7: vastgelegd als Niet opgepakt: onterecht signaal (casus LEK-2026-0003): een signaal mag pas na 30 dagen achterstand (nu 10)',
      'rij 8, kolom persoonlijk_contact_gezocht: de corporatie moet eerst persoonlijk contact hebben gezocht',
      'rij 9, kolom signaalpartner: vitens is geen partner in dit convenant',
      'rij 10, kolom signaalpartner: je mag alleen signalen van je eigen organisatie importeren, niet van viveste',
      'rij 11, kolom bron_id: bron_id R-1 staat al eerder in dit bestand',
      'rij 12, kolom bron_id: vul dit veld in',
      'rij 13, kolom signaaldatum: de signaaldatum ligt in de toekomst',
      'rij 14: Mitros registreert geen signalen van het soort Energie.',
      'rij 15: deze rij heeft 19 cellen en de kopregel 18 kolommen; staat er een scheidingsteken in een cel zonder aanhalingstekens?',
      '14 rijen: 4 geïmporteerd (waarvan 1 bij een open casus van het huishouden, 1 als niet opgepakt), 0 al eerder geïmporteerd, 10 geweigerd.',
    ]);
    const afterFirst = await withStore(dir, async (store) => {
      const summaries = await store.cases.listSummaries({ covenantId: 'lekstroom' });
      const joinedCase = await store.cases.findBySource('lekstroom', 'mitros', 'R-3');
      expect(joinedCase).toBe(await store.cases.findBySource('lekstroom', 'mitros', 'R-1'));
      const record = (await store.cases.get(joinedCase!))!;
      expect(record.events.map((e) => e.type)).toContain('signal_joined');
      expect(record.personal?.name).toBe('de Vries; J.');
      const audit = await store.audit.list({ userId: 'sanne' });
      expect(audit.at(-1)?.detail).toBe(
        'import of "signalen.csv": 14 rows, 4 imported (1 joined an open case, 1 not taken up), 0 imported before, 10 refused',
      );
      return { cases: summaries.length, version: record.version };
    });
    expect(afterFirst.cases).toBe(3); // two households, and the signal recorded as not taken up

    // The same file again: nothing new; the good rows are named as imported before.
    const again = runImport(dir, [path, '--as', 'sanne', '--lang', 'en']);
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('row 2: imported before (case LEK-');
    expect(again.stdout).toContain('row 11, column bron_id: bron_id R-1 appears earlier in this file');
    expect(again.stdout).toContain(
      '14 rows: 0 imported (0 of them joined an open case of the household, 0 recorded as not taken up), 4 imported before, 10 refused.',
    );
    await withStore(dir, async (store) => {
      expect(await store.cases.listSummaries({ covenantId: 'lekstroom' })).toHaveLength(afterFirst.cases);
      const caseId = (await store.cases.findBySource('lekstroom', 'mitros', 'R-1'))!;
      expect((await store.cases.get(caseId))!.version).toBe(afterFirst.version);
    });

    // Only good rows, imported before: exit code 0.
    const good = runImport(dir, [file(dir, 'good.csv', GOOD, false), '--as', 'sanne']);
    expect(good.status).toBe(0);
  });

  it("takes the household size only with the tenant's consent, as the register card does", async () => {
    const dir = await dataDir([sanne]);
    const path = join(dir, 'met-huishouden.csv');
    const header = `${HEADER};volwassenen;toestemming_observaties`;
    writeFileSync(
      path,
      [header, `${row('H-1', { huisnummer: '40' })};2;nee`, `${row('H-2', { huisnummer: '41' })};2;ja`].join(
        '\n',
      ),
    );
    const run = runImport(dir, [path, '--as', 'sanne', '--covenant', 'lekstroom']);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^rij 2, kolom volwassenen: .*toestemming/);
    expect(lines.at(-1)).toContain('1 geïmporteerd');
    await withStore(dir, async (store) => {
      const caseId = (await store.cases.findBySource('lekstroom', 'mitros', 'H-2'))!;
      const first = (await store.cases.get(caseId))!.events[0]!;
      expect(first.type === 'signal_received' && first.signal.observation).toMatchObject({
        fields: ['adults'],
        consent: { tenantAgreed: true, recordedByPartnerId: 'mitros' },
      });
      expect(await store.cases.findBySource('lekstroom', 'mitros', 'H-1')).toBeUndefined();
    });
  });

  it('with --all-or-nothing stores nothing when one row is bad, and everything when all are good', async () => {
    const dir = await dataDir([sanne]);
    const bad = runImport(dir, [file(dir, 'a.csv', [...GOOD, BAD[1]!]), '--as', 'sanne', '--all-or-nothing']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(
      'Er is niets opgeslagen, omdat niet alle rijen goed zijn (--all-or-nothing).',
    );
    expect(await withStore(dir, (s) => s.cases.listSummaries({}))).toHaveLength(0);
    const dry = runImport(dir, [file(dir, 'b.csv', GOOD), '--as', 'sanne', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Proefrun: er is niets opgeslagen.');
    expect(await withStore(dir, (s) => s.cases.listSummaries({}))).toHaveLength(0);
    const good = runImport(dir, [file(dir, 'c.csv', GOOD), '--as', 'sanne', '--all-or-nothing']);
    expect(good.status).toBe(0);
    expect(await withStore(dir, (s) => s.cases.listSummaries({}))).toHaveLength(2);
  });

  it('lets the coordinator import for any signalling partner, from JSON with comma decimals or numbers', async () => {
    const dir = await dataDir([coordinator]);
    const signal = (sourceId: string, partner: string, houseNumber: number) => ({
      bron_id: sourceId,
      signaalpartner: partner,
      signaalpartner_type: 'Huur',
      bedrag: 712.5,
      ontstaansdatum: '2026-10-01',
      signaaldatum: '2026-11-20',
      warmeOverdracht: true,
      herinnering_verstuurd_op: '2026-11-01',
      persoonlijk_contact_gezocht: true,
      gewezen_op_schuldhulp: 'ja',
      delen_aangeboden_zonder_bezwaar: true,
      naam: 'P. Jansen',
      straat: 'Dukatenburg',
      huisnummer: houseNumber,
      postcode: '3437AB',
      woonplaats: 'Nieuwegein',
    });
    const path = join(dir, 'signalen.json');
    writeFileSync(
      path,
      JSON.stringify({ signalen: [signal('V-1', 'viveste', 1), signal('M-1', 'mitros', 2)] }),
    );
    const run = runImport(dir, [path, '--as', 'carla']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    await withStore(dir, async (store) => {
      const caseId = (await store.cases.findBySource('lekstroom', 'viveste', 'V-1'))!;
      const opening = (await store.cases.get(caseId))!.events[0]!;
      expect(opening).toMatchObject({
        type: 'signal_received',
        signal: { signallerPartnerId: 'viveste', sourceId: 'V-1', amountCents: 71250, warmHandover: true },
      });
    });
  });

  it('refuses a file it cannot read whole, and a wrong command line with exit code 2', async () => {
    const dir = await dataDir([sanne]);
    const typo = join(dir, 'typo.csv');
    writeFileSync(typo, HEADER.replace('telefoon', 'telefon') + '\n' + row('R-1') + '\n');
    const misspelt = runImport(dir, [typo, '--as', 'sanne']);
    expect(misspelt.status).toBe(1);
    expect(misspelt.stderr).toContain('onbekende kolommen: telefon');
    expect(runImport(dir, [join(dir, 'none.csv'), '--as', 'sanne']).stderr).toContain(
      'het bestand bestaat niet',
    );
    expect(runImport(dir, [typo, '--as', 'nobody']).stderr).toContain('nobody is niet bekend in AanZet');
    expect(runImport(dir, [typo]).status).toBe(2);
    expect(runImport(dir, [typo, '--as', 'sanne', '--lang', 'fr']).status).toBe(2);
    expect(runImport(dir, [typo, '--as', 'sanne', '--covenant', 'nergens']).status).toBe(2);
  });
});
