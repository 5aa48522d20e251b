import { describe, expect, it as base } from 'vitest';
import type { CaseRecord, CaseSummary } from '../casework/case/types.js';
import {
  DuplicateCase,
  EtagConflict,
  VersionConflict,
  type AddressedMessage,
  type AuditEntry,
  type ConversationTarget,
  type Member,
  type Store,
} from '../casework/ports.js';
import {
  closedEvent,
  closedSummary,
  makeCaseRecord,
  makeEvent,
  makePersonal,
} from './fixtures/case-records.js';
import { openStepsContract } from './storage-contract-open-steps.js';
import { figuresContract } from './storage-contract-figures.js';
import { historiesContract } from './storage-contract-histories.js';
import { purgeContract } from './storage-contract-purge.js';
import { searchContract } from './storage-contract-search.js';
import { senderContract } from './storage-contract-sender.js';
import { sourcesContract } from './storage-contract-sources.js';

// What every storage adapter must do, whatever the engine. Each test gets a fresh, empty store.

export type OpenForContract = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

/** A contact attempt appended to the record, with the summary the domain would derive. */
function contactAttempt(record: CaseRecord, summary: Partial<CaseSummary> = {}) {
  const version = record.version + 1;
  return {
    events: [
      makeEvent(version, {
        type: 'contact_attempt',
        kind: 'Telefoon',
        reached: true,
        date: '2026-03-10',
        daypart: 'Ochtend',
      }),
    ],
    summary: { ...record.summary, version, firstContactDate: '2026-03-10', ...summary },
  };
}

async function closeCase(store: Store, record: CaseRecord, closedAt?: string, purgeAfter?: string) {
  return store.cases.append(
    record.id,
    record.version,
    [closedEvent(record, closedAt)],
    closedSummary(record, closedAt, purgeAfter),
  );
}

function audit(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    at: '2026-03-09T09:00:00.000Z',
    userId: 'u1',
    partnerId: 'gemeente',
    action: 'change',
    caseId: null,
    detail: '',
    ...overrides,
  };
}

export function storageContract(name: string, open: OpenForContract): void {
  const it = base.extend<{ store: Store }>({
    // eslint-disable-next-line no-empty-pattern -- vitest requires a destructuring pattern here
    store: async ({}, use) => {
      const { store, cleanup } = await open();
      try {
        await use(store);
      } finally {
        await cleanup();
      }
    },
  });

  describe(`storage contract: ${name}`, () => {
    describe('cases', () => {
      it('a created case reads back equal, as a copy the caller cannot change the store through', async ({
        store,
      }) => {
        const record = makeCaseRecord();
        const original = structuredClone(record);
        await store.cases.create(record);
        const read = await store.cases.get(record.id);
        expect(read).toEqual(record);
        read!.summary.status = 'closed';
        read!.events.pop();
        record.personal!.name = 'changed after create';
        expect(await store.cases.get(record.id)).toEqual(original);
      });

      it('getSummary reads the summary alone, and undefined for an unknown id', async ({ store }) => {
        const record = makeCaseRecord();
        await store.cases.create(record);
        expect(await store.cases.getSummary(record.id)).toEqual(record.summary);
        expect(await store.cases.getSummary('NOPE-2026-0001')).toBeUndefined();
      });

      it('an unknown case id reads as undefined', async ({ store }) => {
        expect(await store.cases.get('NOPE-2026-0001')).toBeUndefined();
      });

      it('a second case with an existing id is refused', async ({ store }) => {
        const record = makeCaseRecord();
        await store.cases.create(record);
        const again = makeCaseRecord({
          id: record.id,
          personal: makePersonal({ address: { postcode: '1234 AA', houseNumber: 1, addition: '' } }),
        });
        await expect(store.cases.create(again)).rejects.toMatchObject({
          name: 'DuplicateCase',
          caseId: record.id,
          reason: 'id',
        });
        await expect(store.cases.create(again)).rejects.toBeInstanceOf(DuplicateCase);
      });

      it('a second open case for a household is refused, and allowed once the first is closed', async ({
        store,
      }) => {
        const first = makeCaseRecord();
        await store.cases.create(first);
        const second = makeCaseRecord();
        expect(second.householdKey).toBe(first.householdKey);
        await expect(store.cases.create(second)).rejects.toMatchObject({
          caseId: first.id,
          reason: 'household',
        });
        expect(await store.cases.get(second.id)).toBeUndefined();
        await closeCase(store, first);
        await store.cases.create(second);
        expect((await store.cases.findOpenByHousehold('test', first.householdKey!))?.id).toBe(second.id);
      });

      it('the same household may have an open case in another covenant', async ({ store }) => {
        await store.cases.create(makeCaseRecord({ covenantId: 'a' }));
        await store.cases.create(makeCaseRecord({ covenantId: 'b' }));
        expect(await store.cases.listSummaries({ status: 'open' })).toHaveLength(2);
      });

      it('findOpenByHousehold ignores closed cases and other covenants', async ({ store }) => {
        const closed = makeCaseRecord({ covenantId: 'a' });
        await store.cases.create(closed);
        await closeCase(store, closed);
        await store.cases.create(makeCaseRecord({ covenantId: 'b' }));
        const key = closed.householdKey!;
        expect(await store.cases.findOpenByHousehold('a', key)).toBeUndefined();
        expect(await store.cases.findOpenByHousehold('c', key)).toBeUndefined();
        const open = makeCaseRecord({ covenantId: 'a' });
        await store.cases.create(open);
        expect(await store.cases.findOpenByHousehold('a', key)).toEqual(open);
        expect(await store.cases.findOpenByHousehold('a', 'OTHER|1|')).toBeUndefined();
      });

      it('append with the current version adds the events and replaces the summary', async ({ store }) => {
        const record = makeCaseRecord();
        await store.cases.create(record);
        const { events, summary } = contactAttempt(record);
        const saved = await store.cases.append(record.id, record.version, events, summary);
        expect(saved.version).toBe(record.version + 1);
        expect(saved.events).toEqual([...record.events, ...events]);
        expect(saved.summary).toEqual(summary);
        expect(saved.personal).toEqual(record.personal);
        expect(await store.cases.get(record.id)).toEqual(saved);
        saved.events.length = 0;
        expect((await store.cases.get(record.id))!.events).toHaveLength(record.version + 1);
      });

      it('append with a stale version is a VersionConflict naming the actual version, and changes nothing', async ({
        store,
      }) => {
        const record = makeCaseRecord();
        await store.cases.create(record);
        const first = contactAttempt(record);
        const saved = await store.cases.append(record.id, record.version, first.events, first.summary);
        const late = contactAttempt(record, { firstContactDate: '2026-03-11' });
        const attempt = store.cases.append(record.id, record.version, late.events, late.summary);
        await expect(attempt).rejects.toBeInstanceOf(VersionConflict);
        await expect(
          store.cases.append(record.id, record.version, late.events, late.summary),
        ).rejects.toMatchObject({
          caseId: record.id,
          expectedVersion: record.version,
          actualVersion: saved.version,
        });
        expect(await store.cases.get(record.id)).toEqual(saved);
      });

      it('append replaces the personal data when given and keeps it when not', async ({ store }) => {
        const record = makeCaseRecord();
        await store.cases.create(record);
        const next = contactAttempt(record);
        const personal = makePersonal({ phone: '06-87654321' });
        const saved = await store.cases.append(
          record.id,
          record.version,
          next.events,
          next.summary,
          personal,
        );
        expect(saved.personal).toEqual(personal);
        expect(saved.householdKey).toBe(record.householdKey);
        const later = contactAttempt(saved);
        expect(
          (await store.cases.append(record.id, saved.version, later.events, later.summary)).personal,
        ).toEqual(personal);
      });

      it('append with personal null removes the personal data and the household key', async ({ store }) => {
        const record = makeCaseRecord();
        await store.cases.create(record);
        const closed = await closeCase(store, record);
        const purged = await store.cases.append(
          record.id,
          closed.version,
          [makeEvent(closed.version + 1, { type: 'purged' })],
          { ...closed.summary, status: 'purged', version: closed.version + 1 },
          null,
        );
        expect(purged.personal).toBeNull();
        expect(purged.householdKey).toBeNull();
        expect(await store.cases.get(record.id)).toMatchObject({
          personal: null,
          householdKey: null,
          version: closed.version + 1,
        });
      });

      it('an open case whose personal data is removed no longer blocks its household', async ({ store }) => {
        const record = makeCaseRecord();
        await store.cases.create(record);
        const next = contactAttempt(record);
        await store.cases.append(record.id, record.version, next.events, next.summary, null);
        expect(await store.cases.findOpenByHousehold('test', record.householdKey!)).toBeUndefined();
        await store.cases.create(makeCaseRecord());
      });
    });

    purgeContract(it);
    sourcesContract(it);
    openStepsContract(it);
    searchContract(it);
    historiesContract(it);
    figuresContract(it);
    senderContract(it);

    describe('listSummaries', () => {
      async function seed(store: Store) {
        const cases = {
          a1: makeCaseRecord({
            id: 'A-1',
            covenantId: 'a',
            householdKey: 'h1',
            summary: {
              deadline: '2026-03-20',
              responsiblePartnerId: 'gemeente',
              participants: ['corporatie', 'gemeente'],
            },
          }),
          a2: makeCaseRecord({
            id: 'A-2',
            covenantId: 'a',
            householdKey: 'h2',
            summary: {
              deadline: '2026-03-12',
              responsiblePartnerId: 'ggd',
              participants: ['corporatie', 'gemeente', 'ggd'],
            },
          }),
          a3: makeCaseRecord({
            id: 'A-3',
            covenantId: 'a',
            householdKey: 'h3',
            summary: { deadline: null, responsiblePartnerId: 'gemeente', participants: ['gemeente'] },
          }),
          a4: makeCaseRecord({
            id: 'A-4',
            covenantId: 'a',
            householdKey: 'h4',
            summary: { deadline: '2026-03-12', responsiblePartnerId: 'gemeente', participants: ['gemeente'] },
          }),
          b1: makeCaseRecord({
            id: 'B-1',
            covenantId: 'b',
            householdKey: 'h1',
            summary: { deadline: '2026-03-01', responsiblePartnerId: 'gemeente', participants: ['gemeente'] },
          }),
          c1: makeCaseRecord({ id: 'A-5', covenantId: 'a', householdKey: 'h5' }),
          c2: makeCaseRecord({ id: 'A-6', covenantId: 'a', householdKey: 'h6' }),
        };
        for (const record of Object.values(cases)) await store.cases.create(record);
        await closeCase(store, cases.c1, '2026-04-01T10:00:00.000Z', '2027-04-01');
        await closeCase(store, cases.c2, '2026-05-02T08:00:00.000Z', '2027-05-02');
        return cases;
      }
      const ids = (summaries: CaseSummary[]) => summaries.map((s) => s.caseId);

      it('without a filter lists every case, by deadline (none last), then case id', async ({ store }) => {
        await seed(store);
        expect(ids(await store.cases.listSummaries({}))).toEqual([
          'B-1',
          'A-2',
          'A-4',
          'A-1',
          'A-3',
          'A-5',
          'A-6',
        ]);
      });

      it('filters on covenant and status', async ({ store }) => {
        await seed(store);
        expect(ids(await store.cases.listSummaries({ covenantId: 'b' }))).toEqual(['B-1']);
        expect(ids(await store.cases.listSummaries({ covenantId: 'a', status: 'open' }))).toEqual([
          'A-2',
          'A-4',
          'A-1',
          'A-3',
        ]);
        expect(ids(await store.cases.listSummaries({ status: 'closed' }))).toEqual(['A-5', 'A-6']);
        expect(await store.cases.listSummaries({ status: 'purged' })).toEqual([]);
        expect(await store.cases.listSummaries({ covenantId: 'unknown' })).toEqual([]);
      });

      it('filters on the responsible partner and on participation', async ({ store }) => {
        await seed(store);
        expect(
          ids(
            await store.cases.listSummaries({
              covenantId: 'a',
              status: 'open',
              responsiblePartnerId: 'gemeente',
            }),
          ),
        ).toEqual(['A-4', 'A-1', 'A-3']);
        expect(ids(await store.cases.listSummaries({ responsiblePartnerId: 'ggd' }))).toEqual(['A-2']);
        expect(
          ids(
            await store.cases.listSummaries({
              covenantId: 'a',
              participantPartnerId: 'corporatie',
              status: 'open',
            }),
          ),
        ).toEqual(['A-2', 'A-1']);
      });

      it('filters on the deadline, inclusive', async ({ store }) => {
        await seed(store);
        expect(ids(await store.cases.listSummaries({ deadlineOnOrBefore: '2026-03-12' }))).toEqual([
          'B-1',
          'A-2',
          'A-4',
        ]);
        expect(
          ids(await store.cases.listSummaries({ deadlineOnOrBefore: '2026-03-11', covenantId: 'a' })),
        ).toEqual([]);
      });

      it('filters open steps on a set of deadlines, as the reminder sweep asks', async ({ store }) => {
        await seed(store);
        const query = { status: 'open' as const, deadlines: ['2026-03-01', '2026-03-12', '2026-03-30'] };
        expect(ids(await store.cases.listSummaries(query))).toEqual(['B-1', 'A-2', 'A-4']);
        expect(ids(await store.cases.listSummaries({ ...query, covenantId: 'a' }))).toEqual(['A-2', 'A-4']);
        expect(await store.cases.listSummaries({ status: 'open', deadlines: [] })).toEqual([]);
      });

      it('filters on the closing time (from inclusive, before exclusive) and the purge date', async ({
        store,
      }) => {
        await seed(store);
        expect(ids(await store.cases.listSummaries({ closedFrom: '2026-04-01T10:00:00.000Z' }))).toEqual([
          'A-5',
          'A-6',
        ]);
        expect(ids(await store.cases.listSummaries({ closedFrom: '2026-04-01T10:00:00.001Z' }))).toEqual([
          'A-6',
        ]);
        expect(ids(await store.cases.listSummaries({ closedBefore: '2026-05-02T08:00:00.000Z' }))).toEqual([
          'A-5',
        ]);
        expect(
          ids(await store.cases.listSummaries({ closedFrom: '2026-04-01', closedBefore: '2026-05-01' })),
        ).toEqual(['A-5']);
        expect(
          ids(await store.cases.listSummaries({ status: 'closed', purgeDueOnOrBefore: '2027-04-01' })),
        ).toEqual(['A-5']);
        expect(ids(await store.cases.listSummaries({ purgeDueOnOrBefore: '2027-12-31' }))).toEqual([
          'A-5',
          'A-6',
        ]);
      });

      it('follows appends: a new responsible partner, a new deadline, a closed case', async ({ store }) => {
        const cases = await seed(store);
        const referred = contactAttempt(cases.a1, { responsiblePartnerId: 'ggd', deadline: '2026-03-02' });
        await store.cases.append('A-1', cases.a1.version, referred.events, referred.summary);
        expect(ids(await store.cases.listSummaries({ responsiblePartnerId: 'ggd' }))).toEqual(['A-1', 'A-2']);
        expect(
          ids(await store.cases.listSummaries({ responsiblePartnerId: 'gemeente', covenantId: 'a' })),
        ).toEqual(['A-4', 'A-3']);
        await closeCase(store, cases.a4);
        expect(ids(await store.cases.listSummaries({ covenantId: 'a', status: 'open' }))).toEqual([
          'A-1',
          'A-2',
          'A-3',
        ]);
      });

      it('returns copies', async ({ store }) => {
        await seed(store);
        const [first] = await store.cases.listSummaries({ covenantId: 'b' });
        first!.participants.push('changed');
        first!.status = 'closed';
        expect(await store.cases.listSummaries({ covenantId: 'b' })).toMatchObject([
          { status: 'open', participants: ['gemeente'] },
        ]);
      });
    });

    describe('case numbers', () => {
      it('count up per covenant and year', async ({ store }) => {
        const n = (c: string, y: number) => store.cases.nextCaseNumber(c, y);
        expect([await n('a', 2026), await n('a', 2026), await n('a', 2026)]).toEqual([1, 2, 3]);
        expect([await n('b', 2026), await n('a', 2027), await n('a', 2026)]).toEqual([1, 1, 4]);
      });

      it('never repeat, also when 20 are asked for at once', async ({ store }) => {
        await store.cases.nextCaseNumber('a', 2026);
        const numbers = await Promise.all(
          Array.from({ length: 20 }, () => store.cases.nextCaseNumber('a', 2026)),
        );
        expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
        expect(await store.cases.nextCaseNumber('a', 2026)).toBe(22);
      });
    });

    describe('members', () => {
      const member = (userId: string, covenants: string[]): Member => ({
        userId,
        name: `Name ${userId}`,
        memberships: covenants.map((covenantId) => ({
          covenantId,
          partnerId: 'gemeente',
          roles: [],
          status: 'active',
        })),
      });

      it('a member put reads back, and a second put replaces it', async ({ store }) => {
        expect(await store.members.get('u1')).toBeUndefined();
        const m = member('u1', ['a']);
        await store.members.put(m);
        expect(await store.members.get('u1')).toEqual(m);
        const changed: Member = {
          ...m,
          memberships: [
            {
              covenantId: 'a',
              partnerId: 'ggd',
              roles: ['coordinator'],
              status: 'pending',
              approvedBy: 'u9',
            },
          ],
        };
        await store.members.put(changed);
        expect(await store.members.get('u1')).toEqual(changed);
        (await store.members.get('u1'))!.memberships.length = 0;
        expect(await store.members.get('u1')).toEqual(changed);
      });

      it('lists all members, or those with a membership of one covenant', async ({ store }) => {
        await store.members.put(member('u2', ['a', 'b']));
        await store.members.put(member('u1', ['a']));
        await store.members.put(member('u3', ['b']));
        const ids = (list: Member[]) => list.map((m) => m.userId).sort();
        expect(ids(await store.members.list())).toEqual(['u1', 'u2', 'u3']);
        expect(ids(await store.members.list('a'))).toEqual(['u1', 'u2']);
        expect(ids(await store.members.list('b'))).toEqual(['u2', 'u3']);
        expect(await store.members.list('c')).toEqual([]);
      });
    });

    describe('audit log', () => {
      it('lists entries by case and by user, in the order they were appended', async ({ store }) => {
        const entries = [
          audit({ userId: 'u1', caseId: 'A-1', detail: 'one' }),
          audit({ userId: 'u2', caseId: 'A-1', detail: 'two', action: 'read_personal' }),
          audit({ userId: 'u1', caseId: null, detail: 'three', action: 'refused' }),
          audit({ userId: 'u1', caseId: 'A-2', detail: 'four' }),
          audit({ userId: 'u1', caseId: 'A-1', detail: 'five' }),
        ];
        for (const entry of entries) await store.audit.append(entry);
        const details = (list: AuditEntry[]) => list.map((e) => e.detail);
        expect(details(await store.audit.list({ caseId: 'A-1' }))).toEqual(['one', 'two', 'five']);
        expect(details(await store.audit.list({ userId: 'u1' }))).toEqual(['one', 'three', 'four', 'five']);
        expect(details(await store.audit.list({ caseId: 'A-1', userId: 'u1' }))).toEqual(['one', 'five']);
        expect(await store.audit.list({})).toEqual(entries);
        expect(await store.audit.list({ caseId: 'A-9' })).toEqual([]);
      });

      it('audit entries given with a change are stored with it, and not when the change is refused', async ({
        store,
      }) => {
        const record = makeCaseRecord();
        await store.cases.create(record, [audit({ caseId: record.id, detail: 'opened' })]);
        const { events, summary } = contactAttempt(record);
        await store.cases.append(record.id, record.version, events, summary, undefined, [
          audit({ caseId: record.id, detail: 'contact' }),
        ]);
        const refused = store.cases.append(record.id, record.version, events, summary, undefined, [
          audit({ caseId: record.id, detail: 'stale' }),
        ]);
        await expect(refused).rejects.toBeInstanceOf(VersionConflict);
        await expect(
          store.cases.create(record, [audit({ caseId: record.id, detail: 'duplicate' })]),
        ).rejects.toBeInstanceOf(DuplicateCase);
        const details = (await store.audit.list({ caseId: record.id })).map((e) => e.detail);
        expect(details).toEqual(['opened', 'contact']);
      });
    });

    describe('key values (bot state)', () => {
      it('a value set reads back with an etag that changes on every write', async ({ store }) => {
        await store.keyValues.set([{ key: 'flow/u1', value: { step: 'household', values: { name: 'A' } } }]);
        const first = (await store.keyValues.get(['flow/u1', 'missing']))['flow/u1']!;
        expect(first.value).toEqual({ step: 'household', values: { name: 'A' } });
        await store.keyValues.set([{ key: 'flow/u1', value: { step: 'arrears' }, etag: first.etag }]);
        const second = (await store.keyValues.get(['flow/u1']))['flow/u1']!;
        expect(second.etag).not.toBe(first.etag);
        expect(await store.keyValues.get(['missing'])).toEqual({});
      });

      it('a write with an old etag is an EtagConflict and writes none of its entries', async ({ store }) => {
        await store.keyValues.set([{ key: 'a', value: 1 }]);
        const { a } = await store.keyValues.get(['a']);
        await store.keyValues.set([{ key: 'a', value: 2, etag: a!.etag }]);
        const stale = store.keyValues.set([
          { key: 'b', value: 'new' },
          { key: 'a', value: 3, etag: a!.etag },
        ]);
        await expect(stale).rejects.toBeInstanceOf(EtagConflict);
        const now = await store.keyValues.get(['a', 'b']);
        expect(now.a!.value).toBe(2);
        expect(now.b).toBeUndefined();
        await store.keyValues.set([{ key: 'a', value: 4, etag: '*' }]);
        expect((await store.keyValues.get(['a'])).a!.value).toBe(4);
      });

      it('deleted keys are gone, and deleting a missing key is fine', async ({ store }) => {
        await store.keyValues.set([{ key: 'a', value: 1 }]);
        await store.keyValues.delete(['a', 'never']);
        expect(await store.keyValues.get(['a'])).toEqual({});
      });
    });

    describe('key values expire (dialog state left half way)', () => {
      const at = (iso: string) => new Date(iso);
      const NOON = '2026-03-09T12:00:00.000Z';

      it('an entry past its expiresAt reads as absent and is deleted from the store on that read', async ({
        store,
      }) => {
        await store.keyValues.set([
          { key: 'left', value: { name: 'J. de Vries' }, expiresAt: NOON },
          { key: 'fresh', value: 2, expiresAt: '2026-03-10T12:00:00.000Z' },
          { key: 'forever', value: 3 },
        ]);
        // Before the moment, all are there; read without a moment, expiry is not looked at.
        expect(
          Object.keys(
            await store.keyValues.get(['left', 'fresh', 'forever'], at('2026-03-09T11:59:59.999Z')),
          ),
        ).toEqual(expect.arrayContaining(['left', 'fresh', 'forever']));
        const later = await store.keyValues.get(['left', 'fresh', 'forever'], at(NOON));
        expect(Object.keys(later).sort()).toEqual(['forever', 'fresh']);
        // Deleted, not only hidden: a read that does not check expiry finds nothing either.
        expect(await store.keyValues.get(['left'])).toEqual({});
      });

      it('sweepExpired deletes every entry past its moment, counts them, and leaves the rest', async ({
        store,
      }) => {
        await store.keyValues.set([
          { key: 'a', value: 1, expiresAt: '2026-03-09T10:00:00.000Z' },
          { key: 'b', value: 2, expiresAt: NOON },
          { key: 'c', value: 3, expiresAt: '2026-03-09T12:00:00.001Z' },
          { key: 'd', value: 4 },
        ]);
        expect(await store.keyValues.sweepExpired(at(NOON))).toBe(2);
        expect(Object.keys(await store.keyValues.get(['a', 'b', 'c', 'd'])).sort()).toEqual(['c', 'd']);
        expect(await store.keyValues.sweepExpired(at(NOON))).toBe(0);
      });

      it('writing an entry again sets its new expiry (a flow in use stays)', async ({ store }) => {
        await store.keyValues.set([{ key: 'flow', value: 1, expiresAt: NOON }]);
        const { flow } = await store.keyValues.get(['flow']);
        await store.keyValues.set([
          { key: 'flow', value: 2, etag: flow!.etag, expiresAt: '2026-03-10T12:00:00.000Z' },
        ]);
        expect(await store.keyValues.sweepExpired(at('2026-03-09T13:00:00.000Z'))).toBe(0);
        expect((await store.keyValues.get(['flow'], at('2026-03-09T13:00:00.000Z'))).flow!.value).toBe(2);
        // And written without an expiry, it no longer expires.
        await store.keyValues.set([{ key: 'flow', value: 3 }]);
        expect(await store.keyValues.sweepExpired(at('2030-01-01T00:00:00.000Z'))).toBe(0);
      });
    });

    describe('conversations', () => {
      const target = (id: string, overrides: Partial<ConversationTarget> = {}): ConversationTarget => ({
        id,
        kind: 'personal',
        tenantId: 't1',
        userId: 'u1',
        reference: { conversation: { id }, serviceUrl: 'https://smba.example/' },
        updatedAt: '2026-03-09T09:00:00.000Z',
        ...overrides,
      });

      it('a target put reads back, and a second put replaces it', async ({ store }) => {
        await store.conversations.put(target('c1'));
        await store.conversations.put(target('c1', { updatedAt: '2026-03-10T09:00:00.000Z' }));
        expect(await store.conversations.get('c1')).toEqual(
          target('c1', { updatedAt: '2026-03-10T09:00:00.000Z' }),
        );
        expect(await store.conversations.get('c9')).toBeUndefined();
      });

      it('lists by user, team and kind, and removes one target or a whole team', async ({ store }) => {
        await store.conversations.put(target('p1'));
        await store.conversations.put(target('p2', { userId: 'u2' }));
        await store.conversations.put(target('ch1', { kind: 'channel', teamId: 'T', userId: undefined }));
        await store.conversations.put(target('ch2', { kind: 'channel', teamId: 'T', userId: undefined }));
        const ids = (list: ConversationTarget[]) => list.map((c) => c.id);
        expect(ids(await store.conversations.list({ userId: 'u1' }))).toEqual(['p1']);
        expect(ids(await store.conversations.list({ teamId: 'T' }))).toEqual(['ch1', 'ch2']);
        expect(ids(await store.conversations.list({ kind: 'personal' }))).toEqual(['p1', 'p2']);
        expect(ids(await store.conversations.list({ userIds: ['u2', 'u1', 'nobody'] }))).toEqual([
          'p1',
          'p2',
        ]);
        expect(ids(await store.conversations.list({ userIds: ['u2'], kind: 'personal' }))).toEqual(['p2']);
        expect(await store.conversations.list({ userIds: [] })).toEqual([]);
        await store.conversations.put(
          target('ch1', {
            kind: 'channel',
            teamId: 'T',
            userId: undefined,
            links: [{ covenantId: 'lek', partnerId: 'wil' }],
          }),
        );
        expect(
          ids(await store.conversations.list({ linkedTo: { covenantId: 'lek', partnerId: 'wil' } })),
        ).toEqual(['ch1']);
        expect(
          await store.conversations.list({ linkedTo: { covenantId: 'lek', partnerId: 'mitros' } }),
        ).toEqual([]);
        expect(await store.conversations.remove({ teamId: 'T' })).toBe(2);
        expect(await store.conversations.remove({ id: 'p2' })).toBe(1);
        expect(await store.conversations.remove({ id: 'p2' })).toBe(0);
        expect(ids(await store.conversations.list({}))).toEqual(['p1']);
      });
    });

    describe('outbox', () => {
      const message = (key: string, notBefore = '2026-03-23T07:30:00.000Z'): AddressedMessage => ({
        key,
        messageKey: key,
        conversationId: 'a:personal-wil',
        kind: 'due',
        covenantId: 'lekstroom',
        caseId: 'LEK-2026-0001',
        stepId: 'visit',
        partnerId: 'wil',
        forDate: '2026-03-23',
        notBefore,
      });
      const NOW = '2026-03-23T08:00:00.000Z';

      it('planning the same key twice keeps one entry', async ({ store }) => {
        expect(await store.outbox.plan([message('a'), message('b')])).toBe(2);
        expect(await store.outbox.plan([message('a'), message('c')])).toBe(1);
        expect((await store.outbox.list({})).map((e) => e.key)).toEqual(['a', 'b', 'c']);
      });

      it('counts the entries waiting and being sent (the depth), not those sent or failed', async ({
        store,
      }) => {
        expect(await store.outbox.depth()).toEqual({ planned: 0, sending: 0 });
        await store.outbox.plan(['a', 'b', 'c', 'd', 'e'].map((key) => message(key)));
        const [sent, failed, sending] = await store.outbox.claim(NOW, 3, 60_000);
        await store.outbox.finish(sent!.key, { state: 'sent', at: NOW });
        await store.outbox.finish(failed!.key, { state: 'failed', error: 'gone' });
        expect(sending).toBeDefined();
        expect(await store.outbox.depth()).toEqual({ planned: 2, sending: 1 });
        expect(await store.outbox.list({ state: 'planned' })).toHaveLength(2);
      });

      /** The message `messageKey` addressed to `conversationId`. */
      const to = (messageKey: string, conversationId: string): AddressedMessage => ({
        ...message(`${messageKey}|${conversationId}`),
        messageKey,
        conversationId,
      });

      it('plans a message once, whatever conversations it is later addressed to', async ({ store }) => {
        expect(await store.outbox.plan([to('m1', 'chat-ahmed'), to('m1', 'chat-wim')])).toBe(2);
        // A channel linked later, or a new member's chat: the message went out already.
        expect(await store.outbox.plan([to('m1', 'channel-wil')])).toBe(0);
        expect(await store.outbox.plan([to('m1', 'channel-wil'), to('m2', 'channel-wil')])).toBe(1);
        const [claimed] = await store.outbox.claim(NOW, 1, 60_000);
        await store.outbox.finish(claimed!.key, { state: 'failed', error: 'gone' });
        expect(await store.outbox.plan([to('m1', 'channel-wil')])).toBe(0); // failed is planned too
        expect((await store.outbox.list({})).map((e) => [e.key, e.messageKey])).toEqual([
          ['m1|chat-ahmed', 'm1'],
          ['m1|chat-wim', 'm1'],
          ['m2|channel-wil', 'm2'],
        ]);
      });

      it('adds a conversation to a planned message once (a reroute)', async ({ store }) => {
        await store.outbox.plan([to('m1', 'chat-ahmed'), to('m1', 'chat-carla')]);
        // Two chats gone, both rerouted to the coordinator: she gets it once, and not again.
        expect(await store.outbox.planTargets([to('m1', 'chat-carla'), to('m1', 'chat-dirk')])).toBe(1);
        expect(await store.outbox.planTargets([to('m1', 'chat-dirk')])).toBe(0);
        expect((await store.outbox.list({})).map((e) => e.key)).toEqual([
          'm1|chat-ahmed',
          'm1|chat-carla',
          'm1|chat-dirk',
        ]);
        // A message first planned by a reroute is planned: the regular plan leaves it.
        expect(await store.outbox.planTargets([to('m2', 'chat-carla')])).toBe(1);
        expect(await store.outbox.plan([to('m2', 'chat-ahmed')])).toBe(0);
      });

      it('lists the conversations of one message', async ({ store }) => {
        await store.outbox.plan([to('m1', 'chat-ahmed'), to('m1', 'chat-wim'), to('m2', 'chat-ahmed')]);
        await store.outbox.planTargets([to('m1', 'chat-carla')]);
        expect((await store.outbox.list({ messageKey: 'm1' })).map((e) => e.conversationId)).toEqual([
          'chat-ahmed',
          'chat-carla',
          'chat-wim',
        ]);
        expect(await store.outbox.list({ messageKey: 'm3' })).toEqual([]);
      });

      it('of two plans of one message at once, to different conversations, one wins', async ({ store }) => {
        const added = await Promise.all([
          store.outbox.plan([to('m1', 'chat-ahmed')]),
          store.outbox.plan([to('m1', 'channel-wil')]),
        ]);
        expect(added.sort()).toEqual([0, 1]);
        expect(await store.outbox.list({})).toHaveLength(1);
      });

      it('claims due entries once, soonest first, and leaves future ones', async ({ store }) => {
        await store.outbox.plan([
          message('later', '2026-03-23T09:00:00.000Z'),
          message('second', '2026-03-23T07:45:00.000Z'),
          message('first', '2026-03-23T07:30:00.000Z'),
        ]);
        const claimed = await store.outbox.claim(NOW, 10, 60_000);
        expect(claimed.map((e) => [e.key, e.state, e.attempts])).toEqual([
          ['first', 'sending', 1],
          ['second', 'sending', 1],
        ]);
        expect(await store.outbox.claim(NOW, 10, 60_000)).toEqual([]);
      });

      it('hands out no entry twice when claimed at once', async ({ store }) => {
        await store.outbox.plan(
          Array.from({ length: 30 }, (_, i) => message(`m${String(i).padStart(2, '0')}`)),
        );
        const batches = await Promise.all([1, 2, 3].map(() => store.outbox.claim(NOW, 12, 60_000)));
        const keys = batches.flat().map((e) => e.key);
        expect(keys).toHaveLength(30);
        expect(new Set(keys).size).toBe(30);
      });

      it('reclaims an entry whose lease ran out, and counts it', async ({ store }) => {
        await store.outbox.plan([message('a')]);
        await store.outbox.claim(NOW, 10, 60_000);
        expect(await store.outbox.claim('2026-03-23T08:00:30.000Z', 10, 60_000)).toEqual([]);
        const [again] = await store.outbox.claim('2026-03-23T08:01:00.000Z', 10, 60_000);
        expect(again).toMatchObject({ key: 'a', attempts: 2, reclaimed: 1 });
      });

      it('records sent, failed and retry-later', async ({ store }) => {
        await store.outbox.plan([message('sent'), message('failed'), message('retry')]);
        await store.outbox.claim(NOW, 10, 60_000);
        await store.outbox.finish('sent', { state: 'sent', at: NOW });
        await store.outbox.finish('failed', { state: 'failed', error: 'BotDisabledByAdmin' });
        await store.outbox.finish('retry', {
          state: 'planned',
          notBefore: '2026-03-23T08:05:00.000Z',
          error: '503',
        });
        const byKey = Object.fromEntries((await store.outbox.list({})).map((e) => [e.key, e]));
        expect(byKey.sent).toMatchObject({ state: 'sent', sentAt: NOW, leaseUntil: null });
        expect(byKey.failed).toMatchObject({ state: 'failed', lastError: 'BotDisabledByAdmin' });
        expect(byKey.retry).toMatchObject({ state: 'planned', notBefore: '2026-03-23T08:05:00.000Z' });
        expect((await store.outbox.list({ state: 'failed' })).map((e) => e.key)).toEqual(['failed']);
        expect(await store.outbox.claim('2026-03-23T08:05:00.000Z', 10, 60_000)).toHaveLength(1);
      });
    });

    describe('concurrency', () => {
      it('50 appends at once to different cases are all kept', async ({ store }) => {
        const records = Array.from({ length: 50 }, (_, i) =>
          makeCaseRecord({ id: `C-${i}`, householdKey: `h${i}` }),
        );
        for (const record of records) await store.cases.create(record);
        await Promise.all(
          records.map((record) => {
            const next = contactAttempt(record);
            return store.cases.append(record.id, record.version, next.events, next.summary);
          }),
        );
        for (const record of records)
          expect(await store.cases.get(record.id)).toMatchObject({ version: record.version + 1 });
      });

      it('of two appends at once with the same version, exactly one wins', async ({ store }) => {
        const record = makeCaseRecord();
        await store.cases.create(record);
        const a = contactAttempt(record);
        const b = contactAttempt(record, { firstContactDate: '2026-03-11' });
        const results = await Promise.allSettled([
          store.cases.append(record.id, record.version, a.events, a.summary),
          store.cases.append(record.id, record.version, b.events, b.summary),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect((await store.cases.get(record.id))!.version).toBe(record.version + 1);
      });
    });
  });
}
