import { describe, expect, type TestAPI } from 'vitest';
import type { CaseRecord } from '../casework/case/types.js';
import { VersionConflict, type FigureCount, type Store } from '../casework/ports.js';
import { FigureCounter, figureFactsOf, figureKeyString } from '../casework/reads/figure-facts.js';
import { makeEvent } from './fixtures/case-records.js';
import { randomHistory, seededRandom } from './fixtures/random-histories.js';

// Cases.figureCounts, part of the storage contract (called from storageContract for every
// engine): after every create, append and purge, the store's counters are the facts of the
// histories it holds, summed (casework/reads/figure-facts.ts).

const EVERY_DAY = { from: '0000-01-01', to: '9999-12-31' };
const shape = (covenantId: string) => ({
  covenantId,
  municipalities: ['gemeente-houten', 'gemeente-lopik'],
  partners: ['mitros', 'wil', 'portaal'],
});

/** Random cases of two covenants, each with a household of its own. */
function randomCases(seed: number, count: number): CaseRecord[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const covenantId = i % 4 === 3 ? 'other' : 'test';
    const id = `TST-2026-${String(i + 1).padStart(4, '0')}`;
    return { ...randomHistory(random, shape(covenantId), id), householdKey: `h-${id}` };
  });
}

/** The first `length` events of a record, renumbered as the version they lead to. */
function upTo(record: CaseRecord, length: number): CaseRecord {
  const events = record.events.slice(0, length);
  return {
    ...record,
    events,
    version: events.length,
    summary: { ...record.summary, version: events.length },
  };
}

const sorted = (counts: FigureCount[]) =>
  [...counts].sort((a, b) => figureKeyString(a).localeCompare(figureKeyString(b)));

/** What the counters must be: the facts of every stored history, summed. */
async function expectedCounts(store: Store, ids: string[], covenantId: string): Promise<FigureCount[]> {
  const counter = new FigureCounter();
  for (const id of ids) {
    const stored = await store.cases.get(id);
    if (stored) counter.apply(stored.covenantId, figureFactsOf(stored), 1);
  }
  return sorted(counter.counts({ covenantId, ...EVERY_DAY }));
}

async function countsOf(store: Store, covenantId: string): Promise<FigureCount[]> {
  return sorted(await store.cases.figureCounts({ covenantId, ...EVERY_DAY }));
}

export function figuresContract(it: TestAPI<{ store: Store }>): void {
  describe('figureCounts', () => {
    it('are the summed facts of the stored histories after creates, appends and purges', async ({
      store,
    }) => {
      const cases = randomCases(11, 14);
      const ids = cases.map((c) => c.id);
      // Created with their first event, the rest appended in two writes.
      for (const record of cases) await store.cases.create(upTo(record, Math.min(1, record.events.length)));
      expect(await countsOf(store, 'test')).toEqual(await expectedCounts(store, ids, 'test'));
      for (const record of cases) {
        const half = Math.ceil(record.events.length / 2);
        for (const length of [half, record.events.length]) {
          const stored = (await store.cases.get(record.id))!;
          if (length <= stored.version) continue;
          const next = upTo(record, length);
          await store.cases.append(
            record.id,
            stored.version,
            next.events.slice(stored.version),
            next.summary,
          );
        }
      }
      const all = await countsOf(store, 'test');
      expect(all.length).toBeGreaterThan(30);
      expect(all).toEqual(await expectedCounts(store, ids, 'test'));
      expect(await countsOf(store, 'other')).toEqual(await expectedCounts(store, ids, 'other'));
      // A purge changes the summary (the figures' groups) and ends the history.
      for (const record of cases.slice(0, 4)) {
        const stored = (await store.cases.get(record.id))!;
        await store.cases.purge(record.id, stored.version, {
          redacted: [],
          events: [makeEvent(stored.version + 1, { type: 'purged' }, '2027-06-01T10:00:00.000Z')],
          summary: {
            ...stored.summary,
            status: 'purged',
            version: stored.version + 1,
            municipalityId: 'gemeente-lopik',
            closedAt: stored.summary.closedAt ?? '2027-06-01T10:00:00.000Z',
          },
        });
      }
      expect(await countsOf(store, 'test')).toEqual(await expectedCounts(store, ids, 'test'));
    });

    it('only the period asked for, only the measures asked for, none with n = 0', async ({ store }) => {
      const cases = randomCases(12, 12);
      for (const record of cases) await store.cases.create(record);
      const expected = await expectedCounts(
        store,
        cases.map((c) => c.id),
        'test',
      );
      const march = sorted(
        await store.cases.figureCounts({ covenantId: 'test', from: '2026-03-01', to: '2026-03-31' }),
      );
      expect(march).toEqual(expected.filter((c) => c.day >= '2026-03-01' && c.day <= '2026-03-31'));
      const opened = sorted(
        await store.cases.figureCounts({ covenantId: 'test', ...EVERY_DAY, measures: ['opened', 'ended'] }),
      );
      expect(opened).toEqual(expected.filter((c) => c.measure === 'opened' || c.measure === 'ended'));
      expect(opened.length).toBeGreaterThan(0);
      expect(await store.cases.figureCounts({ covenantId: 'nobody', ...EVERY_DAY })).toEqual([]);
    });

    it('a refused append (VersionConflict) changes no counter', async ({ store }) => {
      const [record] = randomCases(13, 1).filter((c) => c.events.length > 0);
      const first = upTo(record!, 1);
      await store.cases.create(first);
      const before = await countsOf(store, 'test');
      const contact = makeEvent(2, {
        type: 'contact_attempt',
        kind: 'Huisbezoek',
        reached: true,
        date: '2026-04-02',
        daypart: 'Middag',
      });
      await expect(
        store.cases.append(record!.id, 7, [contact], { ...first.summary, version: 8 }),
      ).rejects.toBeInstanceOf(VersionConflict);
      expect(await countsOf(store, 'test')).toEqual(before);
      await store.cases.append(record!.id, 1, [contact], { ...first.summary, version: 2 });
      expect(await countsOf(store, 'test')).not.toEqual(before);
      expect(await countsOf(store, 'test')).toEqual(await expectedCounts(store, [record!.id], 'test'));
    });

    it('appends to different cases at once lose no count', async ({ store }) => {
      const cases = randomCases(14, 16).map((record) => upTo(record, 1));
      for (const record of cases) await store.cases.create(record);
      const contactsIn = (counts: FigureCount[]) =>
        counts.filter((c) => c.measure === 'contact').reduce((n, c) => n + c.n, 0);
      const before = contactsIn(await countsOf(store, 'test'));
      // Every case gets the same counters (same days, groups aside), all at the same moment.
      const contacts = (version: number) =>
        [0, 1, 2].map((i) =>
          makeEvent(version + 1 + i, {
            type: 'contact_attempt',
            kind: 'Huisbezoek',
            reached: true,
            date: `2026-04-0${i + 1}`,
            daypart: 'Middag',
          }),
        );
      await Promise.all(
        cases.map((record) =>
          store.cases.append(record.id, record.version, contacts(record.version), {
            ...record.summary,
            version: record.version + 3,
          }),
        ),
      );
      const counts = await countsOf(store, 'test');
      expect(contactsIn(counts)).toBe(before + 3 * cases.filter((c) => c.covenantId === 'test').length);
      expect(counts).toEqual(
        await expectedCounts(
          store,
          cases.map((c) => c.id),
          'test',
        ),
      );
    });
  });
}
