import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { backupStoreFile, restoreStoreFile } from '../storage/store-backup.js';
import type { StoreDocument } from '../storage/store-document.js';
import { makeCaseRecord } from './fixtures/case-records.js';
import { closedCase, entry, filesIn, inTwoPlaces, purgeChange } from './helpers/archive-files.js';
import { tempDirs } from './helpers/temp-dirs.js';

// Moving closed cases to lowdb's archive files is two writes (the archives, then the live file).
// A process killed with SIGKILL at every point of a move, then opened again: nothing lost,
// nothing counted twice, no repair by hand. And a backup taken while another process keeps
// moving cases holds each case once.

const ROOT = resolve(import.meta.dirname, '..');
const MOVER = join(ROOT, 'tests', 'helpers', 'archive-mover.ts');
const WRITER = join(ROOT, 'tests', 'helpers', 'lowdb-writer.ts');

const tempDir = tempDirs('aanzet-archive-');

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
    // The restored closed cases moved to new archive files at that start (one may have been
    // caught between its creation and its closing).
    const open = Object.values(backup.cases).filter((c) => c.summary.status === 'open');
    expect(Object.keys(filesIn(target).live)).toEqual(open.map((c) => c.id));
  });
});
