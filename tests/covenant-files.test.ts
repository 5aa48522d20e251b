import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CovenantError } from '../casework/covenant/check.js';
import { findStep, type Covenant } from '../casework/covenant/covenant.js';
import { DEFAULT_COVENANT_DIR, loadCovenants, readCovenantFile } from '../storage/covenant-files.js';

const covenants = loadCovenants();
const byId = (id: string): Covenant => {
  const found = covenants.find((c) => c.id === id);
  if (!found) throw new Error(`no covenant ${id}`);
  return found;
};
const partnerOf = (covenant: Covenant, name: string) => covenant.partners.find((p) => p.name === name);

describe('the covenant files', () => {
  it('load together: the national model and the five seed covenants, each with its own case prefix', () => {
    expect(covenants.map((c) => [c.id, c.case_prefix])).toEqual([
      ['dalfsen', 'DAL'],
      ['de-fryske-marren', 'DFM'],
      ['kaag-en-braassem-nieuwkoop', 'KBN'],
      ['lekstroom', 'LEK'],
      ['national', 'NAT'],
      ['sittard-geleen', 'SIT'],
    ]);
  });

  it('let every housing corporation send rent signals', () => {
    for (const covenant of covenants) {
      const corporations = covenant.partners.filter((p) => p.kind === 'woningcorporatie');
      expect(corporations.length, covenant.id).toBeGreaterThan(0);
      for (const corporation of corporations) expect(corporation.signals, corporation.id).toContain('Huur');
    }
  });

  it('Dalfsen: the corporation contacts first, then Stichting De Kern visits, with municipal and GGD steps', () => {
    const dalfsen = byId('dalfsen');
    expect(findStep(dalfsen, dalfsen.first_step).responsible).toEqual({ signaller: true });
    const visit = findStep(dalfsen, 'huisbezoek-de-kern');
    expect(visit.name).toBe('Huisbezoek door Stichting De Kern');
    expect(visit.responsible).toEqual({ partner: 'stichting-de-kern' });
    expect(visit.rule).toMatch(/^Stichting De Kern legt .* huisbezoek af/);
    expect(
      dalfsen.steps.some((s) => 'partner' in s.responsible && s.responsible.partner === 'ggd-ijsselland'),
    ).toBe(true);
    expect(findStep(dalfsen, 'hulp-gemeente').responsible).toEqual({ role: 'consulent-schuldhulp' });
    for (const step of dalfsen.steps) expect(step.escalation?.to, step.id).toEqual({ role: 'regisseur' });
  });

  it('Lekstroom: the joint home visit is WIL’s, due 10 working days after the signal', () => {
    const lekstroom = byId('lekstroom');
    const visit = findStep(lekstroom, lekstroom.first_step);
    expect(visit.name).toBe('Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(visit.responsible).toEqual({ partner: 'wil' });
    expect(partnerOf(lekstroom, 'WIL — Werk en Inkomen Lekstroom')?.kind).toBe('schuldhulpverlening');
    expect(visit.deadline).toEqual({ days: 10, unit: 'working_days', from: 'signal' });
    expect(visit.rule).toContain(
      'Vroeg Eropaf!: bij een betalingsachterstand van ongeveer een maand gaan medewerkers van de corporatie en WIL samen op huisbezoek',
    );
    const closes = Object.fromEntries(visit.outcomes.map((o) => [o.label, o.close ?? o.next]));
    expect(closes).toMatchObject({
      'Betalingsregeling getroffen': 'zelf-betaald-of-regeling',
      'Aangemeld voor schuldhulpverlening bij WIL': 'vervolghulp-financieel',
      'Herhaaldelijk niet thuis of niet bereikt': 'geen-contact',
    });
    expect(lekstroom.partners.filter((p) => p.kind === 'woningcorporatie')).toHaveLength(6);
    expect(lekstroom.partners.filter((p) => p.kind === 'gemeente')).toHaveLength(5);
  });

  it('De Fryske Marren: several arrears route to the regisseur’s step with the five agreed solutions', () => {
    const dfm = byId('de-fryske-marren');
    const rule = dfm.special_rules.find((r) => r.when === 'multiple_arrears');
    expect(rule?.route_to).toBe('regie-meervoudige-achterstanden');
    const regie = findStep(dfm, 'regie-meervoudige-achterstanden');
    expect(regie.responsible).toEqual({ role: dfm.coordinator_role });
    expect(dfm.roles.find((r) => r.id === dfm.coordinator_role)?.holder).toEqual({
      partner: 'gemeente-de-fryske-marren',
    });
    expect(regie.solutions).toEqual([
      'andere incassodatum',
      'tijdelijke huurverlaging',
      'verhuizen naar een andere woning',
      'budgetcoaching',
      'bijzondere bijstand',
    ]);
    expect(dfm.first_step).not.toBe('regie-meervoudige-achterstanden');
    const signals = dfm.partners.flatMap((p) => p.signals);
    expect(signals).toEqual(expect.arrayContaining(['Huur', 'Energie', 'Water', 'Zorg']));
    expect(dfm.partners.some((p) => p.kind === 'huurdersorganisatie')).toBe(true);
  });

  it('Kaag en Braassem + Nieuwkoop: a welfare concern brings in the network of GGD, maatschappelijk werk and politie', () => {
    const kbn = byId('kaag-en-braassem-nieuwkoop');
    expect(kbn.partners.filter((p) => p.kind === 'gemeente')).toHaveLength(2);
    expect(kbn.roles.find((r) => r.id === kbn.coordinator_role)?.holder).toEqual({
      household_municipality: true,
    });
    const rule = kbn.special_rules.find((r) => r.when === 'welfare_concern');
    const network = findStep(kbn, rule?.route_to ?? '');
    expect(network.name).toBe('Casusoverleg netwerk');
    expect(network.responsible).toEqual({ role: kbn.coordinator_role });
    const kinds = network.with.map((id) => kbn.partners.find((p) => p.id === id)?.kind);
    expect(kinds).toEqual(['ggd', 'welzijn', 'politie']);
    expect(partnerOf(kbn, 'Woondiensten Aarwoude')?.signals).toEqual(['Huur']);
  });

  it('Sittard-Geleen: families with children go on the monthly agenda and a crisis shortens the first step to 3 working days', () => {
    const sit = byId('sittard-geleen');
    expect(sit.casuistry_meeting).toEqual({
      weekday: 'tuesday',
      week_of_month: 'first',
      agenda_lead_working_days: 2,
    });
    const children = sit.special_rules.find((r) => r.when === 'children');
    expect(children).toMatchObject({ label: 'gezin met kinderen', agenda: true });
    const crisis = sit.special_rules.find((r) => r.when === 'crisis');
    expect(crisis?.deadline).toEqual({ days: 3, unit: 'working_days', from: 'signal' });
    expect(crisis?.steps).toEqual([sit.first_step]);
    expect(sit.partners.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Partners in Welzijn', 'Kredietbank Limburg', 'ZOwonen', 'Wonen Limburg']),
    );
  });
});

describe('a broken covenant file is refused, naming the file and the place in it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-covenants-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lekstroom = readFileSync(join(DEFAULT_COVENANT_DIR, 'lekstroom.yaml'), 'utf8');

  /** Writes an edited copy of the Lekstroom covenant and returns the error reading it. */
  function refusal(name: string, edit: (text: string) => string): CovenantError {
    const edited = edit(lekstroom);
    expect(edited, 'the edit changed nothing').not.toBe(lekstroom);
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, edited);
    try {
      readCovenantFile(file);
    } catch (error) {
      expect(error).toBeInstanceOf(CovenantError);
      const refused = error as CovenantError;
      expect(refused.file).toBe(file);
      expect(refused.message.startsWith(`${file}: `)).toBe(true);
      return refused;
    }
    throw new Error(`${file} was accepted`);
  }
  const problem = (error: CovenantError, path: string | RegExp) =>
    error.problems.find((p) => (typeof path === 'string' ? p.path === path : path.test(p.path)));
  const wijkteamStep = (text: string) => text.indexOf('  - id: hulp-sociaal-wijkteam');

  it('bad YAML syntax is refused with its line', () => {
    const error = refusal('bad-yaml', (t) =>
      t.replace('first_step: gezamenlijk-huisbezoek', 'first_step: [gezamenlijk'),
    );
    expect(error.problems[0]?.path).toMatch(/^line \d+$/);
    expect(error.problems[0]?.reason).toMatch(/not valid YAML/);
  });

  it('an outcome that leads to an unknown step is refused', () => {
    const error = refusal('unknown-step', (t) => t.replace('next: hulp-sociaal-wijkteam', 'next: wijkteam'));
    expect(problem(error, 'steps[0].outcomes[4].next')?.reason).toBe('unknown step "wijkteam"');
  });

  it('a step that no outcome leads to is refused as unreachable', () => {
    const error = refusal('unreachable', (t) =>
      t.replace('next: hulp-sociaal-wijkteam', 'close: vervolghulp-niet-financieel'),
    );
    expect(problem(error, 'steps[1]')?.reason).toMatch(/"hulp-sociaal-wijkteam" can never be reached/);
  });

  it('a step whose responsible partner does not exist is refused as having no owner', () => {
    const error = refusal('no-owner', (t) =>
      t.replace('responsible: { partner: wil }', 'responsible: { partner: wil-lekstroom }'),
    );
    expect(problem(error, 'steps[0].responsible')?.reason).toBe(
      'unknown partner "wil-lekstroom": the step has no owner',
    );
  });

  it('an outcome with both a next step and a final result is refused', () => {
    const error = refusal('next-and-close', (t) =>
      t.replace('next: hulp-sociaal-wijkteam', 'next: hulp-sociaal-wijkteam\n        close: geen-contact'),
    );
    expect(problem(error, 'steps[0].outcomes[4]')?.reason).toMatch(/exactly one of "next".*or "close"/);
  });

  it('a loop that never ends in a final result is refused', () => {
    const error = refusal('loop', (t) => {
      const start = wijkteamStep(t);
      const end = t.indexOf('special_rules:');
      const looped = t.slice(start, end).replace(/close: [a-z-]+/g, 'next: hulp-sociaal-wijkteam');
      return t.slice(0, start) + looped + t.slice(end);
    });
    expect(problem(error, 'steps[1]')?.reason).toMatch(
      /from step "hulp-sociaal-wijkteam" no path ends in a national final result/,
    );
    expect(problem(error, 'steps[0]')).toBeUndefined();
  });
});
