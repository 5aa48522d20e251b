import { unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import {
  StoreUnavailable,
  type AuditLog,
  type Cases,
  type Conversations,
  type KeyValues,
  type Members,
  type Outbox,
  type Store,
} from '../casework/ports.js';
import {
  DurableJsonFile,
  ownerOnly,
  syncDirectory,
  writeFileDurably,
  type FileWriter,
} from './durable-json-file.js';
import { copy, type LowdbAccess } from './lowdb/access.js';
import { ARCHIVE_AFTER, moveClosedCases, moveDue } from './lowdb/archive-sweep.js';
import { AuditIndex, lowdbAudit } from './lowdb/audit.js';
import { CaseArchive, settle } from './lowdb/case-archive.js';
import { lowdbCases } from './lowdb/cases.js';
import { serializeDocument } from './lowdb/serialize.js';
import { packDocument, type LiveDocument } from './lowdb/packed-case.js';
import { lowdbConversations } from './lowdb/conversations.js';
import { lowdbKeyValues } from './lowdb/key-values.js';
import { lowdbMembers } from './lowdb/members.js';
import { lowdbOutbox } from './lowdb/outbox.js';
import { acquireLock, type HeldLock } from './store-lock.js';
import { emptyDocument, parseDocument } from './store-document.js';

// The embedded engine (DESIGN.md decision 6): one process, one JSON file, held in memory as
// lowdb's data object, each case in it as its JSON bytes beside its summary (lowdb/packed-case.ts).
// Changes go into that object; a write serialises it whole. This file holds the file, the lock
// and the write queue; each port lives in lowdb/ and works through them.
// Closed cases leave that live file for monthly archive files next to it (lowdb/archive-*.ts),
// at every open, whenever ARCHIVE_AFTER of them have gathered and right after a purge of an
// archived case, so a write costs what the open work weighs, not the years of history;
// everything is still read from memory.

export type LowdbStore = Store & {
  recoveredStaleLock: boolean;
  /** The dead process whose lock was taken over at start, if any. */
  staleLockHolder: HeldLock['staleHolder'];
  file: string;
  /** Moves the closed cases of the live file to the archive files now; resolves with how many moved. */
  archiveClosedCases(): Promise<number>;
};

export interface LowdbOptions {
  dataDir: string;
  fileName?: string;
  /** How often the lock's heartbeat is refreshed (tests make it short). */
  lockHeartbeatMs?: number;
  /** Tests inject a failing disk here; the default writes and fsyncs the file. */
  writeFile?: FileWriter;
  /**
   * How many closed cases the live file gathers before they move to the archive (tests: 1);
   * Infinity: they move at open only, also after a purge (tests and benchmarks that set up a state).
   */
  archiveAfter?: number;
  /**
   * After a failed write, how long a use of the store waits before it tries again to write the
   * whole document (default 5 s; tests make it short). Readiness probes try at every probe.
   */
  retryWriteAfterMs?: number;
}

/** After a failed write: at most one try to write the whole document again in this time, on use. */
const RETRY_WRITE_AFTER_MS = 5_000;

export async function openLowdbStore(options: LowdbOptions): Promise<LowdbStore> {
  const file = resolve(options.dataDir, options.fileName ?? 'aanzet.json');
  // Personal data: owner only, also when an older version left the folder or file readable.
  await ownerOnly(dirname(file), file);
  const lock = acquireLock(file, {
    ...(options.lockHeartbeatMs ? { heartbeatMs: options.lockHeartbeatMs } : {}),
  });
  try {
    const writeFile = options.writeFile ?? writeFileDurably;
    const adapter = new DurableJsonFile<LiveDocument>(
      file,
      (text) => packDocument(parseDocument(text, file)),
      writeFile,
      serializeDocument,
    );
    const fresh = packDocument(emptyDocument());
    const low = new Low(adapter, fresh);
    await low.read();
    // A new file is written at once, so an unwritable directory fails the start, not the first signal.
    if (low.data === fresh) await low.write();
    const archive = await CaseArchive.load(file);
    // A move that a crash interrupted is resolved in memory here and completed by the move below.
    const interrupted = settle(low.data, archive);
    const store = new LowdbStoreImpl(file, low, adapter, lock, writeFile, archive, {
      archiveAfter: options.archiveAfter ?? ARCHIVE_AFTER,
      retryWriteAfterMs: options.retryWriteAfterMs ?? RETRY_WRITE_AFTER_MS,
    });
    try {
      const moved = await store.archiveClosedCases();
      if (interrupted && moved === 0) await low.write();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  } catch (error) {
    lock.release();
    throw error;
  }
}

const noop = () => undefined;

class LowdbStoreImpl implements LowdbStore {
  readonly recoveredStaleLock: boolean;
  readonly staleLockHolder: HeldLock['staleHolder'];
  readonly cases: Cases;
  readonly members: Members;
  readonly audit: AuditLog;
  readonly keyValues: KeyValues;
  readonly outbox: Outbox;
  readonly conversations: Conversations;
  /** The mutex: each mutation starts when the previous one has been applied. */
  private queue: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  /**
   * Set when a write failed: memory may then hold changes the file lacks, so nothing more is
   * served until a write of the whole document succeeds (tried on use and by readiness probes).
   */
  private failure: Error | undefined;
  private lastRetry = Number.NEGATIVE_INFINITY;
  private readonly onExit = () => this.lock.release();
  private archiveQueued = false;

  constructor(
    readonly file: string,
    private readonly low: Low<LiveDocument>,
    private readonly adapter: DurableJsonFile<LiveDocument>,
    private readonly lock: HeldLock,
    private readonly writeFile: FileWriter,
    private readonly archive: CaseArchive,
    private readonly timing: { archiveAfter: number; retryWriteAfterMs: number },
  ) {
    this.recoveredStaleLock = lock.recoveredStale;
    this.staleLockHolder = lock.staleHolder;
    const access: LowdbAccess = {
      doc: () => this.low.data,
      mutate: (apply) => this.mutate(apply),
      read: (get) => this.read(get),
      assertUsable: () => this.assertUsable(),
    };
    const auditIndex = new AuditIndex(() => this.low.data.audit, archive.auditEntries());
    this.cases = lowdbCases(access, auditIndex, archive);
    this.members = lowdbMembers(access);
    this.audit = lowdbAudit(access, auditIndex);
    this.keyValues = lowdbKeyValues(access);
    this.outbox = lowdbOutbox(access);
    this.conversations = lowdbConversations(access);
    process.on('exit', this.onExit);
  }

  /**
   * Ready when a small probe file can be written and fsynced next to the data file (the disk
   * takes writes). After a failed data write the whole document is written again: once that
   * succeeds the file holds everything in memory and the store serves again.
   */
  async check(): Promise<void> {
    if (this.closing) throw new Error(`${this.file}: the store is closed`);
    const probe = join(dirname(this.file), `.${basename(this.file)}.probe`);
    try {
      await this.writeFile(probe, new Date().toISOString());
      await unlink(probe);
    } catch (error) {
      await unlink(probe).catch(() => undefined);
      throw new Error(`${this.file}: the data folder takes no writes: ${(error as Error).message}`);
    }
    if (this.failure) await this.recover();
  }

  private recover(): Promise<void> {
    const attempt = this.queue.then(async () => {
      if (!this.failure) return;
      await this.low.write();
      await syncDirectory(dirname(this.file));
      this.failure = undefined;
    });
    this.queue = attempt.then(noop, noop);
    return attempt;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.queue;
        await this.adapter.idle();
      } finally {
        this.lock.release();
        process.off('exit', this.onExit);
      }
    })();
    return this.closing;
  }

  /**
   * Moves the live file's closed cases to the archive files, in turn with the changes (see
   * lowdb/archive-sweep.ts for the steps and what a crash between them leaves). Resolves with
   * how many moved once both the archives and the live file are on disk.
   */
  archiveClosedCases(): Promise<number> {
    try {
      this.assertUsable();
    } catch (error) {
      return Promise.reject(error);
    }
    const step = this.queue.then(async () => {
      this.archiveQueued = false;
      if (this.failure) throw this.refusal();
      // What the archive receives is on disk in the live file first.
      await this.adapter.idle();
      return moveClosedCases(
        () => this.low.data,
        this.archive,
        this.writeFile,
        () => this.requestWrite(),
      );
    });
    this.queue = step.then(noop, noop);
    return step;
  }

  /** Inside a change: queues a move once enough closed cases have gathered in the live file. */
  private archiveWhenDue(): void {
    if (this.archiveQueued || this.closing || this.timing.archiveAfter === Number.POSITIVE_INFINITY) return;
    if (!moveDue(this.low.data, this.archive, this.timing.archiveAfter)) return;
    this.archiveQueued = true;
    // A failed archive write changed nothing (the cases stay live) and the next change tries again;
    // a failed live write has made the store refuse use, as any failed write does.
    this.archiveClosedCases().catch(noop);
  }

  /** Reads see every applied change; the copy keeps callers from changing stored state. */
  private read<T>(get: () => T): T {
    this.assertUsable();
    return copy(get());
  }

  /**
   * Applies a change in turn with the others and resolves once a write containing it has
   * finished, so whatever a caller has been told is on disk.
   */
  private mutate<T>(apply: () => T): Promise<T> {
    try {
      this.assertUsable();
    } catch (error) {
      return Promise.reject(error);
    }
    const step = this.queue.then(() => {
      if (this.failure) throw this.refusal();
      const result = apply();
      const written = this.requestWrite();
      this.archiveWhenDue();
      return { result, written };
    });
    this.queue = step.then(noop, noop);
    return step.then(async ({ result, written }) => {
      await written;
      return result;
    });
  }

  private requestWrite(): Promise<void> {
    // The adapter serialises the live document when its write starts, so changes that arrive
    // during a write share the next one instead of each costing a write of the whole file.
    return this.low.write().catch((error: unknown) => {
      // Whose change was in this write is told it failed; the change stays in memory and goes
      // to disk with the next write that succeeds.
      this.failure ??= new Error(`${this.file}: writing failed: ${(error as Error).message}`, {
        cause: error,
      });
      throw this.failure;
    });
  }

  private assertUsable(): void {
    if (this.failure) throw this.refusal();
    if (this.closing) throw new Error(`${this.file}: the store is closed`);
  }

  /**
   * What a use is told while a failed write is not yet made good: nothing of it was done (the
   * user is asked to try again in a while). Tries the write again, at most once per
   * retryWriteAfterMs, so the store serves again by itself once the disk takes writes.
   */
  private refusal(): StoreUnavailable {
    const now = Date.now();
    if (!this.closing && now - this.lastRetry >= this.timing.retryWriteAfterMs) {
      this.lastRetry = now;
      this.recover().catch(noop);
    }
    return new StoreUnavailable(`${this.failure!.message}; nothing is served until a write succeeds again`, {
      cause: this.failure,
    });
  }
}
