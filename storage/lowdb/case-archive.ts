import type { AuditEntry } from '../../casework/ports.js';
import type { FileWriter } from '../durable-json-file.js';
import { dictionary } from '../store-document.js';
import {
  closingMonth,
  emptyArchive,
  readArchives,
  writeArchive,
  type ArchiveDocument,
} from './archive-files.js';
import type { LiveDocument, PackedCase } from './packed-case.js';

// The archived cases in memory, read once at open: every old case is answered from here as fast
// as a live one. The live document wins where both hold a case (see settle): a change to an
// archived case (the purge) is written to the live file, and the stale archived copy is replaced
// when the case moves again.

export class CaseArchive {
  /** Case id → the month whose file holds it. */
  private readonly monthOf = new Map<string, string>();

  private constructor(
    readonly liveFile: string,
    private readonly months: Map<string, ArchiveDocument>,
  ) {
    for (const [month, archive] of months)
      for (const [id, record] of Object.entries(archive.cases)) {
        const earlier = this.monthOf.get(id);
        // Never written by AanZet (a case keeps its month), but resolved the same way at every open.
        if (earlier !== undefined && months.get(earlier)!.cases[id]!.version >= record.version) continue;
        this.monthOf.set(id, month);
      }
  }

  static async load(liveFile: string): Promise<CaseArchive> {
    return new CaseArchive(liveFile, await readArchives(liveFile));
  }

  get(id: string): PackedCase | undefined {
    const month = this.monthOf.get(id);
    return month === undefined ? undefined : this.months.get(month)!.cases[id];
  }

  /** How many cases are archived. */
  get size(): number {
    return this.monthOf.size;
  }

  /** How many archive files were read or written. */
  get files(): number {
    return this.months.size;
  }

  *records(): Iterable<PackedCase> {
    for (const id of this.monthOf.keys()) yield this.get(id)!;
  }

  /** The archived audit entries, in time order (each file keeps log order; files are merged by `at`). */
  auditEntries(): AuditEntry[] {
    // Pairwise, in rounds: each entry is copied once per round (log2 of the months), not once per month.
    let lists = [...this.months.values()].map((archive) => archive.audit);
    while (lists.length > 1)
      lists = Array.from({ length: Math.ceil(lists.length / 2) }, (_, i) =>
        mergeByTime(lists[2 * i]!, lists[2 * i + 1] ?? []),
      );
    return [...(lists[0] ?? [])];
  }

  /** Where a live case goes when it moves: the month it already has a file in, else its month of closing; null while open. */
  monthFor(record: PackedCase): string | null {
    if (closingMonth(record.summary) === null) return null;
    return this.monthOf.get(record.id) ?? closingMonth(record.summary);
  }

  /**
   * Writes the month's file with these cases (replacing older copies) and their audit entries
   * added, then takes them in memory. On a failed write memory is unchanged.
   */
  async add(month: string, records: PackedCase[], audit: AuditEntry[], writeFile: FileWriter): Promise<void> {
    const before = this.months.get(month) ?? emptyArchive(month);
    const cases = dictionary({ ...before.cases });
    for (const record of records) cases[record.id] = record;
    const next: ArchiveDocument = { ...before, cases, audit: [...before.audit, ...audit] };
    await writeArchive(this.liveFile, next, writeFile);
    this.months.set(month, next);
    for (const record of records) this.monthOf.set(record.id, month);
  }
}

/**
 * Resolves a case found both in the live document and in an archive, which a crash between the
 * two writes of a move leaves (or a backup read during one): the copy with the higher version
 * wins. An archived copy at least as new as the live one means the move was interrupted after
 * the archive was written: the live copy and its live audit entries (all of them went into the
 * archive with it) are dropped. A newer live copy is a change after archiving (the purge): it
 * stays live and the archived copy is ignored until the case moves again. Returns whether the
 * live document changed.
 */
export function settle(live: LiveDocument, archive: CaseArchive): boolean {
  const moved = new Set<string>();
  for (const [id, record] of Object.entries(live.cases)) {
    const archived = archive.get(id);
    if (archived && archived.version >= record.version) moved.add(id);
  }
  if (moved.size === 0) return false;
  for (const id of moved) delete live.cases[id];
  live.audit = live.audit.filter((entry) => entry.caseId === null || !moved.has(entry.caseId));
  return true;
}

/**
 * Every case once, live or archived (the live copy where both hold one, as after settle): what
 * an index or a count over all histories is built from at open.
 */
export function* allRecords(live: LiveDocument, archive: CaseArchive): Iterable<PackedCase> {
  yield* Object.values(live.cases);
  for (const record of archive.records()) if (!(record.id in live.cases)) yield record;
}

/** The live document with every archived case and audit entry back in it: one document of everything (a backup). */
export function combinedDocument(live: LiveDocument, archive: CaseArchive): LiveDocument {
  const settled = { ...live, cases: dictionary({ ...live.cases }) };
  settle(settled, archive);
  const cases = dictionary<PackedCase>({});
  for (const record of allRecords(settled, archive)) cases[record.id] = record;
  return { ...settled, cases, audit: mergeByTime(archive.auditEntries(), settled.audit) };
}

/** Two lists in log order merged into one by time; on equal times the first list's entry comes first. */
export function mergeByTime(first: AuditEntry[], second: AuditEntry[]): AuditEntry[] {
  if (first.length === 0) return [...second];
  if (second.length === 0) return [...first];
  const merged: AuditEntry[] = [];
  let [i, j] = [0, 0];
  while (i < first.length && j < second.length)
    merged.push(second[j]!.at < first[i]!.at ? second[j++]! : first[i++]!);
  return merged.concat(first.slice(i), second.slice(j));
}
