import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Casework } from '../casework/casework.js';
import { CONTACT_KINDS } from '../casework/case/types.js';
import { SIGNAL_PARTNER_TYPES } from '../casework/covenant/covenant.js';
import { FINAL_RESULT_CODES } from '../casework/covenant/final-results.js';
import type { Member } from '../casework/ports.js';
import { DDAS_SIGNAL_STATUSES, ddasFinalResult } from '../casework/reads/exports.js';
import { readCsv } from '../cli/csv.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { signalFor } from './helpers/casework-harness.js';

// `npm run report`: the real CLI in its own process on a lowdb file seeded through the commands.

/** DDAS v1.2 EnumEindresultaat, as the model spells it: what AanZet's labels are checked against. */
const DDAS_FINAL_RESULTS = [
  '(Budget)advies en/of quick fix',
  'Definitief geen contact kunnen krijgen',
  'Geen reactie na eerder contact',
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner heeft al een ander lopend traject',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  'Inwoner is overleden',
  'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  'Niet opgepakt: andere reden',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Persoon is geen inwoner (meer) in de gemeente',
  'Vervolghulp en/of verwijzing',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
  'Verwijzing zonder tussenkomst inwoner',
] as const;

const run = promisify(execFile);
const LEK = 'lekstroom';
const NAME = 'Zebedeüs Quistorp-Vondeling';
const PHONE = '06-98765432';
const STREET = 'Wolkenkrabberlaan';
const NOTE = 'Geheime notitie over schulden bij de buren';

let dir: string;

/** The DDAS v1.2 exchange model (json_schema_Uitwisselmodel.json) as exported: no client data. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ddasExchange = z.strictObject({
  startdatumLevering: isoDate,
  einddatumLevering: isoDate,
  aanleverdatumEnTijd: z.iso.datetime(),
  codeGegevensleverancier: z.string(),
  leveringen: z
    .array(
      z.strictObject({
        teller: z.number().int(),
        gemeentecode: z.string(),
        aanleverendeOrganisatie: z.strictObject({ naam: z.string() }),
        vroegsignalen: z.array(
          z.strictObject({
            ID: z.string(),
            crisissignaal: z.boolean(),
            warmeOverdracht: z.boolean(),
            bedrag: z.number().int(),
            ontstaansdatum: isoDate,
            signaaldatum: isoDate,
            status: z.enum(DDAS_SIGNAL_STATUSES),
            signaalpartner: z.strictObject({ type: z.enum(SIGNAL_PARTNER_TYPES) }),
          }),
        ),
        vroegsignaalzaken: z.array(
          z.strictObject({
            resultaat: z.enum(DDAS_FINAL_RESULTS).optional(),
            datumOpgepakt: isoDate.optional(),
            vroegsignalen: z.array(z.strictObject({ ID: z.string() })).min(1),
            contactpogingen: z.array(
              z.strictObject({
                soort: z.enum([...CONTACT_KINDS, 'Afspraak op locatie', 'Onbekend']),
                bereikt: z.boolean(),
                datum: isoDate,
                dagdeel: z.enum(['Ochtend', 'Middag', 'Avond']),
              }),
            ),
          }),
        ),
      }),
    )
    .min(1),
});

async function report(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(join('node_modules', '.bin', 'tsx'), ['cli/report.ts', ...args], {
      env: { ...process.env, AANZET_DATA_DIR: dir, DATABASE_URL: '' },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const PERIOD = ['--covenant', LEK, '--from', '2026-03-01', '--to', '2026-03-31'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aanzet-report-'));
  const store = await openLowdbStore({ dataDir: dir });
  let now = DateTime.fromISO('2026-03-09T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
  const casework = new Casework({ covenants: loadCovenants(), ...store, clock: () => now });
  const member = async (userId: string, partnerId: string, roles: string[] = []): Promise<Member> => {
    const m: Member = {
      userId,
      name: userId,
      memberships: [{ covenantId: LEK, partnerId, roles, status: 'active' }],
    };
    await store.members.put(m);
    return m;
  };
  const sanne = await member('sanne', 'mitros');
  const ahmed = await member('ahmed', 'wil');
  await member('carla', 'wil', ['coordinator-vroeg-eropaf']);

  const input = signalFor(LEK, { houseNumber: 7 });
  input.household = { ...input.household, name: NAME, phone: PHONE, street: STREET };
  const first = await casework.registerSignal(sanne, input);
  now = DateTime.fromISO('2026-03-12T14:00', { zone: 'Europe/Amsterdam' }).toJSDate();
  const visit = await casework.logContactAttempt(ahmed, first.caseId, first.loaded.record.version, {
    kind: 'Huisbezoek',
    reached: true,
    date: '2026-03-12',
    daypart: 'Middag',
  });
  await casework.logOutcome(ahmed, first.caseId, visit.record.version, { outcomeId: 'andere-afspraak' });

  const second = await casework.registerSignal(
    sanne,
    signalFor(LEK, { houseNumber: 8, signalDate: '2026-03-10' }),
  );
  await casework.addConfidentialNote(ahmed, second.caseId, second.loaded.record.version, { text: NOTE });
  await store.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run report', () => {
  it('writes the figures as CSV that Dutch Excel opens: BOM, ;, CRLF, decimal comma', async () => {
    const out = join(dir, 'figures.csv');
    const result = await report([...PERIOD, '--format', 'csv', '--as', 'carla', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const content = readFileSync(out, 'utf8');
    expect(content.startsWith('\uFEFF')).toBe(true);
    expect(content.split('\r\n').length).toBeGreaterThan(10);
    expect(content.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = readCsv(content);
    expect(rows[0]).toEqual(['Indeling', 'Groep', 'Cijfer', 'Aantal', 'Teller', 'Noemer', 'Aandeel (%)']);
    const row = (group: string, name: string) => rows.find((r) => r[0] === group && r[2] === name);
    expect(row('Convenant', 'Signalen ontvangen')?.[3]).toBe('2');
    expect(row('Convenant', 'Huisbezoeken')?.[3]).toBe('1');
    expect(row('Convenant', 'Positief resultaat')?.slice(4)).toEqual(['1', '1', '100']);
    expect(row('Convenant', 'Ontruimingen')?.[3]).toBe('niet vastgelegd');
    expect(row('Convenant', 'Eindresultaat: (Budget)advies en/of quick fix')?.[3]).toBe('1');
    // The covenant's name holds a `(` and `!` only; a name with `;` would be quoted (RFC 4180).
    expect(rows.every((r) => r.length === 7)).toBe(true);
  });

  it('writes the anonymous case list with dd-mm-jjjj dates and without personal data', async () => {
    const result = await report([...PERIOD, '--format', 'csv', '--cases', '--as', 'carla']);
    expect(result.code).toBe(0);
    const rows = readCsv(result.stdout);
    expect(rows[0]).toContain('Eindresultaat');
    expect(rows.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ['LEK-2026-0001', LEK, 'Gemeente Nieuwegein', 'Huur', '09-03-2026', '12-03-2026', '12-03-2026'],
      ['LEK-2026-0002', LEK, 'Gemeente Nieuwegein', 'Huur', '10-03-2026', '', ''],
    ]);
    expect(rows[1]!.slice(9)).toEqual(['(Budget)advies en/of quick fix', '12-03-2026']);
    for (const secret of [NAME, PHONE, STREET, NOTE, '3437']) expect(result.stdout).not.toContain(secret);
  });

  it('writes the cases as the DDAS exchange model, with its labels and without client data', async () => {
    const result = await report([...PERIOD, '--format', 'json', '--as', 'carla']);
    expect(result.code).toBe(0);
    const exchange = ddasExchange.parse(JSON.parse(result.stdout));
    expect(exchange.leveringen[0]!.vroegsignaalzaken[0]).toMatchObject({
      resultaat: '(Budget)advies en/of quick fix',
      datumOpgepakt: '2026-03-12',
      contactpogingen: [{ soort: 'Huisbezoek', bereikt: true, datum: '2026-03-12', dagdeel: 'Middag' }],
    });
    expect(exchange.leveringen[0]!.vroegsignalen.map((s) => s.status)).toEqual([
      'Opgepakt',
      'Nog niet opgepakt',
    ]);
    for (const secret of [NAME, PHONE, STREET, NOTE, '3437', 'burgerservicenummer', 'client'])
      expect(result.stdout).not.toContain(secret);
  });

  it('writes every export to the audit log: who, covenant, period, format', async () => {
    await report([...PERIOD, '--format', 'json', '--as', 'carla']);
    const store = await openLowdbStore({ dataDir: dir });
    const entries = await store.audit.list({ userId: 'carla' });
    await store.close();
    expect(entries.filter((e) => e.action === 'export').map((e) => e.detail)).toContain(
      'export lekstroom 2026-03-01..2026-03-31 json (2 cases)',
    );
  });

  it('refuses anyone but a coordinator, and audits the refusal', async () => {
    const result = await report([...PERIOD, '--format', 'csv', '--as', 'ahmed']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('refused: not allowed to export the figures');
    const unknown = await report([...PERIOD, '--format', 'csv', '--as', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no member with user id "nobody"');
    const store = await openLowdbStore({ dataDir: dir });
    const entries = await store.audit.list({ userId: 'ahmed' });
    await store.close();
    expect(entries.map((e) => e.detail)).toContain(
      'coordinator_only: export lekstroom 2026-03-01..2026-03-31 csv',
    );
  });

  it('says what is wrong with a bad period or format', async () => {
    const backwards = await report([
      '--covenant',
      LEK,
      '--from',
      '2026-03-31',
      '--to',
      '2026-03-01',
      '--format',
      'csv',
      '--as',
      'carla',
    ]);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('--from not after --to');
    const xml = await report([...PERIOD, '--format', 'xml', '--as', 'carla']);
    expect(xml.stderr).toContain('--format must be csv or json, not "xml"');
  });
});

describe('the DDAS labels', () => {
  it('names every final result with a string of the v1.2 model', () => {
    for (const code of FINAL_RESULT_CODES) expect(DDAS_FINAL_RESULTS, code).toContain(ddasFinalResult(code));
  });
});
