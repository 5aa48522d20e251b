import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Casework } from '../casework/casework.js';
import type { CaseEvent, CaseRecord } from '../casework/case/types.js';
import type { Covenant } from '../casework/covenant/covenant.js';
import type { AuditEntry, Member } from '../casework/ports.js';
import { archivePath, emptyArchive, type ArchiveFile } from '../storage/lowdb/archive-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { emptyDocument } from '../storage/store-document.js';
import { benchSignal, lekstroomMember } from './seed.js';

// Seeding a lowdb store with 100,000 cases through the use cases takes far longer than the
// measurement. So, as bulk-seed.ts does for PostgreSQL, a few real cases are made through the
// use cases (one at the joint visit, one closed) and copied, each copy with its own id,
// household and audit line, straight into the store's files: the open ones into the live file,
// the closed ones into the monthly archive files where the store itself would have moved them.

export interface SeededStore {
  dir: string;
  /** Ids of the open cases (at the joint visit) and their version. */
  open: { caseId: string; version: number }[];
  cleanup(): void;
}

interface Template {
  record: CaseRecord;
  audit: AuditEntry[];
}

/** The templates, made through the real use cases on a throw-away store. */
async function templates(
  covenant: Covenant,
  now: Date,
  wil: Member,
): Promise<{ open: Template; closed: Template }> {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-bench-templates-'));
  const store = await openLowdbStore({ dataDir: dir, archiveAfter: Number.POSITIVE_INFINITY });
  try {
    const casework = new Casework({ covenants: [covenant], ...store, clock: () => now });
    const mitros = lekstroomMember(covenant, 'bench-mitros', 'mitros');
    const open = await casework.registerSignal(mitros, benchSignal(covenant, 1, { name: 'Sjabloon' }));
    const toClose = await casework.registerSignal(mitros, benchSignal(covenant, 2, { name: 'Sjabloon' }));
    await casework.closeCase(wil, toClose.caseId, toClose.loaded.record.version, {
      finalResult: 'geen-contact',
    });
    const template = async (caseId: string): Promise<Template> => ({
      record: (await store.cases.get(caseId))!,
      audit: await store.audit.list({ caseId }),
    });
    return { open: await template(open.caseId), closed: await template(toClose.caseId) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A copy of the template as case `id`, closed at `closedAt` when given. */
function copyOf(template: Template, id: string, i: number, closedAt?: string): Template {
  const record = structuredClone(template.record);
  record.id = id;
  record.summary.caseId = id;
  if (record.householdKey !== null) record.householdKey = `${record.householdKey}|${i}`;
  if (closedAt !== undefined) {
    record.summary.closedAt = closedAt;
    record.events = record.events.map((e): CaseEvent => (e.type === 'closed' ? { ...e, at: closedAt } : e));
  }
  const audit = template.audit.map((entry) => ({ ...entry, caseId: id }));
  return { record, audit };
}

/**
 * A lowdb data folder with `open` cases at the joint visit in the live file and `closed` cases
 * closed over the 48 months before `now`, in their archive files.
 */
export async function seedArchivedStore(
  covenant: Covenant,
  now: Date,
  wil: Member,
  counts: { open: number; closed: number },
): Promise<SeededStore> {
  const { open, closed } = await templates(covenant, now, wil);
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-bench-archive-'));
  const live = emptyDocument();
  live.members[wil.userId] = wil;
  const opened: SeededStore['open'] = [];
  for (let i = 0; i < counts.open; i++) {
    const copy = copyOf(open, `LEK-2026-O${String(i).padStart(6, '0')}`, i);
    live.cases[copy.record.id] = copy.record;
    live.audit.push(...copy.audit);
    opened.push({ caseId: copy.record.id, version: copy.record.version });
  }
  const months = new Map<string, ArchiveFile>();
  for (let i = 0; i < counts.closed; i++) {
    const closedAt = new Date(now.getTime() - ((i % 1_440) + 1) * 24 * 3600_000).toISOString();
    const copy = copyOf(closed, `LEK-2026-C${String(i).padStart(6, '0')}`, counts.open + i, closedAt);
    const month = closedAt.slice(0, 7);
    let archive = months.get(month);
    if (!archive) months.set(month, (archive = emptyArchive(month)));
    archive.cases[copy.record.id] = copy.record;
    archive.audit.push(...copy.audit);
  }
  const file = join(dir, 'aanzet.json');
  writeFileSync(file, JSON.stringify(live), { mode: 0o600 });
  for (const archive of months.values())
    writeFileSync(archivePath(file, archive.month), JSON.stringify(archive), { mode: 0o600 });
  return { dir, open: opened, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
