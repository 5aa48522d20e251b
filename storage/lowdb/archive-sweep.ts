import type { FileWriter } from '../durable-json-file.js';
import type { CaseArchive } from './case-archive.js';
import type { LiveDocument, PackedCase } from './packed-case.js';

// Moving closed cases out of the live file, in the store's write queue (nothing else changes
// the document meanwhile), in two steps:
//   1. each month's archive file is rewritten with its cases and their audit entries (temp file,
//      fsync, rename: the old file or the new one, never a mix);
//   2. the live file is written without them.
// A crash before 1 has ended leaves the cases in the live file only (a half-written temp file
// is ignored); a crash between 1 and 2 leaves them in both, which the next open resolves by
// version (case-archive.ts settle: the archived copy is as new, so the live one is dropped and
// counted once) and then writes the live file without them. Nothing is ever only in memory.

/** How many closed cases the live file may gather before they move (they also move at every open). */
export const ARCHIVE_AFTER = 200;

/**
 * Whether the closed cases of the live document are due to move: `after` of them have gathered,
 * or one has an older copy in an archive (a purged case: that copy still holds the personal
 * data the purge removed, so it is replaced at once, not when enough others have closed).
 */
export function moveDue(live: LiveDocument, archive: CaseArchive, after: number): boolean {
  let count = 0;
  for (const record of Object.values(live.cases))
    if (archive.monthFor(record) !== null && (++count >= after || archive.get(record.id) !== undefined))
      return true;
  return false;
}

/**
 * Moves every closed case of the live document into its month's archive; `writeLive` writes the
 * live document and resolves once it is on disk. Returns how many cases moved.
 */
export async function moveClosedCases(
  live: () => LiveDocument,
  archive: CaseArchive,
  writeFile: FileWriter,
  writeLive: () => Promise<void>,
): Promise<number> {
  const byMonth = new Map<string, PackedCase[]>();
  for (const record of Object.values(live().cases)) {
    const month = archive.monthFor(record);
    if (month === null) continue;
    const list = byMonth.get(month);
    if (list) list.push(record);
    else byMonth.set(month, [record]);
  }
  if (byMonth.size === 0) return 0;
  const moving = new Set<string>();
  for (const records of byMonth.values()) for (const record of records) moving.add(record.id);
  for (const [month, records] of byMonth) {
    const ids = new Set(records.map((r) => r.id));
    const audit = live().audit.filter((entry) => entry.caseId !== null && ids.has(entry.caseId));
    await archive.add(month, records, audit, writeFile);
  }
  // One synchronous change: readers see each case in the live document or, from here, in the archive.
  const doc = live();
  for (const id of moving) delete doc.cases[id];
  doc.audit = doc.audit.filter((entry) => entry.caseId === null || !moving.has(entry.caseId));
  await writeLive();
  return moving.size;
}
