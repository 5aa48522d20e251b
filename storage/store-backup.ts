import { constants } from 'node:fs';
import { copyFile, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FILE_MODE, ownerOnly, syncDirectory, writeFileDurably } from './durable-json-file.js';
import { listArchives } from './lowdb/archive-files.js';
import { CaseArchive, combinedDocument } from './lowdb/case-archive.js';
import { packDocument, type LiveDocument } from './lowdb/packed-case.js';
import { serializeDocument } from './lowdb/serialize.js';
import { parseDocument, type StoreDocument } from './store-document.js';
import { acquireLock } from './store-lock.js';

// Backup and restore of the embedded store: its live JSON file and the archive files of the
// closed cases next to it (lowdb/archive-files.ts), as one JSON document of everything.
//
// Backup runs next to a running bot without its lock: the bot writes each file whole to a temp
// file and renames it into place, so reading a file in one go reads one whole document (the old
// one or the new one, never a mix). The live file is read first, the archives after it: a case
// moves into an archive before it leaves the live file, so it is in what was read, once or
// twice; twice is resolved by version as the store does at open. The copy is checked like the
// store checks its files on start, then written to a temp file and renamed into place.
//
// Restore takes the store's lock itself, so it refuses while a bot lives on that data folder
// (and keeps a bot from starting halfway), and checks the backup before touching anything. The
// backup becomes the live file (the store moves its closed cases to new archives at the next
// start); the files it replaces, the archives too, are kept with a .before-restore suffix.

export interface StoreCounts {
  cases: number;
  members: number;
  auditEntries: number;
  conversations: number;
  outbox: number;
}

export function countDocument(doc: StoreDocument | LiveDocument): StoreCounts {
  return {
    cases: Object.keys(doc.cases).length,
    members: Object.keys(doc.members).length,
    auditEntries: doc.audit.length,
    conversations: Object.keys(doc.conversations).length,
    outbox: Object.keys(doc.outbox).length,
  };
}

export function describeCounts(counts: StoreCounts): string {
  return (
    `${counts.cases} cases, ${counts.members} members, ${counts.auditEntries} audit entries, ` +
    `${counts.conversations} conversations, ${counts.outbox} outbox messages`
  );
}

/** The file's text and its checked document; an Error naming the file when it is missing, unreadable or no store document. */
export async function readStoreFile(file: string): Promise<{ text: string; doc: StoreDocument }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${file} does not exist`);
    throw new Error(`${file}: cannot read it: ${(error as Error).message}`);
  }
  return { text, doc: parseDocument(text, file) };
}

/** A timestamp for file names: 20261203T071230Z (UTC, no colons). */
export function fileTimestamp(at = new Date()): string {
  return at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Writes text owner-only to a temp file next to `path`, fsyncs it and renames it over `path`. */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFileDurably(temp, text);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

export interface BackupResult {
  from: string;
  /** How many archive files were copied with the live file. */
  archives: number;
  to: string;
  counts: StoreCounts;
}

/**
 * The live file and its archives as one document (the text as read when there are no archives);
 * an Error naming the file that is missing, unreadable or no store file.
 */
export async function readWholeStore(
  file: string,
): Promise<{ text: string; counts: StoreCounts; archives: number }> {
  const live = await readStoreFile(file);
  const archive = await CaseArchive.load(file);
  if (archive.size === 0) return { text: live.text, counts: countDocument(live.doc), archives: 0 };
  const doc = combinedDocument(packDocument(live.doc), archive);
  return {
    text: serializeDocument(doc, false).toString('utf8'),
    counts: countDocument(doc),
    archives: archive.files,
  };
}

/**
 * Copies the data file and its archives to `to` (default
 * `<data dir>/backups/aanzet-<UTC timestamp>.json`) as one store document, checked.
 */
export async function backupStoreFile(file: string, to?: string): Promise<BackupResult> {
  const { text, counts, archives } = await readWholeStore(file);
  const target = to ?? join(dirname(file), 'backups', `aanzet-${fileTimestamp()}.json`);
  if (to === undefined) {
    // The backups folder holds personal data too: owner only.
    await ownerOnly(dirname(target));
    if (await exists(target)) throw new Error(`${target} already exists`);
  }
  try {
    await writeFileAtomically(target, text);
  } catch (error) {
    throw new Error(`cannot write ${target}: ${(error as Error).message}`);
  }
  // Read back what landed on disk: the backup is only declared good when it parses.
  const written = await readStoreFile(target);
  if (written.text !== text) throw new Error(`${target}: the written copy differs from what was read`);
  return { from: file, archives, to: target, counts };
}

export interface RestoreResult {
  from: string;
  to: string;
  /** Where the file that was replaced was kept; null when there was none. */
  kept: string | null;
  /** Where the archive files that were replaced were kept. */
  keptArchives: string[];
  counts: StoreCounts;
}

/**
 * Puts a checked backup in place of the data file, keeping the current file as
 * `<file>.before-restore-<timestamp>` and moving its archive files aside the same way (a crash
 * halfway leaves kept copies of everything; restoring again finishes the job). Refuses (an
 * Error, nothing changed) when the backup is no store document or another live process holds
 * the store's lock.
 */
export async function restoreStoreFile(from: string, file: string): Promise<RestoreResult> {
  // A backup opened as a store (npm run migrate --from it) has archive files of its own: read them too.
  const { text, counts } = await readWholeStore(from);
  await ownerOnly(dirname(file));
  const lock = acquireLock(file);
  try {
    let kept: string | null = null;
    const suffix = `.before-restore-${fileTimestamp()}`;
    if (await exists(file)) {
      kept = `${file}${suffix}`;
      await copyFile(file, kept, constants.COPYFILE_EXCL);
      const handle = await open(kept, 'r+');
      try {
        await handle.chmod(FILE_MODE);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    // The backup holds every archived case: the archives of the replaced store must not join it.
    const keptArchives: string[] = [];
    for (const { path } of await listArchives(file)) {
      await rename(path, `${path}${suffix}`);
      keptArchives.push(`${path}${suffix}`);
    }
    if (keptArchives.length > 0) await syncDirectory(dirname(file));
    await writeFileAtomically(file, text);
    return { from, to: file, kept, keptArchives, counts };
  } finally {
    lock.release();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
