import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../casework/case/types.js';
import type { FigureCount } from '../casework/ports.js';
import { FigureCounter, figureFactsOf, figureKeyString } from '../casework/reads/figure-facts.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { FIGURE_BUILD_SLICE, LowdbFigureCounts } from '../storage/lowdb/figure-counts.js';
import { randomHistory, seededRandom } from './fixtures/random-histories.js';
import { tempDirs } from './helpers/temp-dirs.js';

// lowdb counts its figures from every history the first time they are asked for: seconds of
// CPU at 100,000 cases. The count runs in slices, so other users' turns are served meanwhile,
// and a case written while it runs is counted as it is then, once.

const EVERY_DAY = { covenantId: 'test', from: '0000-01-01', to: '9999-12-31' };
const shape = { covenantId: 'test', municipalities: ['gemeente-houten'], partners: ['mitros', 'wil'] };
const tempDir = tempDirs('aanzet-figure-build-');

function randomCases(seed: number, count: number, from = 0): CaseRecord[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const id = `TST-2026-${String(from + i + 1).padStart(5, '0')}`;
    return { ...randomHistory(random, shape, id), householdKey: `h-${id}` };
  });
}

/** The first event only: a case that goes on later in the test. */
function started(record: CaseRecord): CaseRecord {
  return {
    ...record,
    events: record.events.slice(0, 1),
    version: 1,
    summary: { ...record.summary, version: 1 },
  };
}

const sorted = (counts: FigureCount[]) =>
  [...counts].sort((a, b) => figureKeyString(a).localeCompare(figureKeyString(b)));

function summed(records: Iterable<CaseRecord>): FigureCount[] {
  const counter = new FigureCounter();
  for (const record of records) counter.apply(record.covenantId, figureFactsOf(record), 1);
  return sorted(counter.counts(EVERY_DAY));
}

describe('the figure counters of lowdb, built in slices', () => {
  /** A store's cases as a map, and counters over it that count three cases a slice. */
  function countersOver(records: CaseRecord[], usable = () => undefined as void) {
    const stored = new Map(records.map((r) => [r.id, r]));
    const figures = new LowdbFigureCounts(
      () => [...stored.keys()],
      (id) => stored.get(id),
      usable,
      3,
    );
    /** A write as the store makes it: counted first, then stored. */
    const write = (record: CaseRecord) => {
      figures.add(record);
      stored.set(record.id, record);
    };
    return { stored, figures, write };
  }

  it('lets other work run between slices, and counts writes made meanwhile once, as they end', async () => {
    const cases = randomCases(7, 20);
    const { stored, figures, write } = countersOver([started(cases[0]!), ...cases.slice(1, 15).map(started)]);
    const between: string[] = [];
    const building = figures.ready().then(() => between.push('built'));
    setImmediate(() => between.push('other work'));
    // While the count runs: a case it has counted, one it has not reached, and a new one.
    write(cases[0]!);
    write(cases[12]!);
    write(cases[19]!);
    await building;
    expect(between).toEqual(['other work', 'built']);
    expect(sorted(figures.counts(EVERY_DAY))).toEqual(summed(stored.values()));
    expect(summed(stored.values())).not.toEqual(summed(cases.slice(0, 15).map(started)));
  });

  it('starts over after a count that could not finish, without counting anything twice', async () => {
    const cases = randomCases(11, 12);
    let refuse = false;
    const { stored, figures } = countersOver(cases, () => {
      if (refuse) throw new Error('the store is closed');
    });
    const first = figures.ready();
    refuse = true; // from the second slice on
    await expect(first).rejects.toThrow('the store is closed');
    refuse = false;
    await figures.ready();
    expect(sorted(figures.counts(EVERY_DAY))).toEqual(summed(stored.values()));
  });

  it('on the store: a read asked for while the first figures are counted is answered before them', async () => {
    const dataDir = tempDir();
    const store = await openLowdbStore({ dataDir });
    try {
      const cases = randomCases(3, FIGURE_BUILD_SLICE * 4);
      await Promise.all(cases.map((record) => store.cases.create(record)));
      const answered: string[] = [];
      const figures = store.cases.figureCounts(EVERY_DAY).then((counts) => {
        answered.push('figures');
        return counts;
      });
      // Another user's turn, a moment later: it does not wait for the whole count.
      await new Promise((resolve) => setImmediate(resolve));
      await store.cases.getSummary(cases[0]!.id);
      answered.push('case');
      const counts = await figures;
      expect(answered).toEqual(['case', 'figures']);
      expect(sorted(counts)).toEqual(summed(cases));
    } finally {
      await store.close();
    }
  });
});
