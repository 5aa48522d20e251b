import { describe, expect, type TestAPI } from 'vitest';
import type { CaseRecord } from '../casework/case/types.js';
import type { CaseHistory, HistoryQuery, Store } from '../casework/ports.js';
import { closedEvent, closedSummary, makeCaseRecord, makeEvent } from './fixtures/case-records.js';

// Cases.listHistories, part of the storage contract (called from storageContract for every
// engine): a covenant's histories that may touch a period, in id order, a page at a time.

/** A case of covenant `covenantId` signalled on `signalDate`. */
function signalled(id: string, signalDate: string, covenantId = 'test'): CaseRecord {
  return makeCaseRecord({ id, covenantId, householdKey: `h-${id}`, summary: { signalDate } });
}

async function closedOn(store: Store, record: CaseRecord, closedAt: string): Promise<CaseRecord> {
  return store.cases.append(
    record.id,
    record.version,
    [closedEvent(record, closedAt)],
    closedSummary(record, closedAt),
  );
}

const MARCH = { covenantId: 'test', from: '2026-03-01', to: '2026-03-31', limit: 100 } satisfies HistoryQuery;
const ids = (histories: CaseHistory[]) => histories.map((h) => h.summary.caseId);

export function historiesContract(it: TestAPI<{ store: Store }>): void {
  describe('listHistories', () => {
    it('holds the cases signalled by the end of the period and not closed (Amsterdam day) before its start', async ({
      store,
    }) => {
      const cases = [
        signalled('TST-2026-0001', '2026-02-10'), // open since February: touches March
        signalled('TST-2026-0002', '2026-03-31'), // signalled on the last day
        signalled('TST-2026-0003', '2026-04-01'), // signalled after: no
        signalled('TST-2026-0004', '2026-02-01'), // closed 28 Feb 23:59:59 Amsterdam: no
        signalled('TST-2026-0005', '2026-02-01'), // closed 1 March 00:30 Amsterdam (23:30 UTC): yes
        signalled('TST-2026-0006', '2026-03-02'), // closed in April: yes
        signalled('OTH-2026-0001', '2026-03-05', 'other'), // another covenant: no
      ];
      for (const record of cases) await store.cases.create(record);
      await closedOn(store, cases[3]!, '2026-02-28T22:59:59.000Z');
      await closedOn(store, cases[4]!, '2026-02-28T23:30:00.000Z');
      await closedOn(store, cases[5]!, '2026-04-02T10:00:00.000Z');

      const found = await store.cases.listHistories(MARCH);
      expect(ids(found)).toEqual(['TST-2026-0001', 'TST-2026-0002', 'TST-2026-0005', 'TST-2026-0006']);
      // Each history is the summary and the events as stored, the events in order.
      for (const history of found) {
        const record = (await store.cases.get(history.summary.caseId))!;
        expect(history).toEqual({ summary: record.summary, events: record.events });
      }
      expect(found[2]!.events.map((e) => e.type)).toEqual(['signal_received', 'step_started', 'closed']);
      // A one-day period on the edge: the case closed early on 1 March still counts, the one of 28 February not.
      expect(
        ids(await store.cases.listHistories({ ...MARCH, from: '2026-03-01', to: '2026-03-01' })),
      ).toEqual(['TST-2026-0001', 'TST-2026-0005']);
      expect(await store.cases.listHistories({ ...MARCH, covenantId: 'nobody' })).toEqual([]);
    });

    it('pages in case-id order: each page starts after the last id of the one before', async ({ store }) => {
      // Created out of order, with one case that does not touch the period among them.
      const numbers = [7, 3, 12, 1, 9, 5, 10, 2];
      for (const n of numbers) {
        const id = `TST-2026-${String(n).padStart(4, '0')}`;
        await store.cases.create(signalled(id, n === 9 ? '2026-05-01' : '2026-03-09'));
      }
      const pages: string[][] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.cases.listHistories({ ...MARCH, limit: 3, ...(after ? { after } : {}) });
        pages.push(ids(page));
        if (page.length < 3) break;
        after = page.at(-1)!.summary.caseId;
      }
      expect(pages).toEqual([
        ['TST-2026-0001', 'TST-2026-0002', 'TST-2026-0003'],
        ['TST-2026-0005', 'TST-2026-0007', 'TST-2026-0010'],
        ['TST-2026-0012'],
      ]);
      // `after` need not be a case of the result, nor exist.
      expect(ids(await store.cases.listHistories({ ...MARCH, after: 'TST-2026-0004', limit: 2 }))).toEqual([
        'TST-2026-0005',
        'TST-2026-0007',
      ]);
      expect(await store.cases.listHistories({ ...MARCH, after: 'TST-2026-9999' })).toEqual([]);
      // A case created after the first page was read is found by the next one.
      await store.cases.create(signalled('TST-2026-0011', '2026-03-09'));
      expect(ids(await store.cases.listHistories({ ...MARCH, after: 'TST-2026-0010' }))).toEqual([
        'TST-2026-0011',
        'TST-2026-0012',
      ]);
    });

    it('gives copies: changing a history read does not change the store', async ({ store }) => {
      const record = signalled('TST-2026-0001', '2026-03-09');
      await store.cases.create(record);
      const next = await store.cases.append(
        record.id,
        record.version,
        [
          makeEvent(record.version + 1, {
            type: 'contact_attempt',
            kind: 'Huisbezoek',
            reached: true,
            date: '2026-03-10',
            daypart: 'Ochtend',
          }),
        ],
        { ...record.summary, version: record.version + 1, firstContactDate: '2026-03-10' },
      );
      const [history] = await store.cases.listHistories(MARCH);
      expect(history!.events).toHaveLength(3);
      history!.events.pop();
      history!.summary.signalDate = '1999-01-01';
      const [again] = await store.cases.listHistories(MARCH);
      expect(again).toEqual({ summary: next.summary, events: next.events });
    });
  });
}
