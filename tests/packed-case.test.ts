import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../casework/case/types.js';
import { importedSources, packCase, unpackCase } from '../storage/lowdb/packed-case.js';
import { makeCaseRecord, makePersonal } from './fixtures/case-records.js';

// The embedded store keeps each case as its JSON bytes plus the summary (storage/lowdb/packed-case.ts).

function withSourceId(event: CaseEvent, sourceId: string): CaseEvent {
  if (event.type !== 'signal_received') throw new Error('the fixture starts with a signal');
  return { ...event, signal: { ...event.signal, sourceId } };
}

describe('a packed case', () => {
  it('holds the record as the JSON text the file holds, and gives it back whole', () => {
    const record = makeCaseRecord({ personal: makePersonal({ name: 'Anneke Ëlberts' }) });
    const packed = packCase(record);
    expect(packed.bytes.toString('utf8')).toBe(JSON.stringify(record));
    expect(unpackCase(packed)).toEqual(record);
    expect(packed).toMatchObject({
      id: record.id,
      covenantId: record.covenantId,
      version: record.version,
      householdKey: record.householdKey,
      summary: record.summary,
    });
  });

  it('shares no object with the record it was made from, nor between two reads', () => {
    const record = makeCaseRecord();
    const packed = packCase(record);
    const eventCount = record.events.length;
    record.summary.status = 'closed';
    record.events.push(record.events[0]!);
    expect(packed.summary.status).toBe('open');
    const [first, second] = [unpackCase(packed), unpackCase(packed)];
    expect(first).not.toBe(second);
    first.events[0]!.seq = 99;
    expect(unpackCase(packed).events).toHaveLength(eventCount);
    expect(second.events[0]!.seq).toBe(1);
  });

  it('names the source ids of its imported signals, and none for words that only look like one', () => {
    const base = makeCaseRecord();
    const imported = makeCaseRecord({ events: [withSourceId(base.events[0]!, 'row-17')] });
    expect(importedSources(packCase(imported))).toEqual([{ partnerId: 'corporatie', sourceId: 'row-17' }]);
    expect(importedSources(packCase(base))).toEqual([]);
    // The text "sourceId" in free text is escaped inside the JSON: no match, nothing parsed.
    const lookalike = makeCaseRecord({ personal: makePersonal({ name: 'Mr "sourceId"' }) });
    expect(importedSources(packCase(lookalike))).toEqual([]);
  });
});
