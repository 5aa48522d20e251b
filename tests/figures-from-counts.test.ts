import { describe, expect, it } from 'vitest';
import { createCalendar, toIsoDate } from '../casework/covenant/calendar.js';
import type { Covenant } from '../casework/covenant/covenant.js';
import type { CaseworkContext } from '../casework/context.js';
import type { CaseHistory } from '../casework/ports.js';
import { FigureCounter, figureFactsOf } from '../casework/reads/figure-facts.js';
import { countsForPeriod, figuresFromCounts } from '../casework/reads/figures-from-counts.js';
import { figuresOf, type Period } from '../casework/reads/figures.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { makeEvent } from './fixtures/case-records.js';
import { DAY_SPAN, dayAt, randomHistory, seededRandom, touching } from './fixtures/random-histories.js';

// The dashboard's figures from counters kept per day equal the reference, figuresOf over the
// histories touching the period (as the export counts them), for thousands of random histories
// and periods: one day, month edges, a year, before and after every case (a period's from is never
// after its to: casework/reads/period.ts refuses that).

const lekstroom = loadCovenants().find((c) => c.id === 'lekstroom')!;
/** The same covenant with an eviction outcome: evictions are counted instead of "not recorded". */
const withEvictions: Covenant = {
  ...lekstroom,
  steps: [
    ...lekstroom.steps,
    {
      ...lekstroom.steps[0]!,
      id: 'ontruiming',
      outcomes: [{ ...lekstroom.steps[0]!.outcomes[0]!, id: 'ontruimd' }],
    },
  ],
};
const calendar = createCalendar(lekstroom.calendar);
const ctx = { calendar: () => calendar } as unknown as CaseworkContext;
const shape = {
  covenantId: 'lekstroom',
  municipalities: ['gemeente-houten', 'gemeente-nieuwegein', 'gemeente-lopik'],
  partners: ['mitros', 'wil', 'gemeente-houten', 'portaal'],
};

function randomHistories(seed: number, count: number): CaseHistory[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) =>
    randomHistory(random, shape, `LEK-2026-${String(i + 1).padStart(5, '0')}`),
  );
}

function randomPeriods(seed: number): Period[] {
  const random = seededRandom(seed);
  const day = () => Math.floor(random() * (DAY_SPAN + 40)) - 20;
  const periods: Period[] = [
    { from: '2024-01-01', to: '2024-12-31' }, // before every case
    { from: '2028-01-01', to: '2028-03-31' }, // after every case
    { from: '2025-01-01', to: '2027-12-31' }, // all of them
    { from: '2026-03-01', to: '2026-03-31' }, // a month
    { from: '2026-02-28', to: '2026-03-01' }, // a month edge
    { from: '2026-01-01', to: '2026-12-31' }, // a year
  ];
  for (let i = 0; i < 30; i++) {
    const [a, b] = [day(), day()].sort((x, y) => x - y);
    periods.push({ from: dayAt(a!), to: dayAt(i % 5 === 0 ? a! : b!) });
  }
  return periods;
}

function counterOf(histories: CaseHistory[]): FigureCounter {
  const counter = new FigureCounter();
  for (const history of histories) counter.apply(history.summary.covenantId, figureFactsOf(history), 1);
  return counter;
}

async function fromCounts(covenant: Covenant, counter: FigureCounter, period: Period) {
  const counts = await countsForPeriod(async (query) => counter.counts(query), covenant.id, period);
  return figuresFromCounts(covenant, calendar, period, counts);
}

describe('figures from counters kept per day', () => {
  it('equal figuresOf over the histories touching the period, for random histories and periods', async () => {
    const histories = randomHistories(20261203, 2000);
    // The generator makes what the test is about.
    const events = histories.flatMap((h) => h.events);
    for (const type of ['signal_joined', 'closed', 'purged', 'outcome_logged'])
      expect(events.filter((e) => e.type === type).length).toBeGreaterThan(50);
    const counter = counterOf(histories);
    let compared = 0;
    for (const [i, period] of randomPeriods(7).entries()) {
      for (const covenant of i < 8 ? [lekstroom, withEvictions] : [lekstroom]) {
        const expected = figuresOf(
          ctx,
          covenant,
          touching(histories, period.from, period.to, toIsoDate),
          period,
        );
        const actual = await fromCounts(covenant, counter, period);
        expect(actual, `${period.from}..${period.to}`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('equal figuresOf on small stores, where each case decides a figure', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const histories = randomHistories(seed, 1 + (seed % 7));
      const counter = counterOf(histories);
      for (const period of randomPeriods(seed).slice(0, 10)) {
        const expected = figuresOf(
          ctx,
          lekstroom,
          touching(histories, period.from, period.to, toIsoDate),
          period,
        );
        expect(
          await fromCounts(lekstroom, counter, period),
          `seed ${seed} ${period.from}..${period.to}`,
        ).toEqual(expected);
      }
    }
  });

  it('a closing after an outcome stamped later (clocks apart) counts as the reference counts it', async () => {
    const [base] = randomHistories(3, 1);
    const received = base!.events.find((e) => e.type === 'signal_received') ?? base!.events[0]!;
    const history: CaseHistory = {
      summary: { ...base!.summary, signalDate: '2026-03-01', closedAt: '2026-03-10T10:00:00.000Z' },
      events: [
        { ...received, seq: 1 },
        makeEvent(
          2,
          { type: 'outcome_logged', stepId: 's', outcomeId: 'regeling', solutions: [] },
          '2026-03-12T10:00:00.000Z',
        ),
        makeEvent(3, { type: 'closed', finalResult: 'zelf-betaald-of-regeling' }, '2026-03-10T10:00:00.000Z'),
      ],
    };
    for (const period of [
      { from: '2026-03-10', to: '2026-03-12' },
      { from: '2026-03-10', to: '2026-03-11' },
      { from: '2026-03-01', to: '2026-03-31' },
    ]) {
      const expected = figuresOf(ctx, lekstroom, [history], period);
      const actual = await fromCounts(lekstroom, counterOf([history]), period);
      expect(actual.paidOrArrangementUnsplit).toBe(expected.paidOrArrangementUnsplit);
      expect(actual).toEqual(expected);
    }
  });

  it('a case taken away (its facts subtracted) leaves no counter behind', () => {
    const histories = randomHistories(99, 50);
    const counter = new FigureCounter();
    for (const history of histories) counter.apply('lekstroom', figureFactsOf(history), 1);
    for (const history of histories) counter.apply('lekstroom', figureFactsOf(history), -1);
    expect(counter.counts({ covenantId: 'lekstroom', from: '0000-01-01', to: '9999-12-31' })).toEqual([]);
  });

  it('facts are a function of the history alone (calendar-independent, same order every time)', () => {
    const [history] = randomHistories(5, 1);
    expect(figureFactsOf(structuredClone(history!))).toEqual(figureFactsOf(history!));
  });
});
