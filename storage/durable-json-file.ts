import { chmod, mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

// A lowdb adapter that writes like lowdb's JSONFile (steno: temp file, then rename) but also
// fsyncs the temp file and the directory, so a resolved write survives a power cut and not
// only a crashed process. Writes that arrive while one is running are merged into the next
// one (group commit): every caller still resolves only after a write that contains its data.
// The data is personal: the file, its temp file and the folder are for the owner only.

/** Owner only: the data file, its temp file, the lock file and the probe. */
export const FILE_MODE = 0o600;
export const DIRECTORY_MODE = 0o700;

/**
 * Writes a whole file durably: text to the file, fsync, with owner-only permissions also when
 * the file existed with looser ones. Injectable so tests can make the disk fail (ENOSPC).
 */
export type FileWriter = (path: string, text: string | Uint8Array) => Promise<void>;

export const writeFileDurably: FileWriter = async (path, text) => {
  const handle = await open(path, 'w', FILE_MODE);
  try {
    await handle.chmod(FILE_MODE);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** Creates the folder owner-only, or tightens an existing one (and the file in it) to owner-only. */
export async function ownerOnly(dir: string, file?: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIRECTORY_MODE });
  if (((await stat(dir)).mode & 0o777) !== DIRECTORY_MODE) await chmod(dir, DIRECTORY_MODE);
  if (file === undefined) return;
  try {
    if (((await stat(file)).mode & 0o777) !== FILE_MODE) await chmod(file, FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

const noop = () => undefined;

export class DurableJsonFile<T> implements Adapter<T> {
  readonly #temp: string;
  #running: Promise<void> | undefined;
  #queued: { data: T; done: Promise<void> } | undefined;

  constructor(
    readonly file: string,
    private readonly parse: (text: string) => T,
    private readonly writeFile: FileWriter = writeFileDurably,
    /** The document's text; the store's keeps the text of unchanged records (lowdb/serialize.ts). */
    private readonly serialize: (data: T) => string | Uint8Array = JSON.stringify,
  ) {
    this.#temp = join(dirname(file), `.${basename(file)}.tmp`);
  }

  /** null when the file does not exist yet; any other failure names the file. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`${this.file}: cannot read the data file: ${(error as Error).message}`);
    }
    return this.parse(text);
  }

  write(data: T): Promise<void> {
    if (this.#queued) {
      // Not started yet: the newest data replaces the queued data, which it includes.
      this.#queued.data = data;
      return this.#queued.done;
    }
    if (!this.#running) return this.#start(data);
    const queued: { data: T; done: Promise<void> } = { data, done: Promise.resolve() };
    queued.done = this.#running.then(noop, noop).then(() => {
      this.#queued = undefined;
      return this.#start(queued.data);
    });
    this.#queued = queued;
    return queued.done;
  }

  /** Resolves when no write is running or queued; never rejects (callers saw the error). */
  idle(): Promise<void> {
    return (this.#queued?.done ?? this.#running ?? Promise.resolve()).then(noop, noop);
  }

  #start(data: T): Promise<void> {
    // Serialised when the write starts, not when asked: for a live object (lowdb's data) a
    // merged write then carries every change made before it started.
    const run = this.#writeNow(this.serialize(data)).finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  async #writeNow(text: string | Uint8Array): Promise<void> {
    await this.writeFile(this.#temp, text);
    await rename(this.#temp, this.file);
    await syncDirectory(dirname(this.file));
  }
}

/** Makes the rename itself durable. Not possible on every platform (Windows): best effort. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data is synced; only the directory entry may lag on such platforms.
  }
}
