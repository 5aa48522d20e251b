import type { CaseRecord, CaseSummary } from '../../casework/case/types.js';
import { dictionary, type StoreDocument } from '../store-document.js';
import { copy } from '../../casework/json-copy.js';

// A case as the embedded store holds it in memory: the record as the UTF-8 JSON the file holds,
// and beside it, as objects, only what the indexes and the summary reads use. A record parsed
// into objects is some seventy small objects and strings (events, personal data), which every
// major garbage collection walks; ten thousand cases made the store half of the bot's heap, and
// those collections held up the turns. Bytes are one object, and they are also what a write
// puts in the file, so an unchanged case costs a write one copy (serialize.ts).

export interface PackedCase {
  readonly id: string;
  readonly covenantId: string;
  readonly version: number;
  readonly householdKey: string | null;
  readonly summary: CaseSummary;
  /** The whole record as JSON text (UTF-8): read by unpackCase, written into the file as it is. */
  readonly bytes: Buffer;
}

/** A record to keep: nothing of it is shared with the caller's objects. */
export function packCase(record: CaseRecord): PackedCase {
  return packParsedCase({ ...record, summary: copy(record.summary) });
}

/**
 * A record just parsed from a file, which no one else holds: its summary is kept as it is
 * (at open, copying 100,000 summaries cost a third of a second).
 */
export function packParsedCase(record: CaseRecord): PackedCase {
  return {
    id: record.id,
    covenantId: record.covenantId,
    version: record.version,
    householdKey: record.householdKey,
    summary: record.summary,
    bytes: Buffer.from(JSON.stringify(record)),
  };
}

/** The stored record, as new objects each time (the caller may keep or change them). */
export function unpackCase(packed: PackedCase): CaseRecord {
  return JSON.parse(packed.bytes.toString('utf8')) as CaseRecord;
}

const SOURCE_ID = Buffer.from('"sourceId"');

/**
 * The source ids of the signals imported into this case (bulk intake), which the index keeps;
 * the bytes are searched first, so a case without any is not parsed.
 */
export function importedSources(packed: PackedCase): { partnerId: string; sourceId: string }[] {
  if (!packed.bytes.includes(SOURCE_ID)) return [];
  const sources: { partnerId: string; sourceId: string }[] = [];
  for (const event of unpackCase(packed).events)
    if ((event.type === 'signal_received' || event.type === 'signal_joined') && event.signal.sourceId)
      sources.push({ partnerId: event.signal.signallerPartnerId, sourceId: event.signal.sourceId });
  return sources;
}

/** The live document in memory: the file's document with every case packed. */
export type LiveDocument = Omit<StoreDocument, 'cases'> & { cases: Record<string, PackedCase> };

/** The document just read from the file, its cases packed (the rest is taken over as it is). */
export function packDocument(doc: StoreDocument): LiveDocument {
  const cases = dictionary<PackedCase>({});
  for (const [id, record] of Object.entries(doc.cases)) cases[id] = packParsedCase(record);
  return { ...doc, cases };
}
