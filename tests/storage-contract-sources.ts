import { describe, expect, type TestAPI } from 'vitest';
import type { CaseEvent, CaseRecord, Signal } from '../casework/case/types.js';
import type { Store } from '../casework/ports.js';
import { closedEvent, closedSummary, makeCaseRecord, makeEvent } from './fixtures/case-records.js';

// Cases.findBySource, part of the storage contract (called from storageContract for every
// engine): an imported signal's source id finds its case, whether it opened it or joined it.

function importedCase(sourceId: string, partnerId = 'corporatie'): CaseRecord {
  const base = makeCaseRecord();
  const [first, ...rest] = base.events;
  if (first?.type !== 'signal_received') throw new Error('the fixture starts with signal_received');
  const opening = { ...first, signal: { ...first.signal, signallerPartnerId: partnerId, sourceId } };
  return { ...base, events: [opening, ...rest] };
}

const joined = (seq: number, signal: Signal): CaseEvent =>
  makeEvent(seq, {
    type: 'signal_joined',
    signal: { ...signal, signallerPartnerId: 'energie', sourceId: 'E-7' },
  });

export function sourcesContract(it: TestAPI<{ store: Store }>): void {
  describe('findBySource', () => {
    it('finds the case an imported signal opened, per covenant and partner', async ({ store }) => {
      const record = importedCase('R-1');
      await store.cases.create(record);
      expect(await store.cases.findBySource('test', 'corporatie', 'R-1')).toBe(record.id);
      expect(await store.cases.findBySource('test', 'corporatie', 'R-2')).toBeUndefined();
      expect(await store.cases.findBySource('test', 'energie', 'R-1')).toBeUndefined();
      expect(await store.cases.findBySource('other', 'corporatie', 'R-1')).toBeUndefined();
    });

    it('finds a case an imported signal joined, also after the case closed', async ({ store }) => {
      const record = makeCaseRecord();
      await store.cases.create(record);
      const opening = record.events[0]!;
      if (opening.type !== 'signal_received') throw new Error('the fixture starts with signal_received');
      const afterJoin = await store.cases.append(
        record.id,
        record.version,
        [joined(record.version + 1, opening.signal)],
        { ...record.summary, version: record.version + 1 },
      );
      expect(await store.cases.findBySource('test', 'energie', 'E-7')).toBe(record.id);
      await store.cases.append(
        afterJoin.id,
        afterJoin.version,
        [closedEvent(afterJoin)],
        closedSummary(afterJoin),
      );
      expect(await store.cases.findBySource('test', 'energie', 'E-7')).toBe(record.id);
      // A signal typed on a card has no source id: nothing to find.
      expect(await store.cases.findBySource('test', 'corporatie', '')).toBeUndefined();
    });
  });
}
