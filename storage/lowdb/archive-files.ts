import { readdir, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { CaseRecord, CaseSummary } from '../../casework/case/types.js';
import type { AuditEntry } from '../../casework/ports.js';
import { syncDirectory, type FileWriter } from '../durable-json-file.js';
import { auditShape, caseShape, dictionary, FORMAT_VERSION } from '../store-document.js';
import { packParsedCase, type PackedCase } from './packed-case.js';
import { serializeDocument } from './serialize.js';

// The archive files of the embedded store: closed cases leave the live file (aanzet.json) into
// one file per month of closing next to it, `aanzet.archive-2026-03.json`, together with their
// audit entries. A month's file is rewritten only when cases move into it, so a write of the
// live file stays proportional to the open work. The move itself is archive-sweep.ts.

/** An archive file's document. */
export interface ArchiveFile {
  formatVersion: typeof FORMAT_VERSION;
  /** The month of closing, YYYY-MM (UTC), of every case in this file. */
  month: string;
  cases: Record<string, CaseRecord>;
  /** The audit entries of these cases, in log order. */
  audit: AuditEntry[];
}

/** An archive in memory: its cases packed (packed-case.ts). */
export type ArchiveDocument = Omit<ArchiveFile, 'cases'> & { cases: Record<string, PackedCase> };

const MONTH = /^\d{4}-\d{2}$/;

/** An archive without cases: as a file's document or in memory alike. */
export function emptyArchive(month: string): ArchiveDocument & ArchiveFile {
  return { formatVersion: FORMAT_VERSION, month, cases: dictionary<never>({}), audit: [] };
}

/** The month a closed (or purged) case is archived under; null for an open case, which stays live. */
export function closingMonth(summary: CaseSummary): string | null {
  if (summary.status === 'open' || summary.closedAt === null) return null;
  const month = summary.closedAt.slice(0, 7);
  return MONTH.test(month) ? month : null;
}

/** `<dir>/aanzet.archive-2026-03.json` for the live file `<dir>/aanzet.json`. */
export function archivePath(liveFile: string, month: string): string {
  return join(dirname(liveFile), `${stem(liveFile)}.archive-${month}.json`);
}

function stem(liveFile: string): string {
  return basename(liveFile).replace(/\.json$/, '');
}

/** The archive files next to the live file, oldest month first. */
export async function listArchives(liveFile: string): Promise<{ month: string; path: string }[]> {
  const prefix = `${stem(liveFile)}.archive-`;
  const found: { month: string; path: string }[] = [];
  for (const name of await readdir(dirname(liveFile))) {
    if (!name.startsWith(prefix) || !name.endsWith('.json')) continue;
    const month = name.slice(prefix.length, -'.json'.length);
    if (MONTH.test(month)) found.push({ month, path: join(dirname(liveFile), name) });
  }
  return found.sort((a, b) => (a.month < b.month ? -1 : 1));
}

const archiveShape = z
  .strictObject({
    formatVersion: z.literal(FORMAT_VERSION),
    month: z.string().regex(MONTH),
    cases: z.record(z.string(), caseShape),
    audit: z.array(auditShape),
  })
  .superRefine((doc, ctx) => {
    for (const [key, record] of Object.entries(doc.cases))
      if (record.id !== key)
        ctx.addIssue({ code: 'custom', path: ['cases', key, 'id'], message: 'differs from its key' });
  });

/** Parses an archive file's text; anything else is an Error naming the file and why. */
export function parseArchive(text: string, path: string, month: string): ArchiveDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message}); the file was left as it is`);
  }
  const result = archiveShape.safeParse(json);
  if (!result.success) {
    const reasons = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new Error(`${path}: not an AanZet archive file: ${reasons.join('; ')}; the file was left as it is`);
  }
  if (result.data.month !== month)
    throw new Error(`${path}: holds month ${result.data.month}, not ${month} as its name says`);
  const doc = result.data as unknown as ArchiveFile;
  const cases = dictionary<PackedCase>({});
  for (const [id, record] of Object.entries(doc.cases)) cases[id] = packParsedCase(record);
  return { ...doc, cases };
}

export async function readArchive(path: string, month: string): Promise<ArchiveDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read the archive file: ${(error as Error).message}`);
  }
  return parseArchive(text, path, month);
}

/** Every archive next to the live file, by month. */
export async function readArchives(liveFile: string): Promise<Map<string, ArchiveDocument>> {
  const archives = new Map<string, ArchiveDocument>();
  for (const { month, path } of await listArchives(liveFile))
    archives.set(month, await readArchive(path, month));
  return archives;
}

/**
 * Writes an archive like the live file is written: the whole text to a temp file (fsynced),
 * renamed over the archive, the folder synced. A crash leaves the old file or the new one.
 */
export async function writeArchive(
  liveFile: string,
  archive: ArchiveDocument,
  writeFile: FileWriter,
): Promise<void> {
  const path = archivePath(liveFile, archive.month);
  const temp = join(dirname(path), `.${basename(path)}.tmp`);
  await writeFile(temp, serializeDocument(archive, false));
  await rename(temp, path);
  await syncDirectory(dirname(path));
}
