import { constants } from 'node:fs';
import { copyFile, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FILE_MODE, ownerOnly, syncDirectory, writeFileDurably } from './durable-json-file.js';
import { parseDocument, type StoreDocument } from './store-document.js';
import { acquireLock } from './store-lock.js';

// Backup and restore of the embedded store's one JSON file.
//
// Backup runs next to a running bot without its lock: the bot writes the whole document to a
// temp file and renames it over the data file, so reading the file in one go reads one whole
// document (the old one or the new one, never a mix). The copy is checked like the store checks
// its file on start, then written to a temp file and renamed into place.
//
// Restore takes the store's lock itself, so it refuses while a bot lives on that data folder
// (and keeps a bot from starting halfway), and checks the backup before touching anything.

export interface StoreCounts {
  cases: number;
  members: number;
  auditEntries: number;
  conversations: number;
  outbox: number;
}

export function countDocument(doc: StoreDocument): StoreCounts {
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
  to: string;
  counts: StoreCounts;
}

/** Copies the data file to `to` (default `<data dir>/backups/aanzet-<UTC timestamp>.json`), checked. */
export async function backupStoreFile(file: string, to?: string): Promise<BackupResult> {
  const { text, doc } = await readStoreFile(file);
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
  return { from: file, to: target, counts: countDocument(doc) };
}

export interface RestoreResult {
  from: string;
  to: string;
  /** Where the file that was replaced was kept; null when there was none. */
  kept: string | null;
  counts: StoreCounts;
}

/**
 * Puts a checked backup in place of the data file, keeping the current file as
 * `<file>.before-restore-<timestamp>`. Refuses (an Error, nothing changed) when the backup is no
 * store document or another live process holds the store's lock.
 */
export async function restoreStoreFile(from: string, file: string): Promise<RestoreResult> {
  const { text, doc } = await readStoreFile(from);
  await ownerOnly(dirname(file));
  const lock = acquireLock(file);
  try {
    let kept: string | null = null;
    if (await exists(file)) {
      kept = `${file}.before-restore-${fileTimestamp()}`;
      await copyFile(file, kept, constants.COPYFILE_EXCL);
      const handle = await open(kept, 'r+');
      try {
        await handle.chmod(FILE_MODE);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await writeFileAtomically(file, text);
    return { from, to: file, kept, counts: countDocument(doc) };
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
