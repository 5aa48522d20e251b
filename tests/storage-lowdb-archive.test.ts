import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchSignal, lekstroomMember } from '../bench/seed.js';
import { Casework } from '../casework/casework.js';
import { writeFileDurably, type FileWriter } from '../storage/durable-json-file.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { backupStoreFile, restoreStoreFile } from '../storage/store-backup.js';
import { packCase, packDocument } from '../storage/lowdb/packed-case.js';
import { serializeDocument } from '../storage/lowdb/serialize.js';
import { emptyDocument } from '../storage/store-document.js';
import { makeCaseRecord } from './fixtures/case-records.js';
import { closedCase, entry, filesIn, purgeChange } from './helpers/archive-files.js';
import { tempDirs } from './helpers/temp-dirs.js';

// Closed cases leave the live file (aanzet.json) for monthly archive files next to it. These
// tests read the files themselves: what moved, when, and that an old case still answers every
// read after a restart. A crash during a move and the backup: storage-lowdb-archive-crash.test.ts.

const tempDir = tempDirs('aanzet-archive-');

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
      expect(readFileSync(join(dir, 'aanzet.archive-2026-03.json'), 'utf8')).toContain('Dukatenburg');
      const purged = await again.cases.purge(old.id, old.version, purgeChange(old));
      expect(await again.cases.get(old.id)).toEqual(purged);
      expect(await again.cases.listSummaries({ status: 'closed' })).toEqual([]);
    } finally {
      await again.close();
    }
    // ... and moves back at once (not after 200 more closings): the archive's copy with the
    // personal data is gone.
    const afterPurge = filesIn(dir);
    expect(Object.keys(afterPurge.live)).toEqual([open.id]);
    expect(afterPurge.archives['aanzet.archive-2026-03.json']!.cases[old.id]!.summary.status).toBe('purged');
    expect(readFileSync(join(dir, 'aanzet.archive-2026-03.json'), 'utf8')).not.toContain('Dukatenburg');
    const last = await openLowdbStore({ dataDir: dir });
    try {
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

describe('the live file written from the bytes kept per case', () => {
  it('is the text JSON.stringify gives of the records, also after a case was replaced', () => {
    const file = emptyDocument();
    const [one, two] = [makeCaseRecord({ id: 'S-1' }), makeCaseRecord({ id: 'S-2', householdKey: null })];
    Object.assign(file.cases, { [one.id]: one, [two.id]: two });
    file.audit.push(entry(one.id, 'één'), entry(null, 'refused'));
    file.caseCounters['test:2026'] = 2;
    const live = packDocument(file);
    expect(serializeDocument(live).toString('utf8')).toBe(JSON.stringify(file));
    const changed = { ...one, version: 3, summary: { ...one.summary, version: 3 } };
    file.cases[one.id] = changed;
    live.cases[one.id] = packCase(changed);
    for (const doc of [file, live]) doc.audit.push(entry(one.id, 'changed'));
    expect(serializeDocument(live).toString('utf8')).toBe(JSON.stringify(file));
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

      // Retention: the purge reaches the archived cases, removes their personal data from the
      // archive files, and the figures stay as they were.
      const closedIds = ids.filter((_, i) => i % 3 !== 0);
      expect(readFileSync(join(dir, 'aanzet.archive-2026-03.json'), 'utf8')).toContain('Huishouden 1"');
      const later = new Casework({
        covenants: [covenant],
        ...store,
        clock: () => new Date('2026-12-01T03:00:00Z'),
      });
      expect((await later.purgeExpired()).sort()).toEqual([...closedIds].sort());
      expect(await later.figures(wil, covenant.id, period)).toEqual(figures);
    } finally {
      await store.close();
    }
    const archive = readFileSync(join(dir, 'aanzet.archive-2026-03.json'), 'utf8');
    expect(archive).not.toContain('Huishouden');
    expect(Object.keys(filesIn(dir).live)).toEqual(ids.filter((_, i) => i % 3 === 0));
  });
});

describe('archive files that cannot be used', () => {
  it('a damaged archive stops the start with its name and is left as it is', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir, archiveAfter: 1 });
    await closedCase(store, 'TST-2026-0001', '2026-03-20T10:00:00.000Z');
    await store.close();
    const archive = join(dir, 'aanzet.archive-2026-03.json');
    const damaged = readFileSync(archive, 'utf8').slice(0, -20);
    writeFileSync(archive, damaged);
    await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(`${archive}: not valid JSON`);
    expect(readFileSync(archive, 'utf8')).toBe(damaged);
    writeFileSync(archive, JSON.stringify({ formatVersion: 1, month: '2026-04', cases: {}, audit: [] }));
    await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(
      `${archive}: holds month 2026-04, not 2026-03`,
    );
  });

  it('an archive that cannot be written keeps the cases live; they move once the disk takes writes again', async () => {
    const dir = tempDir();
    let full = true;
    const writeFile: FileWriter = async (path, text) => {
      if (full && path.includes('.archive-'))
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), {
          code: 'ENOSPC',
        });
      return writeFileDurably(path, text);
    };
    const store = await openLowdbStore({ dataDir: dir, archiveAfter: 1, writeFile });
    try {
      const first = await closedCase(store, 'TST-2026-0001', '2026-03-20T10:00:00.000Z');
      await expect(store.archiveClosedCases()).rejects.toThrow('ENOSPC');
      expect(Object.keys(filesIn(dir).live)).toEqual([first.id]);
      expect(filesIn(dir).archives).toEqual({});
      expect(await store.cases.get(first.id)).toEqual(first);
      full = false;
      const second = await closedCase(store, 'TST-2026-0002', '2026-03-21T10:00:00.000Z');
      expect(await store.archiveClosedCases()).toBe(0); // the writes since had queued the moves
      const files = filesIn(dir);
      expect(files.live).toEqual({});
      expect(Object.keys(files.archives['aanzet.archive-2026-03.json']!.cases)).toEqual([
        first.id,
        second.id,
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('the audit log with archived entries', () => {
  it('lists archived and live entries together in time order, each once', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir, archiveAfter: Number.POSITIVE_INFINITY });
    // Written in time order: each month's file gets entries from its month and from March, so
    // the files overlap in time and only a merge gives time order.
    const days = ['2026-01-05', '2026-01-06', '2026-02-05', '2026-02-06', '2026-03-05', '2026-03-06'];
    for (const [i, day] of days.entries())
      await closedCase(
        store,
        `TST-2026-000${i}`,
        `${day.slice(0, 7)}-20T10:00:00.000Z`,
        `${day}T09:00:00.000Z`,
      );
    for (const i of days.keys())
      await store.audit.append(
        entry(`TST-2026-000${i}`, `TST-2026-000${i} read`, `2026-03-1${i}T12:00:00.000Z`),
      );
    await store.audit.append(entry(null, 'refused', '2026-03-20T00:00:00.000Z'));
    const before = await store.audit.list({});
    await store.close();

    // This start moves the cases; the log it serves keeps the order it read.
    const moving = await openLowdbStore({ dataDir: dir });
    expect(await moving.audit.list({})).toEqual(before);
    await moving.close();
    expect(Object.keys(filesIn(dir).archives)).toHaveLength(3);

    // From the archives, entries are merged by time.
    const again = await openLowdbStore({ dataDir: dir });
    try {
      const after = await again.audit.list({});
      expect(after).toHaveLength(before.length);
      expect(new Set(after.map((e) => e.detail)).size).toBe(after.length);
      expect(after.map((e) => e.at)).toEqual([...after.map((e) => e.at)].sort());
      expect((await again.audit.list({ caseId: 'TST-2026-0004' })).map((e) => e.detail)).toEqual([
        'TST-2026-0004 opened',
        'TST-2026-0004 read',
      ]);
    } finally {
      await again.close();
    }
  });
});

describe('a backup that was opened as a store', () => {
  it('(npm run migrate --from it) was split into archives, and restores with them', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir, archiveAfter: 1 });
    await closedCase(store, 'TST-2026-0001', '2026-01-20T10:00:00.000Z');
    await closedCase(store, 'TST-2026-0002', '2026-02-20T10:00:00.000Z');
    await store.cases.create(makeCaseRecord({ id: 'TST-2026-0003', householdKey: 'h-3' }));
    await store.close();
    const backups = tempDir();
    const backup = join(backups, 'backup.json');
    await backupStoreFile(join(dir, 'aanzet.json'), backup);
    const opened = await openLowdbStore({ dataDir: backups, fileName: 'backup.json' });
    await opened.close();
    expect(Object.keys(JSON.parse(readFileSync(backup, 'utf8')).cases)).toEqual(['TST-2026-0003']);

    const target = tempDir();
    const restored = await restoreStoreFile(backup, join(target, 'aanzet.json'));
    expect(restored.counts.cases).toBe(3);
    const again = await openLowdbStore({ dataDir: target });
    try {
      const ids = (await again.cases.listSummaries({})).map((s) => s.caseId).sort();
      expect(ids).toEqual(['TST-2026-0001', 'TST-2026-0002', 'TST-2026-0003']);
    } finally {
      await again.close();
    }
  });
});
