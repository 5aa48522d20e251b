import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactAttemptInput } from '../casework/commands/inputs.js';
import type { Member } from '../casework/ports.js';
import { monthsOf, type CovenantFigures } from '../casework/reads/figures.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';

// The figures per month (docs/figures.md) over a period across a year boundary, seeded through the
// real commands: each month counts by the totals' rules, so the months add up to the totals.

const LEK = 'lekstroom';
const PERIOD = { from: '2026-11-15', to: '2027-02-10' };

let h: Harness;
let signaller: Member;
let caseworker: Member;
let coordinator: Member;
let figures: CovenantFigures;
let houseNumber = 1;

async function signal(signalDate: string) {
  h.setNow(signalDate);
  const registered = await h.casework.registerSignal(
    signaller,
    signalFor(LEK, { signalDate, houseNumber: houseNumber++ }),
  );
  return { caseId: registered.caseId, version: registered.loaded.record.version };
}

async function contact(
  handle: { caseId: string; version: number },
  date: string,
  reached: boolean,
  kind: ContactAttemptInput['kind'] = 'Huisbezoek',
) {
  h.setNow(date);
  const after = await h.casework.logContactAttempt(caseworker, handle.caseId, handle.version, {
    kind,
    reached,
    date,
    daypart: 'Middag',
  });
  return { caseId: handle.caseId, version: after.record.version };
}

async function outcome(handle: { caseId: string; version: number }, date: string, outcomeId: string) {
  h.setNow(date);
  await h.casework.logOutcome(caseworker, handle.caseId, handle.version, { outcomeId });
}

beforeAll(async () => {
  h = await openHarness('2026-10-01');
  signaller = await h.member('sanne', LEK, 'mitros', [], 'Sanne Jansen');
  caseworker = await h.member('ahmed', LEK, 'wil', [], 'Ahmed El Amrani');
  coordinator = await h.member('coord', LEK, 'wil', ['coordinator-vroeg-eropaf'], 'Carla van Dalen');

  // Signalled before the period, first reached in it: reached in November, its signal not counted.
  await contact(await signal('2026-11-02'), '2026-11-16', true);
  // Signalled and reached in November, reached again in December: counted once, in November.
  let both = await signal('2026-11-20');
  both = await contact(both, '2026-11-23', false, 'Telefoon');
  both = await contact(both, '2026-11-24', true, 'Telefoon');
  both = await contact(both, '2026-12-02', true);
  await outcome(both, '2026-12-02', 'regeling');
  // Across the year boundary: signalled in December, reached and referred to debt help in January.
  const debtHelp = await contact(await signal('2026-12-28'), '2027-01-04', true);
  await outcome(debtHelp, '2027-01-04', 'schuldhulp');
  // February: a signal within the period and one after its last day.
  await signal('2027-02-09');
  await signal('2027-02-11');

  figures = await h.casework.figures(coordinator, LEK, PERIOD);
}, 60_000);
afterAll(async () => h.close());

describe('the figures per month', () => {
  it('has every month of the period, zeros included, across the year boundary', () => {
    expect(figures.perMonth).toEqual([
      { month: '2026-11', signals: 1, reached: 2, arrangement: 0, debtHelp: 0 },
      { month: '2026-12', signals: 1, reached: 0, arrangement: 1, debtHelp: 0 },
      { month: '2027-01', signals: 0, reached: 1, arrangement: 0, debtHelp: 1 },
      { month: '2027-02', signals: 1, reached: 0, arrangement: 0, debtHelp: 0 },
    ]);
  });

  it('adds up to the totals', () => {
    const sum = (key: 'signals' | 'reached' | 'arrangement' | 'debtHelp') =>
      figures.perMonth.reduce((total, month) => total + month[key], 0);
    expect(sum('signals')).toBe(figures.signalsReceived);
    expect(sum('reached')).toBe(figures.householdsReached);
    expect(sum('arrangement')).toBe(figures.paymentArrangements);
    expect(sum('debtHelp')).toBe(figures.referredToDebtHelp);
    expect([figures.signalsReceived, figures.householdsReached]).toEqual([3, 3]);
  });

  it('lists the months of any period, and none for a period that ends before it starts', () => {
    expect(monthsOf({ from: '2026-03-31', to: '2026-03-31' })).toEqual(['2026-03']);
    expect(monthsOf({ from: '2025-12-01', to: '2027-01-01' })).toHaveLength(14);
    expect(monthsOf({ from: '2026-12-01', to: '2027-02-28' })).toEqual(['2026-12', '2027-01', '2027-02']);
    expect(monthsOf({ from: '2026-04-01', to: '2026-03-31' })).toEqual([]);
  });
});
