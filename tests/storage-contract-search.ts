import { describe, expect, type TestAPI } from 'vitest';
import type { CaseSummary } from '../casework/case/types.js';
import type { Store } from '../casework/ports.js';
import { closedEvent, closedSummary, makeCaseRecord } from './fixtures/case-records.js';

// Cases.searchSummaries, part of the storage contract (called from storageContract for every
// engine): the compose box's search on summaries and the household key, newest case id first.

async function seed(store: Store) {
  const records = [
    makeCaseRecord({
      id: 'LEK-2026-0001',
      covenantId: 'a',
      householdKey: '3431AB|12|',
      summary: { responsiblePartnerId: 'gemeente', participants: ['corporatie', 'gemeente'] },
    }),
    makeCaseRecord({
      id: 'LEK-2026-0002',
      covenantId: 'a',
      householdKey: '3431AB|14|A',
      summary: { responsiblePartnerId: 'ggd', participants: ['corporatie', 'gemeente', 'ggd'] },
    }),
    makeCaseRecord({
      id: 'LEK-2026-0010',
      covenantId: 'a',
      householdKey: '3432CD|1|',
      summary: { responsiblePartnerId: 'gemeente', participants: ['gemeente'] },
    }),
    makeCaseRecord({
      id: 'LEK-2025-0099',
      covenantId: 'a',
      householdKey: '3431AB|99|',
      summary: { responsiblePartnerId: 'gemeente', participants: ['gemeente'] },
    }),
    makeCaseRecord({
      id: 'DAL-2026-0001',
      covenantId: 'b',
      householdKey: '3431AB|12|',
      summary: { responsiblePartnerId: 'gemeente', participants: ['gemeente'] },
    }),
  ];
  for (const record of records) await store.cases.create(record);
  // Closed: nobody holds its step any more.
  await store.cases.append(
    'LEK-2025-0099',
    records[3]!.version,
    [closedEvent(records[3]!)],
    closedSummary(records[3]!),
  );
}

const ids = (summaries: CaseSummary[]) => summaries.map((s) => s.caseId);

export function searchContract(it: TestAPI<{ store: Store }>): void {
  describe('searchSummaries', () => {
    it('finds case ids containing the text in any case, in one covenant, newest id first', async ({
      store,
    }) => {
      await seed(store);
      expect(
        ids(await store.cases.searchSummaries({ covenantId: 'a', caseIdContains: 'lek-2026', limit: 10 })),
      ).toEqual(['LEK-2026-0010', 'LEK-2026-0002', 'LEK-2026-0001']);
      expect(
        ids(await store.cases.searchSummaries({ covenantId: 'a', caseIdContains: '0001', limit: 10 })),
      ).toEqual(['LEK-2026-0001']);
      expect(
        ids(await store.cases.searchSummaries({ covenantId: 'b', caseIdContains: '0001', limit: 10 })),
      ).toEqual(['DAL-2026-0001']);
    });

    it("takes LIKE's % and _ in the text as themselves", async ({ store }) => {
      await seed(store);
      for (const text of ['%', '_', 'LEK_2026', '\\'])
        expect(
          await store.cases.searchSummaries({ covenantId: 'a', caseIdContains: text, limit: 10 }),
        ).toEqual([]);
    });

    it('finds the cases whose current step a partner holds, and keeps to the participant', async ({
      store,
    }) => {
      await seed(store);
      expect(
        ids(
          await store.cases.searchSummaries({ covenantId: 'a', responsiblePartnerIds: ['ggd'], limit: 10 }),
        ),
      ).toEqual(['LEK-2026-0002']);
      expect(
        ids(
          await store.cases.searchSummaries({
            covenantId: 'a',
            participantPartnerId: 'corporatie',
            caseIdContains: 'LEK',
            limit: 10,
          }),
        ),
      ).toEqual(['LEK-2026-0002', 'LEK-2026-0001']);
    });

    it("finds a postcode only where the holder holds the open case's current step; without a holder, any case", async ({
      store,
    }) => {
      await seed(store);
      const postcode = (heldBy?: string) =>
        store.cases.searchSummaries({
          covenantId: 'a',
          postcode: { value: '3431AB', ...(heldBy ? { heldBy } : {}) },
          limit: 10,
        });
      expect(ids(await postcode())).toEqual(['LEK-2026-0002', 'LEK-2026-0001', 'LEK-2025-0099']);
      expect(ids(await postcode('gemeente'))).toEqual(['LEK-2026-0001']);
      expect(ids(await postcode('ggd'))).toEqual(['LEK-2026-0002']);
      expect(await postcode('corporatie')).toEqual([]);
    });

    it('matches any criterion given, stops at the limit, and finds nothing without a criterion', async ({
      store,
    }) => {
      await seed(store);
      const found = await store.cases.searchSummaries({
        covenantId: 'a',
        caseIdContains: '0010',
        responsiblePartnerIds: ['ggd'],
        postcode: { value: '3431AB', heldBy: 'gemeente' },
        limit: 10,
      });
      expect(ids(found)).toEqual(['LEK-2026-0010', 'LEK-2026-0002', 'LEK-2026-0001']);
      expect(
        ids(await store.cases.searchSummaries({ covenantId: 'a', caseIdContains: 'LEK', limit: 2 })),
      ).toEqual(['LEK-2026-0010', 'LEK-2026-0002']);
      expect(await store.cases.searchSummaries({ covenantId: 'a', limit: 10 })).toEqual([]);
      expect(await store.cases.searchSummaries({ covenantId: 'a', caseIdContains: 'LEK', limit: 0 })).toEqual(
        [],
      );
    });

    it("lists a partner's open steps soonest deadline first (none last), then case id", async ({ store }) => {
      await seed(store);
      await store.cases.create(
        makeCaseRecord({
          id: 'LEK-2026-0020',
          covenantId: 'a',
          householdKey: '3433EF|1|',
          summary: { responsiblePartnerId: 'gemeente', participants: ['gemeente'], deadline: '2026-03-12' },
        }),
      );
      await store.cases.create(
        makeCaseRecord({
          id: 'LEK-2026-0021',
          covenantId: 'a',
          householdKey: '3433EF|2|',
          summary: { responsiblePartnerId: 'gemeente', participants: ['gemeente'], deadline: null },
        }),
      );
      const soonest = (limit: number) =>
        store.cases.searchSummaries({ covenantId: 'a', openStepsOf: 'gemeente', order: 'soonest', limit });
      // The fixture's deadline is 2026-03-20; the closed case LEK-2025-0099 holds no step.
      expect(ids(await soonest(10))).toEqual([
        'LEK-2026-0020',
        'LEK-2026-0001',
        'LEK-2026-0010',
        'LEK-2026-0021',
      ]);
      expect(ids(await soonest(2))).toEqual(['LEK-2026-0020', 'LEK-2026-0001']);
      // Ties go by case id as Mijn taken sorts them, numbers as numbers (9999 before 10000).
      for (const id of ['LEK-2026-10000', 'LEK-2026-9999'])
        await store.cases.create(
          makeCaseRecord({
            id,
            covenantId: 'a',
            householdKey: `3433EF|${id}|`,
            summary: { responsiblePartnerId: 'gemeente', participants: ['gemeente'], deadline: '2026-03-12' },
          }),
        );
      expect(ids(await soonest(3))).toEqual(['LEK-2026-0020', 'LEK-2026-9999', 'LEK-2026-10000']);
      expect(
        await store.cases.searchSummaries({
          covenantId: 'b',
          openStepsOf: 'ggd',
          order: 'soonest',
          limit: 5,
        }),
      ).toEqual([]);
    });

    it('soonest first too: by id text in any case or by holder, a closed case by its id only', async ({
      store,
    }) => {
      await seed(store);
      const soonest = (criteria: { caseIdContains?: string; responsiblePartnerIds?: string[] }) =>
        store.cases
          .searchSummaries({ covenantId: 'a', order: 'soonest', limit: 10, ...criteria })
          .then((found) => ids(found).sort());
      expect(await soonest({ caseIdContains: '2025-0099' })).toEqual(['LEK-2025-0099']);
      expect(await soonest({ caseIdContains: 'lek-2025' })).toEqual(['LEK-2025-0099']);
      expect(await soonest({ caseIdContains: '0002', responsiblePartnerIds: ['gemeente'] })).toEqual([
        'LEK-2026-0001',
        'LEK-2026-0002',
        'LEK-2026-0010',
      ]);
      expect(await soonest({ caseIdContains: '7777' })).toEqual([]);
    });

    it('returns the summaries as stored, without the personal data', async ({ store }) => {
      await seed(store);
      const [found] = await store.cases.searchSummaries({ covenantId: 'b', caseIdContains: 'DAL', limit: 1 });
      expect(found).toEqual((await store.cases.getSummary('DAL-2026-0001'))!);
      expect(JSON.stringify(found)).not.toContain('3431');
    });
  });
}
