import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseRecord } from '../../casework/case/types.js';
import type { AuditEntry, Store } from '../../casework/ports.js';
import { closedEvent, closedSummary, makeCaseRecord, makeEvent } from '../fixtures/case-records.js';

// For the tests of lowdb's archive files: the files as on disk, and closed and purged cases.

export type ArchiveFile = { month: string; cases: Record<string, CaseRecord>; audit: AuditEntry[] };
export type Files = {
  live: Record<string, CaseRecord>;
  liveAudit: AuditEntry[];
  archives: Record<string, ArchiveFile>;
};

/** The live file's cases and audit, and each archive file, as on disk. */
export function filesIn(dir: string): Files {
  const live = JSON.parse(readFileSync(join(dir, 'aanzet.json'), 'utf8'));
  const archives: Record<string, ArchiveFile> = {};
  for (const name of readdirSync(dir).filter((n) => /^aanzet\.archive-.*\.json$/.test(n)))
    archives[name] = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  return { live: live.cases, liveAudit: live.audit, archives };
}

/** Case ids found in more than one file. */
export function inTwoPlaces(files: Files): string[] {
  const seen = new Map<string, number>();
  for (const cases of [files.live, ...Object.values(files.archives).map((a) => a.cases)])
    for (const id of Object.keys(cases)) seen.set(id, (seen.get(id) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

export const entry = (
  caseId: string | null,
  detail: string,
  at = '2026-03-09T09:00:00.000Z',
): AuditEntry => ({
  at,
  userId: 'u1',
  partnerId: null,
  action: caseId === null ? 'refused' : 'change',
  caseId,
  detail,
});

/** Creates a case (with its audit line, at `openedAt`) and closes it at `closedAt`. */
export async function closedCase(
  store: Store,
  id: string,
  closedAt: string,
  openedAt?: string,
): Promise<CaseRecord> {
  const record = makeCaseRecord({ id, householdKey: `h-${id}` });
  await store.cases.create(record, [entry(id, `${id} opened`, openedAt)]);
  return store.cases.append(
    id,
    record.version,
    [closedEvent(record, closedAt)],
    closedSummary(record, closedAt),
  );
}

/** The purge of a closed case, with its audit line. */
export function purgeChange(record: CaseRecord) {
  const version = record.version + 1;
  return {
    redacted: [],
    events: [makeEvent(version, { type: 'purged' }, '2027-02-02T02:00:00.000Z')],
    summary: { ...record.summary, status: 'purged' as const, version },
    audit: [entry(record.id, `${record.id} purged`, '2027-02-02T02:00:00.000Z')],
  };
}
