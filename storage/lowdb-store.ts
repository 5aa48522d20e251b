import { resolve } from 'node:path';
import { Low } from 'lowdb';
import type { CaseEvent, CaseRecord, CaseSummary, PersonalData } from '../casework/case/types.js';
import { CaseNotFound } from '../casework/errors.js';
import { randomUUID } from 'node:crypto';
import {
  DuplicateCase,
  EtagConflict,
  type Conversations,
  type KeyValues,
  VersionConflict,
  type AuditEntry,
  type AuditLog,
  type Cases,
  type Members,
  type PurgeChange,
  type Store,
  type SummaryQuery,
} from '../casework/ports.js';
import { byDeadline, CaseIndex, matches } from './case-index.js';
import { unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  DurableJsonFile,
  ownerOnly,
  syncDirectory,
  writeFileDurably,
  type FileWriter,
} from './durable-json-file.js';
import { lowdbOutbox } from './lowdb-outbox.js';
import { acquireLock, type HeldLock } from './store-lock.js';
import { emptyDocument, parseDocument, type StoreDocument } from './store-document.js';

// The embedded engine (DESIGN.md decision 6): one process, one JSON file, held in memory as
// lowdb's data object. Changes go into that object; a write serialises it whole.

export type LowdbStore = Store & {
  recoveredStaleLock: boolean;
  /** The dead process whose lock was taken over at start, if any. */
  staleLockHolder: HeldLock['staleHolder'];
  file: string;
};

export interface LowdbOptions {
  dataDir: string;
  fileName?: string;
  /** How often the lock's heartbeat is refreshed (tests make it short). */
  lockHeartbeatMs?: number;
  /** Tests inject a failing disk here; the default writes and fsyncs the file. */
  writeFile?: FileWriter;
}

export async function openLowdbStore(options: LowdbOptions): Promise<LowdbStore> {
  const file = resolve(options.dataDir, options.fileName ?? 'aanzet.json');
  // Personal data: owner only, also when an older version left the folder or file readable.
  await ownerOnly(dirname(file), file);
  const lock = acquireLock(file, {
    ...(options.lockHeartbeatMs ? { heartbeatMs: options.lockHeartbeatMs } : {}),
  });
  try {
    const writeFile = options.writeFile ?? writeFileDurably;
    const adapter = new DurableJsonFile<StoreDocument>(file, (text) => parseDocument(text, file), writeFile);
    const fresh = emptyDocument();
    const low = new Low(adapter, fresh);
    await low.read();
    // A new file is written at once, so an unwritable directory fails the start, not the first signal.
    if (low.data === fresh) await low.write();
    return new LowdbStoreImpl(file, low, adapter, lock, writeFile);
  } catch (error) {
    lock.release();
    throw error;
  }
}

const copy = <T>(value: T): T => structuredClone(value);
const expired = (entry: { expiresAt?: string }, now: Date | undefined) =>
  now !== undefined && entry.expiresAt !== undefined && Date.parse(entry.expiresAt) <= now.getTime();
const noop = () => undefined;

class LowdbStoreImpl implements LowdbStore {
  readonly recoveredStaleLock: boolean;
  readonly staleLockHolder: HeldLock['staleHolder'];
  private readonly index = new CaseIndex();
  private readonly auditByCase = new Map<string, number[]>();
  private readonly auditByUser = new Map<string, number[]>();
  /** The mutex: each mutation starts when the previous one has been applied. */
  private queue: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  /** Set when a write failed: memory may then hold changes the file lacks, so nothing more is served. */
  private failure: Error | undefined;
  private readonly onExit = () => this.lock.release();

  constructor(
    readonly file: string,
    private readonly low: Low<StoreDocument>,
    private readonly adapter: DurableJsonFile<StoreDocument>,
    private readonly lock: HeldLock,
    private readonly writeFile: FileWriter,
  ) {
    this.recoveredStaleLock = lock.recoveredStale;
    this.staleLockHolder = lock.staleHolder;
    for (const record of Object.values(this.doc.cases)) this.index.add(record);
    this.doc.audit.forEach((entry, i) => this.indexAudit(entry, i));
    process.on('exit', this.onExit);
  }

  private get doc(): StoreDocument {
    return this.low.data;
  }

  readonly cases: Cases = {
    nextCaseNumber: (covenantId, year) =>
      this.mutate(() => {
        const key = `${covenantId}:${year}`;
        return (this.doc.caseCounters[key] = (this.doc.caseCounters[key] ?? 0) + 1);
      }),
    create: (record, audit = []) => {
      const stored = copy(record);
      const entries = copy(audit);
      return this.mutate(() => {
        if (this.doc.cases[stored.id]) throw new DuplicateCase(stored.id, 'id');
        const open = stored.householdKey && this.index.openCaseOf(stored.covenantId, stored.householdKey);
        if (open) throw new DuplicateCase(open, 'household');
        this.doc.cases[stored.id] = stored;
        this.index.add(stored);
        this.addAudit(entries);
      });
    },
    get: async (caseId) => this.read(() => this.doc.cases[caseId]),
    getSummary: async (caseId) => this.read(() => this.doc.cases[caseId]?.summary),
    findOpenByHousehold: async (covenantId, householdKey) =>
      this.read(() => {
        const id = this.index.openCaseOf(covenantId, householdKey);
        return id === undefined ? undefined : this.doc.cases[id];
      }),
    append: (caseId, expectedVersion, events, summary, personal, audit = []) =>
      this.appendEvents(caseId, expectedVersion, copy(events), copy(summary), copy(personal), copy(audit)),
    listSummaries: async (query) => this.read(() => this.summaries(query)),
    purge: (caseId, expectedVersion, change) => this.purgeCase(caseId, expectedVersion, copy(change)),
  };

  readonly members: Members = {
    get: async (userId) => this.read(() => this.doc.members[userId]),
    put: (member) => {
      const stored = copy(member);
      return this.mutate(() => void (this.doc.members[stored.userId] = stored));
    },
    list: async (covenantId) =>
      this.read(() =>
        Object.values(this.doc.members)
          .filter((m) => covenantId === undefined || m.memberships.some((s) => s.covenantId === covenantId))
          .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)),
      ),
  };

  readonly audit: AuditLog = {
    append: (entry) => {
      const stored = copy(entry);
      return this.mutate(() => this.addAudit([stored]));
    },
    list: async ({ caseId, userId }) =>
      this.read(() => {
        const lists: number[][] = [];
        if (caseId !== undefined) lists.push(this.auditByCase.get(caseId) ?? []);
        if (userId !== undefined) lists.push(this.auditByUser.get(userId) ?? []);
        const positions = lists.sort((a, b) => a.length - b.length)[0];
        const entries = positions ? positions.map((i) => this.doc.audit[i]!) : this.doc.audit;
        return entries.filter(
          (e) =>
            (caseId === undefined || e.caseId === caseId) && (userId === undefined || e.userId === userId),
        );
      }),
  };

  readonly keyValues: KeyValues = {
    get: async (keys, now) => {
      const found = this.read(() =>
        Object.fromEntries(
          keys.flatMap((k) => {
            const entry = this.doc.keyValues[k];
            return entry && !expired(entry, now) ? [[k, { value: entry.value, etag: entry.etag }]] : [];
          }),
        ),
      );
      // Swept on read too, so a left flow's personal data is gone as soon as anyone looks.
      if (now && keys.some((k) => this.doc.keyValues[k] && expired(this.doc.keyValues[k], now)))
        await this.sweep(now, keys);
      return found;
    },
    set: (entries) => {
      const stored = copy(entries);
      return this.mutate(() => {
        for (const { key, etag } of stored) {
          if (etag !== undefined && etag !== '*' && this.doc.keyValues[key]?.etag !== etag)
            throw new EtagConflict(key);
        }
        for (const { key, value, expiresAt } of stored)
          this.doc.keyValues[key] = { value, etag: randomUUID(), ...(expiresAt ? { expiresAt } : {}) };
      });
    },
    delete: (keys) => this.mutate(() => keys.forEach((key) => delete this.doc.keyValues[key])),
    sweepExpired: (now) => this.sweep(now),
  };

  private async sweep(now: Date, keys?: string[]): Promise<number> {
    const candidates = keys ?? Object.keys(this.doc.keyValues);
    // Nothing to delete costs no write of the whole file.
    if (!candidates.some((key) => this.doc.keyValues[key] && expired(this.doc.keyValues[key], now))) {
      this.assertUsable();
      return 0;
    }
    return this.mutate(() => {
      let removed = 0;
      for (const key of candidates) {
        const entry = this.doc.keyValues[key];
        if (entry && expired(entry, now) && delete this.doc.keyValues[key]) removed++;
      }
      return removed;
    });
  }

  readonly outbox = lowdbOutbox(
    () => this.doc.outbox,
    (apply) => this.mutate(apply),
    (get) => this.read(get),
  );

  readonly conversations: Conversations = {
    put: (target) => {
      const stored = copy(target);
      return this.mutate(() => void (this.doc.conversations[stored.id] = stored));
    },
    get: async (id) => this.read(() => this.doc.conversations[id]),
    list: async ({ userId, teamId, kind, linkedTo }) =>
      this.read(() =>
        Object.values(this.doc.conversations)
          .filter(
            (c) =>
              (userId === undefined || c.userId === userId) &&
              (teamId === undefined || c.teamId === teamId) &&
              (kind === undefined || c.kind === kind) &&
              (linkedTo === undefined ||
                (c.links ?? []).some(
                  (l) => l.covenantId === linkedTo.covenantId && l.partnerId === linkedTo.partnerId,
                )),
          )
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      ),
    remove: (filter) =>
      this.mutate(() => {
        const ids =
          'id' in filter
            ? [filter.id]
            : Object.values(this.doc.conversations)
                .filter((c) => c.teamId === filter.teamId)
                .map((c) => c.id);
        let removed = 0;
        for (const id of ids) if (this.doc.conversations[id] && delete this.doc.conversations[id]) removed++;
        return removed;
      }),
  };

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

  private appendEvents(
    caseId: string,
    expectedVersion: number,
    events: CaseEvent[],
    summary: CaseSummary,
    personal: PersonalData | null | undefined,
    audit: AuditEntry[],
  ): Promise<CaseRecord> {
    return this.mutate(() => {
      const current = this.doc.cases[caseId];
      if (!current) throw new CaseNotFound(caseId);
      if (current.version !== expectedVersion)
        throw new VersionConflict(caseId, expectedVersion, current.version);
      const next: CaseRecord = {
        ...current,
        version: current.version + events.length,
        events: [...current.events, ...events],
        summary,
        // Purging removes the household too: nothing left to match a new signal against.
        ...(personal === undefined
          ? {}
          : { personal, householdKey: personal === null ? null : current.householdKey }),
      };
      this.index.remove(current);
      this.doc.cases[caseId] = next;
      this.index.add(next);
      this.addAudit(audit);
      return copy(next);
    });
  }

  private purgeCase(caseId: string, expectedVersion: number, change: PurgeChange): Promise<CaseRecord> {
    return this.mutate(() => {
      const current = this.doc.cases[caseId];
      if (!current) throw new CaseNotFound(caseId);
      if (current.version !== expectedVersion)
        throw new VersionConflict(caseId, expectedVersion, current.version);
      const bySeq = new Map(change.redacted.map((e) => [e.seq, e]));
      for (const event of change.redacted) {
        const stored = current.events.find((e) => e.seq === event.seq);
        if (!stored || stored.type !== event.type)
          throw new Error(`case ${caseId}: a redaction must keep seq ${event.seq} and its type`);
      }
      const next: CaseRecord = {
        ...current,
        version: current.version + change.events.length,
        events: [...current.events.map((e) => bySeq.get(e.seq) ?? e), ...change.events],
        summary: change.summary,
        personal: null,
        householdKey: null,
      };
      this.index.remove(current);
      this.doc.cases[caseId] = next;
      this.index.add(next);
      this.addAudit(change.audit ?? []);
      return copy(next);
    });
  }

  private summaries(query: SummaryQuery): CaseSummary[] {
    const ids = this.index.candidates(query) ?? Object.keys(this.doc.cases);
    const found: CaseSummary[] = [];
    for (const id of ids) {
      const summary = this.doc.cases[id]?.summary;
      if (summary && matches(summary, query)) found.push(summary);
    }
    return found.sort(byDeadline);
  }

  private addAudit(entries: AuditEntry[]): void {
    for (const entry of entries) this.indexAudit(entry, this.doc.audit.push(entry) - 1);
  }

  private indexAudit(entry: AuditEntry, position: number): void {
    const add = (map: Map<string, number[]>, key: string) => {
      const list = map.get(key);
      if (list) list.push(position);
      else map.set(key, [position]);
    };
    if (entry.caseId !== null) add(this.auditByCase, entry.caseId);
    add(this.auditByUser, entry.userId);
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
      if (this.failure) throw this.failure;
      const result = apply();
      return { result, written: this.requestWrite() };
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
      this.failure ??= new Error(
        `${this.file}: writing failed, so this store refuses further use until AanZet restarts: ${(error as Error).message}`,
      );
      throw this.failure;
    });
  }

  private assertUsable(): void {
    if (this.failure) throw this.failure;
    if (this.closing) throw new Error(`${this.file}: the store is closed`);
  }
}
