import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lekstroomMember, benchSignal } from '../bench/seed.js';
import { Casework } from '../casework/casework.js';
import type { CaseRecord } from '../casework/case/types.js';
import type { AuditEntry, Store } from '../casework/ports.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { backupStoreFile, restoreStoreFile } from '../storage/store-backup.js';
import { serializeDocument } from '../storage/lowdb/serialize.js';
import { emptyDocument, type StoreDocument } from '../storage/store-document.js';
import { closedEvent, closedSummary, makeCaseRecord, makeEvent } from './fixtures/case-records.js';

// Closed cases leave the live file (aanzet.json) for monthly archive files next to it. These
// tests read the files themselves: what moved, that an old case still answers after a restart,
// and that a process killed at any point of the move loses nothing and counts nothing twice.

const ROOT = resolve(import.meta.dirname, '..');
const MOVER = join(ROOT, 'tests', 'helpers', 'archive-mover.ts');
const WRITER = join(ROOT, 'tests', 'helpers', 'lowdb-writer.ts');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-archive-'));
  dirs.push(dir);
  return dir;
}

type Files = {
  live: Record<string, CaseRecord>;
  liveAudit: AuditEntry[];
  archives: Record<string, ArchiveFile>;
};
type ArchiveFile = { month: string; cases: Record<string, CaseRecord>; audit: AuditEntry[] };

/** The live file's cases and each archive file, as on disk. */
function filesIn(dir: string): Files {
  const live = JSON.parse(readFileSync(join(dir, 'aanzet.json'), 'utf8'));
  const archives: Record<string, ArchiveFile> = {};
  for (const name of readdirSync(dir).filter((n) => /^aanzet\.archive-.*\.json$/.test(n)))
    archives[name] = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  return { live: live.cases, liveAudit: live.audit, archives };
}

/** Case ids found in more than one file. */
function inTwoPlaces(files: Files): string[] {
  const seen = new Map<string, number>();
  for (const cases of [files.live, ...Object.values(files.archives).map((a) => a.cases)])
    for (const id of Object.keys(cases)) seen.set(id, (seen.get(id) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

const entry = (caseId: string | null, detail: string, at = '2026-03-09T09:00:00.000Z'): AuditEntry => ({
  at,
  userId: 'u1',
  partnerId: null,
  action: caseId === null ? 'refused' : 'change',
  caseId,
  detail,
});

/** Creates a case (with its audit line) and closes it at `closedAt`. */
async function closedCase(store: Store, id: string, closedAt: string): Promise<CaseRecord> {
  const record = makeCaseRecord({ id, householdKey: `h-${id}` });
  await store.cases.create(record, [entry(id, `${id} opened`)]);
  return store.cases.append(
    id,
    record.version,
    [closedEvent(record, closedAt)],
    closedSummary(record, closedAt),
  );
}

function purgeChange(record: CaseRecord) {
  const version = record.version + 1;
  return {
    redacted: [],
    events: [makeEvent(version, { type: 'purged' }, '2027-02-02T02:00:00.000Z')],
    summary: { ...record.summary, status: 'purged' as const, version },
    audit: [entry(record.id, `${record.id} purged`, '2027-02-02T02:00:00.000Z')],
  };
}

describe('lowdb archive files', () => {
  it('closed cases leave the live file at open; after a restart an old case answers every read', async () => {
    const dir = tempDir();
    const first = await openLowdbStore({ dataDir: dir, archiveAfter: Number.POSITIVE_INFINITY });
    const old = await closedCase(first, 'TST-2026-0001', '2026-03-20T10:00:00.000Z');
    const open = makeCaseRecord({ id: 'TST-2026-0002', householdKey: 'h-open' });
    await first.cases.create(open, [entry(open.id, 'open opened')]);
    await first.close();
    expect(Object.keys(filesIn(dir).live)).toEqual([old.id, open.id]);

    const store = await openLowdbStore({ dataDir: dir });
    const files = filesIn(dir);
    expect(Object.keys(files.live)).toEqual([open.id]);
    expect(files.liveAudit.map((e) => e.detail)).toEqual(['open opened']);
    expect(Object.keys(files.archives)).toEqual(['aanzet.archive-2026-03.json']);
    expect(files.archives['aanzet.archive-2026-03.json']!.cases[old.id]).toEqual(old);
    await store.close();

    const again = await openLowdbStore({ dataDir: dir });
    try {
      expect(await again.cases.get(old.id)).toEqual(old);
      expect(await again.cases.getSummary(old.id)).toEqual(old.summary);
      expect(await again.cases.listSummaries({ status: 'closed' })).toEqual([old.summary]);
      expect((await again.cases.listSummaries({})).map((s) => s.caseId).sort()).toEqual([old.id, open.id]);
      const histories = await again.cases.listHistories({
        covenantId: 'test',
        from: '2026-03-01',
        to: '2026-03-31',
        limit: 10,
      });
      expect(histories).toEqual([
        { summary: old.summary, events: old.events },
        { summary: open.summary, events: open.events },
      ]);
      const search = await again.cases.searchSummaries({
        covenantId: 'test',
        caseIdContains: '0001',
        limit: 5,
      });
      expect(search).toEqual([old.summary]);
      expect(await again.audit.list({ caseId: old.id })).toEqual([entry(old.id, `${old.id} opened`)]);
      expect((await again.audit.list({})).map((e) => e.detail)).toEqual([`${old.id} opened`, 'open opened']);
      // The household of a closed case is free for a new case, also when that case is archived.
      expect(await again.cases.findOpenByHousehold('test', `h-${old.id}`)).toBeUndefined();

      // The purge changes the archived case: written to the live file, the newer copy wins.
      const purged = await again.cases.purge(old.id, old.version, purgeChange(old));
      expect(filesIn(dir).live[old.id]).toEqual(purged);
      expect(await again.cases.get(old.id)).toEqual(purged);
      expect(await again.cases.listSummaries({ status: 'closed' })).toEqual([]);
    } finally {
      await again.close();
    }
    const last = await openLowdbStore({ dataDir: dir });
    try {
      const files = filesIn(dir);
      expect(Object.keys(files.live)).toEqual([open.id]);
      expect(files.archives['aanzet.archive-2026-03.json']!.cases[old.id]!.summary.status).toBe('purged');
      expect((await last.audit.list({ caseId: old.id })).map((e) => e.detail)).toEqual([
        `${old.id} opened`,
        `${old.id} purged`,
      ]);
      expect((await last.cases.listSummaries({ status: 'purged' })).map((s) => s.caseId)).toEqual([old.id]);
    } finally {
      await last.close();
    }
  });

  it('moves the closed cases once archiveAfter of them have gathered, not before', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir, archiveAfter: 3 });
    await closedCase(store, 'TST-2026-0001', '2026-03-20T10:00:00.000Z');
    await closedCase(store, 'TST-2026-0002', '2026-04-02T10:00:00.000Z');
    expect(Object.keys(filesIn(dir).live)).toHaveLength(2);
    await closedCase(store, 'TST-2026-0003', '2026-04-03T10:00:00.000Z');
    await store.close(); // waits for the move the third closing queued
    const files = filesIn(dir);
    expect(files.live).toEqual({});
    expect(Object.keys(files.archives).sort()).toEqual([
      'aanzet.archive-2026-03.json',
      'aanzet.archive-2026-04.json',
    ]);
    expect(Object.keys(files.archives['aanzet.archive-2026-04.json']!.cases)).toEqual([
      'TST-2026-0002',
      'TST-2026-0003',
    ]);
  });
});

/** Runs the mover on `dir`, killed at point k; resolves with its output once it has died. */
function moveKilledAt(dir: string, k: number): Promise<{ stdout: string; signal: string | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MOVER, dir, String(k)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code, signal) =>
      signal === 'SIGKILL' ? done({ stdout, signal }) : fail(new Error(`mover ended ${code}: ${stderr}`)),
    );
  });
}

describe('lowdb archive move, killed with SIGKILL at every point', () => {
  it('loses nothing, counts nothing twice, and opens without repair', { timeout: 120_000 }, async () => {
    // The seed: A archived in January, then purged (its newer copy live); B closed in January and
    // C in February, both still live; D open; one audit line without a case.
    const seed = tempDir();
    const first = await openLowdbStore({ dataDir: seed, archiveAfter: 1 });
    const closedA = await closedCase(first, 'TST-2026-000A', '2026-01-15T10:00:00.000Z');
    await first.close();
    const second = await openLowdbStore({ dataDir: seed, archiveAfter: Number.POSITIVE_INFINITY });
    const a = await second.cases.purge(closedA.id, closedA.version, purgeChange(closedA));
    const b = await closedCase(second, 'TST-2026-000B', '2026-01-20T10:00:00.000Z');
    const c = await closedCase(second, 'TST-2026-000C', '2026-02-03T10:00:00.000Z');
    const d = makeCaseRecord({ id: 'TST-2026-000D', householdKey: 'h-d' });
    await second.cases.create(d, [entry(d.id, `${d.id} opened`)]);
    await second.audit.append(entry(null, 'refused'));
    await second.close();
    const seeded = filesIn(seed);
    expect(Object.keys(seeded.live).sort()).toEqual([a.id, b.id, c.id, d.id]);
    expect(inTwoPlaces(seeded)).toEqual([a.id]); // the stale January copy of A
    const expectedAudit = {
      [a.id]: [`${a.id} opened`, `${a.id} purged`],
      [b.id]: [`${b.id} opened`],
      [c.id]: [`${c.id} opened`],
      [d.id]: [`${d.id} opened`],
    };

    const states: string[] = [];
    for (let k = 1; k < 30; k++) {
      const dir = tempDir();
      cpSync(seed, dir, { recursive: true });
      const { stdout } = await moveKilledAt(dir, k);
      const crashed = filesIn(dir);
      states.push(`k=${k}: in two places ${inTwoPlaces(crashed).join(',') || '-'}`);

      const store = await openLowdbStore({ dataDir: dir });
      try {
        expect(store.recoveredStaleLock, `k=${k}`).toBe(true);
        for (const record of [a, b, c, d]) expect(await store.cases.get(record.id), `k=${k}`).toEqual(record);
        const all = await store.cases.listSummaries({});
        expect(all.map((s) => s.caseId).sort(), `k=${k}`).toEqual([a.id, b.id, c.id, d.id]);
        const histories = await store.cases.listHistories({
          covenantId: 'test',
          from: '2026-01-01',
          to: '2027-12-31',
          limit: 100,
        });
        expect(
          histories.map((h) => h.summary.caseId),
          `k=${k}`,
        ).toEqual([a.id, b.id, c.id, d.id]);
        for (const [id, details] of Object.entries(expectedAudit))
          expect(
            (await store.audit.list({ caseId: id })).map((e) => e.detail),
            `k=${k} ${id}`,
          ).toEqual(details);
        expect(await store.audit.list({}), `k=${k}`).toHaveLength(6);
      } finally {
        await store.close();
      }
      // Once opened, the move is complete: each case in one file, the open one live.
      const after = filesIn(dir);
      expect(inTwoPlaces(after), `k=${k}`).toEqual([]);
      expect(Object.keys(after.live), `k=${k}`).toEqual([d.id]);
      expect(after.liveAudit.map((e) => e.detail)).toEqual([`${d.id} opened`, 'refused']);
      expect(Object.keys(after.archives['aanzet.archive-2026-01.json']!.cases).sort()).toEqual([a.id, b.id]);
      expect(Object.keys(after.archives['aanzet.archive-2026-02.json']!.cases)).toEqual([c.id]);
      if (stdout.startsWith('moved')) break;
    }
    // Two archives and the live file, two points each, then the kill after the move: 7 runs, and
    // among them the states with a case in both places that the open has to resolve.
    expect(states).toHaveLength(7);
    expect(
      states.filter((s) => s.includes(b.id)),
      states.join('\n'),
    ).not.toEqual([]);
  });
});

describe('backup and restore with archive files', () => {
  it('a backup taken while closed cases move holds each case once; restore puts the old archives aside', async () => {
    const dir = tempDir();
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, 'archive'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    writer.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const acked = () => [...output.matchAll(/^ack closed (\S+)$/gm)].map((m) => m[1]!);
    const copies: { file: string; before: string[]; archives: number }[] = [];
    try {
      while (acked().length < 12) await new Promise((done) => setTimeout(done, 50));
      for (let n = 0; n < 6; n++) {
        const before = acked();
        const file = join(tempDir(), 'copy.json');
        const result = await backupStoreFile(join(dir, 'aanzet.json'), file);
        copies.push({ file, before, archives: result.archives });
      }
      expect(acked().length).toBeGreaterThan(copies[0]!.before.length); // the writer went on meanwhile
      for (const { file, before, archives } of copies) {
        const doc = JSON.parse(readFileSync(file, 'utf8')) as StoreDocument;
        for (const id of before) expect(doc.cases[id]?.summary.status, id).toBe('closed');
        const audited = doc.audit.map((e) => e.caseId!);
        expect(new Set(audited).size, 'each case its one audit line').toBe(audited.length);
        expect(audited.sort()).toEqual(Object.keys(doc.cases).sort());
        expect(archives).toBeGreaterThan(0);
      }
    } finally {
      writer.kill('SIGKILL');
    }

    // Restore the last copy over a store that has archives of its own.
    const last = copies.at(-1)!.file;
    const target = tempDir();
    const own = await openLowdbStore({ dataDir: target, archiveAfter: 1 });
    await closedCase(own, 'OLD-1', '2025-12-01T10:00:00.000Z');
    await own.close();
    const restored = await restoreStoreFile(last, join(target, 'aanzet.json'));
    expect(restored.keptArchives).toEqual([
      expect.stringMatching(/aanzet\.archive-2025-12\.json\.before-restore-\d{8}T\d{6}Z$/),
    ]);
    const backup = JSON.parse(readFileSync(last, 'utf8')) as StoreDocument;
    const store = await openLowdbStore({ dataDir: target });
    try {
      expect(await store.cases.get('OLD-1')).toBeUndefined();
      const all = await store.cases.listSummaries({});
      expect(all.map((s) => s.caseId).sort()).toEqual(Object.keys(backup.cases).sort());
      expect(await store.audit.list({})).toHaveLength(backup.audit.length);
    } finally {
      await store.close();
    }
    // The restored closed cases moved to new archive files at that start.
    expect(filesIn(target).live).toEqual({});
  });
});

describe('the live file written from the bytes kept per case', () => {
  it('is the text JSON.stringify gives, also after a case was replaced', () => {
    const doc = emptyDocument();
    const [one, two] = [makeCaseRecord({ id: 'S-1' }), makeCaseRecord({ id: 'S-2', householdKey: null })];
    Object.assign(doc.cases, { [one.id]: one, [two.id]: two });
    doc.audit.push(entry(one.id, 'één'), entry(null, 'refused'));
    doc.caseCounters['test:2026'] = 2;
    expect(serializeDocument(doc).toString('utf8')).toBe(JSON.stringify(doc));
    doc.cases[one.id] = { ...one, version: 3, summary: { ...one.summary, version: 3 } };
    doc.audit.push(entry(one.id, 'changed'));
    expect(serializeDocument(doc).toString('utf8')).toBe(JSON.stringify(doc));
  });
});

describe('the use cases on archived cases', () => {
  it('figures, the export and the status of an old case are the same after the move', async () => {
    const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
    const now = () => new Date('2026-03-20T10:00:00+01:00');
    const wil = lekstroomMember(covenant, 'wil', 'wil', ['coordinator-vroeg-eropaf']);
    const mitros = lekstroomMember(covenant, 'mitros', 'mitros');
    const dir = tempDir();
    const first = await openLowdbStore({ dataDir: dir, archiveAfter: Number.POSITIVE_INFINITY });
    const before = new Casework({ covenants: [covenant], ...first, clock: now });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const registered = await before.registerSignal(mitros, benchSignal(covenant, i));
      ids.push(registered.caseId);
      if (i % 3 !== 0)
        await before.closeCase(wil, registered.caseId, registered.loaded.record.version, {
          finalResult: i % 2 ? 'geen-contact' : 'zelf-betaald-of-regeling',
        });
    }
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const figures = await before.figures(wil, covenant.id, period);
    const csv = await before.exportReport(wil, covenant.id, period, 'csv');
    const status = await before.caseStatus(wil, ids[1]!, 'nl');
    await first.close();

    const store = await openLowdbStore({ dataDir: dir });
    try {
      expect(Object.keys(filesIn(dir).live)).toEqual(ids.filter((_, i) => i % 3 === 0));
      const after = new Casework({ covenants: [covenant], ...store, clock: now });
      expect(await after.figures(wil, covenant.id, period)).toEqual(figures);
      expect(await after.exportReport(wil, covenant.id, period, 'csv')).toEqual(csv);
      expect(await after.caseStatus(wil, ids[1]!, 'nl')).toEqual(status);
    } finally {
      await store.close();
    }
  });
});
