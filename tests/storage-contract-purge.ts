import { describe, expect, type TestAPI } from 'vitest';
import type { CaseEvent, CaseRecord } from '../casework/case/types.js';
import { VersionConflict, type AuditEntry, type Store } from '../casework/ports.js';
import { closedEvent, closedSummary, makeCaseRecord, makeEvent } from './fixtures/case-records.js';

// Cases.purge, part of the storage contract (called from storageContract for every engine):
// the one change to a stored history, marked by the `purged` event.

/** An open case whose history holds free text as an older AanZet wrote it, then closed. */
async function closedCaseWithFreeText(store: Store): Promise<CaseRecord> {
  const base = makeCaseRecord();
  const events: CaseEvent[] = [
    ...base.events,
    makeEvent(3, { type: 'referred', stepId: 'contact', toPartnerId: 'ggd', reason: 'psychische klachten' }),
    makeEvent(4, {
      type: 'step_started',
      stepId: 'contact',
      responsiblePartnerId: 'ggd',
      deadline: '2026-03-20',
      because: 'Doorverwezen door Gemeente: psychische klachten',
      cause: 'referral',
    }),
  ];
  const record = makeCaseRecord({ ...base, id: base.id, events, version: events.length });
  await store.cases.create({ ...record, summary: { ...record.summary, version: events.length } });
  return store.cases.append(record.id, record.version, [closedEvent(record)], closedSummary(record));
}

function purgeAudit(caseId: string): AuditEntry {
  return {
    at: '2027-04-02T02:00:00.000Z',
    userId: 'system',
    partnerId: null,
    action: 'purge',
    caseId,
    detail: '',
  };
}

function purgeOf(record: CaseRecord) {
  const redacted = record.events
    .filter((e) => e.type === 'referred' || (e.type === 'step_started' && e.cause === 'referral'))
    .map((e) => (e.type === 'referred' ? { ...e, reason: '' } : { ...e, because: '' }));
  return {
    redacted,
    events: [makeEvent(record.version + 1, { type: 'purged' }, '2027-04-02T02:00:00.000Z')],
    summary: { ...record.summary, status: 'purged' as const, version: record.version + 1 },
    audit: [purgeAudit(record.id)],
  };
}

export function purgeContract(it: TestAPI<{ store: Store }>): void {
  describe('purge', () => {
    it('removes the personal data, the household key and the free text of older events, and keeps the rest', async ({
      store,
    }) => {
      const record = await closedCaseWithFreeText(store);
      const purged = await store.cases.purge(record.id, record.version, purgeOf(record));
      const read = await store.cases.get(record.id);
      expect(read).toEqual(purged);
      expect(read).toMatchObject({ personal: null, householdKey: null, version: record.version + 1 });
      expect(read!.summary.status).toBe('purged');
      expect(JSON.stringify(read!.events)).not.toContain('psychische klachten');
      expect(read!.events.map((e) => e.type)).toEqual([...record.events.map((e) => e.type), 'purged']);
      // Events without free text are kept as they were.
      expect(read!.events.slice(0, 2)).toEqual(record.events.slice(0, 2));
      expect(read!.events[2]).toMatchObject({ type: 'referred', toPartnerId: 'ggd', reason: '' });
      expect(await store.audit.list({ caseId: record.id })).toEqual([purgeAudit(record.id)]);
      expect(await store.cases.listSummaries({ status: 'closed' })).toEqual([]);
    });

    it('with a stale version is a VersionConflict and changes nothing', async ({ store }) => {
      const record = await closedCaseWithFreeText(store);
      await expect(store.cases.purge(record.id, record.version - 1, purgeOf(record))).rejects.toBeInstanceOf(
        VersionConflict,
      );
      expect(await store.cases.get(record.id)).toEqual(record);
      expect(await store.audit.list({ caseId: record.id })).toEqual([]);
    });

    it('refuses a redaction that changes an event type or names an unknown seq, and changes nothing', async ({
      store,
    }) => {
      const record = await closedCaseWithFreeText(store);
      const change = purgeOf(record);
      const retyped = { ...change, redacted: [{ ...record.events[2]!, type: 'escalated' } as CaseEvent] };
      await expect(store.cases.purge(record.id, record.version, retyped)).rejects.toThrow(/seq 3/);
      const unknown = { ...change, redacted: [{ ...record.events[2]!, seq: 99 } as CaseEvent] };
      await expect(store.cases.purge(record.id, record.version, unknown)).rejects.toThrow(/seq 99/);
      expect(await store.cases.get(record.id)).toEqual(record);
      expect(await store.audit.list({ caseId: record.id })).toEqual([]);
    });
  });
}
