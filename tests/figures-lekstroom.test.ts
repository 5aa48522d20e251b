import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAllowed } from '../casework/errors.js';
import type { ContactAttemptInput } from '../casework/commands/inputs.js';
import type { Member } from '../casework/ports.js';
import type { CovenantFigures } from '../casework/reads/figures.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';

// The Lekstroom pilot (shared/seeds/001): 231 tenants visited at home, 118 payment arrangements,
// 21 signed up for debt counselling, 82% of the visits positive ("de huur werd betaald, een
// betalingsregeling getroffen of andere afspraken gemaakt"). Seeded as a year of histories through
// the real commands, the figures must give exactly those counts.

const LEK = 'lekstroom';
const MUNICIPALITIES = [
  'gemeente-nieuwegein',
  'gemeente-houten',
  'gemeente-ijsselstein',
  'gemeente-vianen',
  'gemeente-lopik',
];

/** How the 231 visits ended (outcome ids of the covenant's home-visit step), plus 5 unjustified signals. */
const VISITS: [outcomeId: string, count: number][] = [
  ['regeling', 118], // payment arrangement
  ['betaald', 25], // rent paid after all
  ['andere-afspraak', 15], // budget advice or quick fix
  ['schuldhulp', 21], // signed up for debt counselling
  ['wijkteam', 10], // more going on: the social team starts support
  ['geen-hulp', 22],
  ['al-bekend', 10],
  ['ander-traject', 10],
];
const UNJUSTIFIED = 5;
/** Visits preceded by a phone call that did not reach the tenant. */
const PHONED_FIRST = 40;

let h: Harness;
let coordinator: Member;
let year: CovenantFigures;

beforeAll(async () => {
  h = await openHarness('2026-01-05');
  const mitros = await h.member('sanne', LEK, 'mitros', [], 'Sanne Jansen');
  const viveste = await h.member('vera', LEK, 'viveste', [], 'Vera Viveste');
  const ahmed = await h.member('ahmed', LEK, 'wil', [], 'Ahmed El Amrani');
  coordinator = await h.member('coord', LEK, 'wil', ['coordinator-vroeg-eropaf'], 'Carla van Dalen');

  const plan = [...VISITS.flatMap(([outcome, count]) => Array<string>(count).fill(outcome))];
  let n = 0;
  const register = async () => {
    const signalDate = DateTime.fromISO('2026-01-05').plus({ days: n }).toISODate()!;
    h.setNow(signalDate);
    const registered = await h.casework.registerSignal(n % 2 === 0 ? mitros : viveste, {
      ...signalFor(LEK, { signalDate, houseNumber: n + 1, municipalityId: MUNICIPALITIES[n % 5] }),
    });
    n++;
    return { signalDate, caseId: registered.caseId, version: registered.loaded.record.version };
  };
  const attempt = (
    kind: ContactAttemptInput['kind'],
    reached: boolean,
    date: string,
  ): ContactAttemptInput => ({
    kind,
    reached,
    date,
    daypart: 'Middag',
  });

  for (const [index, outcomeId] of plan.entries()) {
    const { signalDate, caseId } = await register();
    let version = (await h.store.cases.getSummary(caseId))!.version;
    const visitDate = DateTime.fromISO(signalDate).plus({ days: 3 }).toISODate()!;
    h.setNow(visitDate);
    if (index < PHONED_FIRST) {
      const phoned = await h.casework.logContactAttempt(
        ahmed,
        caseId,
        version,
        attempt('Telefoon', false, signalDate),
      );
      version = phoned.record.version;
    }
    const visited = await h.casework.logContactAttempt(
      ahmed,
      caseId,
      version,
      attempt('Huisbezoek', true, visitDate),
    );
    const after = await h.casework.logOutcome(ahmed, caseId, visited.record.version, { outcomeId });
    if (outcomeId === 'wijkteam')
      await h.casework.logOutcome(coordinator, caseId, after.record.version, { outcomeId: 'begeleiding' });
  }
  for (let i = 0; i < UNJUSTIFIED; i++) {
    const { caseId, version } = await register();
    await h.casework.logOutcome(ahmed, caseId, version, { outcomeId: 'onterecht' });
  }
  // Next year's signal stays out of this year's figures.
  h.setNow('2027-01-11');
  await h.casework.registerSignal(mitros, signalFor(LEK, { signalDate: '2027-01-11', houseNumber: 999 }));

  year = await h.casework.figures(coordinator, LEK, { from: '2026-01-01', to: '2026-12-31' });
}, 120_000);
afterAll(async () => h.close());

describe('the Lekstroom pilot year as figures', () => {
  it('counts exactly the pilot: 231 home visits, 118 arrangements, 21 to debt help, 82% positive', () => {
    expect(year.homeVisits).toBe(231);
    expect(year.householdsVisited).toBe(231);
    expect(year.paymentArrangements).toBe(118);
    expect(year.referredToDebtHelp).toBe(21);
    expect(year.positive).toEqual({ numerator: 189, denominator: 231, share: 189 / 231 });
    expect(Math.round(year.positive.share! * 100)).toBe(82);
  });

  it('keeps paid apart from arrangements and counts the rest of the year', () => {
    expect(year).toMatchObject({
      signalsReceived: 236,
      signalsPerType: { Huur: 236 },
      contactAttempts: 231 + PHONED_FIRST,
      householdsReached: 231,
      closed: 236,
      paid: 25,
      paidOrArrangementUnsplit: 0,
      helpAccepted: 15 + 21 + 10,
      evictions: null,
      firstContacts: 231,
    });
    expect(year.perFinalResult).toMatchObject({
      'zelf-betaald-of-regeling': 143,
      'budgetadvies-quick-fix': 15,
      'vervolghulp-financieel': 21,
      'vervolghulp-niet-financieel': 10,
      'regelt-het-zelf': 22,
      'al-bekend-bij-schuldhulpverlening': 10,
      'ander-lopend-traject': 10,
      'niet-opgepakt-onterecht-signaal': UNJUSTIFIED,
    });
  });

  it('breaks the year down per municipality, signalling partner and signal type, adding up to the whole', () => {
    const sum = (groups: CovenantFigures['perMunicipality'], key: 'homeVisits' | 'signalsReceived') =>
      groups.reduce((total, g) => total + g.figures[key], 0);
    expect(year.perMunicipality.map((g) => g.id)).toEqual([...MUNICIPALITIES].sort());
    expect(sum(year.perMunicipality, 'homeVisits')).toBe(231);
    expect(year.perMunicipality.find((g) => g.id === 'gemeente-houten')!.figures.signalsReceived).toBe(47);
    expect(year.perSignaller.map((g) => [g.id, g.figures.signalsReceived])).toEqual([
      ['mitros', 118],
      ['viveste', 118],
    ]);
    expect(year.perSignalType.map((g) => [g.id, g.figures.homeVisits])).toEqual([['Huur', 231]]);
  });

  it('states the on-time share per partner with its numerator and denominator', () => {
    const wil = year.onTimePerPartner.find((p) => p.partnerId === 'wil')!;
    expect(wil.denominator).toBe(236);
    expect(wil.numerator).toBe(236);
    expect(year.medianWorkingDaysToFirstContact).not.toBeNull();
  });

  it('gives every month of the year, adding up to the year', () => {
    const sum = (key: 'signals' | 'reached' | 'arrangement' | 'debtHelp') =>
      year.perMonth.reduce((total, month) => total + month[key], 0);
    expect(year.perMonth.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    );
    expect([sum('signals'), sum('reached'), sum('arrangement'), sum('debtHelp')]).toEqual([
      236, 231, 118, 21,
    ]);
    expect(year.perMonth[0]!.signals).toBe(27); // 5 to 31 January, as the January figures
  });

  it('counts only the period asked for', async () => {
    const january = await h.casework.figures(coordinator, LEK, { from: '2026-01-01', to: '2026-01-31' });
    expect(january.signalsReceived).toBe(27); // 5 to 31 January
    const next = await h.casework.figures(coordinator, LEK, { from: '2027-01-01', to: '2027-12-31' });
    expect(next).toMatchObject({ signalsReceived: 1, homeVisits: 0, closed: 0, positive: { share: null } });
  });

  it('refuses the figures to anyone but the coordinator', async () => {
    const ahmed = (await h.store.members.get('ahmed'))!;
    await expect(h.casework.figures(ahmed, LEK, { from: '2026-01-01', to: '2026-12-31' })).rejects.toThrow(
      NotAllowed,
    );
  });
});
