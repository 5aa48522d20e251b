import { describe, expect, type TestAPI } from 'vitest';
import type { CaseSummary } from '../casework/case/types.js';
import type { OpenStepsQuery, Store, SummariesPage } from '../casework/ports.js';
import { closedEvent, closedSummary, makeCaseRecord } from './fixtures/case-records.js';

// Cases.openStepsPage, part of the storage contract (called from storageContract for every
// engine): Mijn taken's filters, order and paging done by the store, the same on each engine.

type Fields = Pick<CaseSummary, 'responsiblePartnerId' | 'deadline' | 'stepId' | 'flags' | 'participants'>;

/** Open cases of covenant a (and two of b), and a closed one that is never listed. */
async function seed(store: Store): Promise<Record<string, CaseSummary>> {
  const cases: [string, string, Fields][] = [
    ['LEK-2026-0010', 'a', open('gemeente', '2026-03-12', 'contact', ['crisis'], ['corporatie', 'gemeente'])],
    [
      'LEK-2026-0009',
      'a',
      open('ggd', '2026-03-12', 'visit', ['children', 'crisis'], ['corporatie', 'gemeente', 'ggd']),
    ],
    ['LEK-2026-10000', 'a', open('gemeente', '2026-03-20', 'contact', [], ['gemeente'])],
    ['LEK-2026-0002', 'a', open(null, null, null, [], ['gemeente'])],
    ['LEK-2026-9999', 'a', open('gemeente', '2026-03-20', 'visit', ['children'], ['corporatie', 'gemeente'])],
    ['LEK-2026-0001', 'a', open('gemeente', '2026-03-01', 'contact', ['crisis'], ['gemeente'])],
    ['DAL-2026-0003', 'b', open('gemeente', '2026-03-01', 'contact', ['crisis'], ['gemeente'])],
    ['DAL-2026-0004', 'b', open('corporatie', '2026-03-25', 'contact', [], ['corporatie'])],
  ];
  const stored: Record<string, CaseSummary> = {};
  for (const [id, covenantId, fields] of cases) {
    const record = makeCaseRecord({ id, covenantId, householdKey: id, summary: fields });
    await store.cases.create(record);
    stored[id] = record.summary;
  }
  const closing = (await store.cases.get('LEK-2026-0001'))!;
  await store.cases.append(closing.id, closing.version, [closedEvent(closing)], closedSummary(closing));
  return stored;
}

function open(
  responsiblePartnerId: string | null,
  deadline: string | null,
  stepId: string | null,
  flags: CaseSummary['flags'],
  participants: string[],
): Fields {
  return { responsiblePartnerId, deadline, stepId, flags, participants };
}

const A = { covenantId: 'a' };
const A_GEMEENTE = { covenantId: 'a', partnerId: 'gemeente' };
const B_GEMEENTE = { covenantId: 'b', partnerId: 'gemeente' };

async function page(store: Store, query: Partial<OpenStepsQuery>): Promise<SummariesPage> {
  return store.cases.openStepsPage({
    scope: A,
    sort: { by: 'deadline' },
    order: 'asc',
    offset: 0,
    limit: 50,
    ...query,
  });
}

/** The ids of a page, covenant a's without their prefix. */
async function ids(store: Store, query: Partial<OpenStepsQuery>): Promise<string[]> {
  return (await page(store, query)).summaries.map((s) => s.caseId.replace(/^LEK-2026-/, ''));
}

export function openStepsContract(it: TestAPI<{ store: Store }>): void {
  describe('openStepsPage', () => {
    it('lists the open steps partners hold, over several covenants, as stored', async ({ store }) => {
      const stored = await seed(store);
      const mine = await page(store, { scope: { responsible: [A_GEMEENTE] } });
      expect(mine).toEqual({
        total: 3,
        summaries: ['LEK-2026-0010', 'LEK-2026-9999', 'LEK-2026-10000'].map((id) => stored[id]),
      });
      expect(await ids(store, { scope: { responsible: [A_GEMEENTE, B_GEMEENTE] } })).toEqual([
        'DAL-2026-0003',
        '0010',
        '9999',
        '10000',
      ]);
      expect(await page(store, { scope: { responsible: [] } })).toEqual({ total: 0, summaries: [] });
      expect(await ids(store, { scope: { responsible: [{ covenantId: 'b', partnerId: 'ggd' }] } })).toEqual(
        [],
      );
    });

    it("lists a covenant's open steps, all or those a partner takes part in", async ({ store }) => {
      await seed(store);
      expect(await ids(store, { scope: A })).toEqual(['0009', '0010', '9999', '10000', '0002']);
      expect(await ids(store, { scope: { covenantId: 'a', participantPartnerId: 'ggd' } })).toEqual(['0009']);
      expect(await ids(store, { scope: { covenantId: 'a', participantPartnerId: 'corporatie' } })).toEqual([
        '0009',
        '0010',
        '9999',
      ]);
      expect(await ids(store, { scope: { covenantId: 'b', participantPartnerId: 'ggd' } })).toEqual([]);
    });

    it('filters on lateness, flags, the responsible partner and part of the case id, together', async ({
      store,
    }) => {
      await seed(store);
      expect(await ids(store, { deadlineBefore: '2026-03-20' })).toEqual(['0009', '0010']);
      expect(await ids(store, { deadlineBefore: '2026-03-21' })).toEqual(['0009', '0010', '9999', '10000']);
      expect(await ids(store, { flags: ['crisis'] })).toEqual(['0009', '0010']);
      expect(await ids(store, { flags: ['children'] })).toEqual(['0009', '9999']);
      expect(await ids(store, { flags: ['children', 'crisis'] })).toEqual(['0009']);
      expect(await ids(store, { flags: [] })).toHaveLength(5);
      expect(await ids(store, { responsiblePartnerId: 'ggd' })).toEqual(['0009']);
      expect(await ids(store, { responsiblePartnerId: 'gemeente', flags: ['crisis'] })).toEqual(['0010']);
      expect(await ids(store, { caseIdContains: 'lek-2026-000' })).toEqual(['0009', '0002']);
      expect(await ids(store, { caseIdContains: 'Lek-2026-99' })).toEqual(['9999']);
      expect(await ids(store, { caseIdContains: '10000' })).toEqual(['10000']);
      expect(await ids(store, { caseIdContains: '%' })).toEqual([]);
      expect(await ids(store, { caseIdContains: '_' })).toEqual([]);
      expect(
        await ids(store, {
          scope: { responsible: [A_GEMEENTE, B_GEMEENTE] },
          deadlineBefore: '2026-03-13',
          flags: ['crisis'],
          caseIdContains: '-00',
        }),
      ).toEqual(['DAL-2026-0003', '0010']);
    });

    it('sorts by deadline or case id either way, numbers as numbers, a missing value last', async ({
      store,
    }) => {
      await seed(store);
      expect(await ids(store, { order: 'desc' })).toEqual(['9999', '10000', '0009', '0010', '0002']);
      expect(await ids(store, { sort: { by: 'caseId' } })).toEqual(['0002', '0009', '0010', '9999', '10000']);
      expect(await ids(store, { sort: { by: 'caseId' }, order: 'desc' })).toEqual([
        '10000',
        '9999',
        '0010',
        '0009',
        '0002',
      ]);
      expect(
        await ids(store, { scope: { responsible: [A_GEMEENTE, B_GEMEENTE] }, sort: { by: 'caseId' } }),
      ).toEqual(['DAL-2026-0003', '0010', '9999', '10000']);
    });

    it('sorts by the ranks given for partners and steps, per covenant; no rank is missing', async ({
      store,
    }) => {
      await seed(store);
      const partner = (ranks: Record<string, Record<string, number>>) => ({ by: 'partner' as const, ranks });
      expect(await ids(store, { sort: partner({ a: { ggd: 0, gemeente: 1 } }) })).toEqual([
        '0009',
        '0010',
        '9999',
        '10000',
        '0002',
      ]);
      expect(await ids(store, { sort: partner({ a: { ggd: 0, gemeente: 1 } }), order: 'desc' })).toEqual([
        '0010',
        '9999',
        '10000',
        '0009',
        '0002',
      ]);
      // Equal names, equal ranks: by case id, whichever way.
      for (const order of ['asc', 'desc'] as const)
        expect(await ids(store, { sort: partner({ a: { ggd: 0, gemeente: 0 } }), order })).toEqual([
          '0009',
          '0010',
          '9999',
          '10000',
          '0002',
        ]);
      for (const order of ['asc', 'desc'] as const)
        expect(await ids(store, { sort: partner({ a: { ggd: 0 }, b: { gemeente: 1 } }), order })).toEqual([
          '0009',
          '0002',
          '0010',
          '9999',
          '10000',
        ]);
      expect(
        await ids(store, {
          scope: { responsible: [A_GEMEENTE, B_GEMEENTE] },
          sort: partner({ a: { gemeente: 1 }, b: { gemeente: 0 } }),
          order: 'desc',
        }),
      ).toEqual(['0010', '9999', '10000', 'DAL-2026-0003']);

      const step = { by: 'step' as const, ranks: { a: { visit: 0, contact: 1 } } };
      expect(await ids(store, { sort: step })).toEqual(['0009', '9999', '0010', '10000', '0002']);
      expect(await ids(store, { sort: step, order: 'desc' })).toEqual([
        '0010',
        '10000',
        '0009',
        '9999',
        '0002',
      ]);
    });

    it('pages with offset and limit, the total counting every match', async ({ store }) => {
      await seed(store);
      expect(await page(store, { offset: 2, limit: 2 })).toMatchObject({
        total: 5,
        summaries: [{ caseId: 'LEK-2026-9999' }, { caseId: 'LEK-2026-10000' }],
      });
      expect(await ids(store, { offset: 4, limit: 2 })).toEqual(['0002']);
      expect(await page(store, { offset: 10, limit: 2 })).toEqual({ total: 5, summaries: [] });
      expect(
        await page(store, { flags: ['crisis'], sort: { by: 'caseId' }, offset: 1, limit: 1 }),
      ).toMatchObject({ total: 2, summaries: [{ caseId: 'LEK-2026-0010' }] });
    });
  });
}
