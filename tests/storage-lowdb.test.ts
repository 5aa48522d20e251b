import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreUnavailable } from '../casework/ports.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { until } from './helpers/until.js';
import { makeCaseRecord, makeEvent } from './fixtures/case-records.js';
import { storageContract } from './storage-contract.js';
import { tempDirs } from './helpers/temp-dirs.js';

const ROOT = resolve(import.meta.dirname, '..');
const WRITER = join(ROOT, 'tests', 'helpers', 'lowdb-writer.ts');

storageContract('lowdb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-lowdb-'));
  const store = await openLowdbStore({ dataDir: dir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// The same contract with every closed case moved to the archive files right after the write that
// closed it: old cases must answer like live ones (reads, histories, search, sources, purge).
storageContract('lowdb, closed cases archived at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-lowdb-'));
  const store = await openLowdbStore({ dataDir: dir, archiveAfter: 1 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const tempDir = tempDirs('aanzet-lowdb-');

/** A lowdb-writer child process, its stdout as lines. */
interface Writer {
  proc: ChildProcess;
  lines: string[];
  /** Resolves when the lines meet the condition; rejects on timeout or when the child ends first. */
  waitFor(done: (lines: string[]) => boolean, ms: number): Promise<void>;
  /** Resolves when the process has ended and its output has been read to the end. */
  closed: Promise<void>;
  /** Kills it if it still runs, and waits for the end. */
  stop(): Promise<void>;
}

function startWriter(dir: string, mode: 'hold' | 'write'): Writer {
  const proc = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, mode], { cwd: ROOT, stdio: 'pipe' });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const checks = new Set<() => void>();
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    checks.forEach((check) => check());
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let ended = false;
  const closed = new Promise<void>((done) =>
    proc.on('close', () => {
      ended = true;
      checks.forEach((check) => check());
      done();
    }),
  );
  const waitFor = (condition: (lines: string[]) => boolean, ms: number) =>
    new Promise<void>((done, fail) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        checks.delete(check);
        if (error) fail(error);
        else done();
      };
      const why = (what: string) =>
        new Error(`${what}; last lines: ${lines.slice(-3).join(' | ')}; stderr: ${stderr.slice(-500)}`);
      const check = () => {
        if (condition(lines)) finish();
        else if (ended) finish(why('the writer ended first'));
      };
      const timer = setTimeout(() => finish(why(`no result within ${ms} ms`)), ms);
      checks.add(check);
      check();
    });
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await Promise.race([closed, new Promise((done) => setTimeout(done, 5_000))]);
  };
  return { proc, lines, waitFor, closed, stop };
}

const lockOf = (dir: string) => join(dir, 'aanzet.json.lock');

describe('lowdb store', () => {
  it('a new store writes its file at once, and everything survives close and reopen', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir });
    expect(JSON.parse(readFileSync(join(dir, 'aanzet.json'), 'utf8'))).toMatchObject({
      formatVersion: 1,
      cases: {},
    });
    expect(existsSync(lockOf(dir))).toBe(true);
    const record = makeCaseRecord();
    await store.cases.create(record);
    const saved = await store.cases.append(
      record.id,
      record.version,
      [makeEvent(record.version + 1, { type: 'note_added', visibleTo: ['gemeente'] })],
      { ...record.summary, version: record.version + 1 },
    );
    await store.cases.nextCaseNumber('test', 2026);
    const member = { userId: 'u1', name: 'U', memberships: [] };
    await store.members.put(member);
    const entry = {
      at: 'x',
      userId: 'u1',
      partnerId: null,
      action: 'change' as const,
      caseId: record.id,
      detail: 'd',
    };
    await store.audit.append(entry);
    await store.close();
    expect(existsSync(lockOf(dir))).toBe(false);

    const again = await openLowdbStore({ dataDir: dir });
    try {
      expect(again.recoveredStaleLock).toBe(false);
      expect(await again.cases.get(record.id)).toEqual(saved);
      expect(await again.cases.findOpenByHousehold('test', record.householdKey!)).toEqual(saved);
      expect(await again.cases.listSummaries({ responsiblePartnerId: 'gemeente' })).toEqual([saved.summary]);
      expect(await again.cases.nextCaseNumber('test', 2026)).toBe(2);
      expect(await again.members.get('u1')).toEqual(member);
      expect(await again.audit.list({ caseId: record.id })).toEqual([entry]);
    } finally {
      await again.close();
    }
  });

  it('concurrent writes are all on disk once they have resolved', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir });
    const records = Array.from({ length: 50 }, (_, i) =>
      makeCaseRecord({ id: `C-${i}`, householdKey: `h${i}` }),
    );
    await Promise.all(records.map((r) => store.cases.create(r)));
    await Promise.all(records.map(() => store.cases.nextCaseNumber('test', 2026)));
    // Read the file while the store is still open: what resolved must already be there.
    const onDisk = JSON.parse(readFileSync(join(dir, 'aanzet.json'), 'utf8'));
    expect(Object.keys(onDisk.cases)).toHaveLength(50);
    expect(onDisk.caseCounters).toEqual({ 'test:2026': 50 });
    await store.close();
  });

  it('ids named like object properties are plain keys', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir });
    expect(await store.cases.get('toString')).toBeUndefined();
    expect(await store.members.get('constructor')).toBeUndefined();
    const record = makeCaseRecord({ id: 'constructor' });
    await store.cases.create(record);
    await store.close();
    const again = await openLowdbStore({ dataDir: dir });
    expect(await again.cases.get('constructor')).toEqual(record);
    await again.close();
  });

  it('uses the given file name', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir, fileName: 'other.json' });
    expect(store.file).toBe(join(dir, 'other.json'));
    expect(existsSync(join(dir, 'other.json.lock'))).toBe(true);
    await store.close();
    expect(readdirSync(dir)).toEqual(['other.json']);
  });

  describe('refuses a file it cannot use, and leaves it exactly as it was', () => {
    it.each([
      ['invalid JSON', '{"formatVersion": 1, "cases": {', /not valid JSON/],
      ['an empty file', '', /not valid JSON/],
      ['JSON null', 'null', /not an AanZet data file/],
      [
        'cases as a list',
        '{"formatVersion":1,"cases":[],"caseCounters":{},"members":{},"audit":[],"keyValues":{},"conversations":{},"outbox":{}}',
        /cases: /,
      ],
      ['a newer format', '{"formatVersion":2,"cases":{}}', /formatVersion 2 is not supported/],
      [
        'an unknown top-level key',
        '{"formatVersion":1,"cases":{},"caseCounters":{},"members":{},"audit":[],"keyValues":{},"conversations":{},"outbox":{},"future":[]}',
        /future/,
      ],
      [
        'a case without a summary',
        '{"formatVersion":1,"cases":{"A-1":{"id":"A-1","covenantId":"a","version":1,"householdKey":null,"personal":null,"events":[]}},"caseCounters":{},"members":{},"audit":[],"keyValues":{},"conversations":{},"outbox":{}}',
        /cases\.A-1\.summary/,
      ],
      [
        'a case under another id',
        '{"formatVersion":1,"cases":{"A-1":' +
          JSON.stringify(makeCaseRecord({ id: 'A-2' })) +
          '},"caseCounters":{},"members":{},"audit":[],"keyValues":{},"conversations":{},"outbox":{}}',
        /cases\.A-1\.id: differs from its key/,
      ],
    ])('%s', async (_what, content, reason) => {
      const dir = tempDir();
      const file = join(dir, 'aanzet.json');
      writeFileSync(file, content);
      const before = readFileSync(file);
      const opening = openLowdbStore({ dataDir: dir });
      await expect(opening).rejects.toThrow(file);
      await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(reason);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(readdirSync(dir)).toEqual(['aanzet.json']); // no lock, no temp file left behind
    });

    it('a path it cannot read (a directory named aanzet.json)', async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'aanzet.json'));
      await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(
        `${join(dir, 'aanzet.json')}: cannot read the data file`,
      );
      expect(readdirSync(dir)).toEqual(['aanzet.json']);
      expect(readdirSync(join(dir, 'aanzet.json'))).toEqual([]);
    });
  });

  it('after a failed write it refuses further use, and still closes', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir });
    mkdirSync(join(dir, '.aanzet.json.tmp')); // the temp file cannot be created now
    await expect(store.cases.create(makeCaseRecord())).rejects.toThrow(/writing failed/);
    await expect(store.cases.get('TST-2026-0001')).rejects.toThrow(/writing failed/);
    await expect(store.members.put({ userId: 'u', name: 'u', memberships: [] })).rejects.toThrow(
      /writing failed/,
    );
    await store.close();
    expect(existsSync(lockOf(dir))).toBe(false);
  });

  it('after a failed write it serves again by itself once the disk takes writes, the failed change included', async () => {
    const dir = tempDir();
    const store = await openLowdbStore({ dataDir: dir, retryWriteAfterMs: 0 });
    try {
      const blocker = join(dir, '.aanzet.json.tmp');
      mkdirSync(blocker); // the temp file cannot be created now
      const record = makeCaseRecord();
      const failed: unknown = await store.cases.create(record).catch((error: unknown) => error);
      // Told it failed: the change is in memory and may yet be written, so not "nothing was saved".
      expect(failed).toBeInstanceOf(Error);
      expect(failed).not.toBeInstanceOf(StoreUnavailable);
      // A use from then on did nothing: "try again in a while".
      const refused: unknown = await store.cases.get(record.id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(StoreUnavailable);
      expect((refused as Error).message).toMatch(
        /writing failed: .*nothing is served until a write succeeds again/,
      );

      rmSync(blocker, { recursive: true });
      // No readiness probe: uses of the store try the write again.
      await until(
        async () => (await store.cases.get(record.id).catch(() => undefined)) !== undefined,
        5_000,
        'the store serving again',
      );
      expect(readFileSync(join(dir, 'aanzet.json'), 'utf8')).toContain(record.id);
      await store.members.put({ userId: 'u', name: 'u', memberships: [] });
    } finally {
      await store.close();
    }
  });

  describe('one process per file', () => {
    it('refuses to open a file another process holds, naming its pid', async () => {
      const dir = tempDir();
      const child = startWriter(dir, 'hold');
      try {
        await child.waitFor((lines) => lines.some((l) => l.startsWith('ready ')), 20_000);
        await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(
          `${join(dir, 'aanzet.json')} is in use by another AanZet process (pid ${child.proc.pid}, since `,
        );
        await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(
          /stop it or use another AANZET_DATA_DIR$/,
        );
        child.proc.stdin!.end(); // the child closes its store and exits
        await child.closed;
        expect(child.proc.exitCode).toBe(0);
        const store = await openLowdbStore({ dataDir: dir });
        expect(store.recoveredStaleLock).toBe(false);
        await store.close();
      } finally {
        await child.stop();
      }
    });

    it('another process is refused while this one holds the file', async () => {
      const dir = tempDir();
      const store = await openLowdbStore({ dataDir: dir });
      const child = startWriter(dir, 'hold');
      try {
        await child.closed;
        expect(child.proc.exitCode).toBe(3);
        expect(child.lines[0]).toContain(`is in use by another AanZet process (pid ${process.pid}, since `);
      } finally {
        await child.stop();
        await store.close();
      }
    });

    it('refuses a second open in the same process', async () => {
      const dir = tempDir();
      const store = await openLowdbStore({ dataDir: dir });
      await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(/already open in this process/);
      await store.close();
    });

    it('takes over the lock of a process that is gone', async () => {
      const dir = tempDir();
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      const stale = {
        pid: dead,
        hostname: hostname(),
        since: '2026-01-01T00:00:00.000Z',
        processStartedAt: '2026-01-01T00:00:00.000Z',
      };
      writeFileSync(lockOf(dir), JSON.stringify(stale));
      const store = await openLowdbStore({ dataDir: dir });
      expect(store.recoveredStaleLock).toBe(true);
      expect(JSON.parse(readFileSync(lockOf(dir), 'utf8'))).toMatchObject({ pid: process.pid });
      await store.close();
      expect(existsSync(lockOf(dir))).toBe(false);
    });

    it('takes over a lock left by an earlier process that had the same pid (a restarted container)', async () => {
      const dir = tempDir();
      const earlier = {
        pid: process.pid,
        hostname: hostname(),
        since: '2026-01-01T00:00:00.000Z',
        processStartedAt: '2026-01-01T00:00:00.000Z',
      };
      writeFileSync(lockOf(dir), JSON.stringify(earlier));
      const store = await openLowdbStore({ dataDir: dir });
      expect(store.recoveredStaleLock).toBe(true);
      await store.close();
    });

    it('takes over an unreadable lock only once it is old enough not to be one being written', async () => {
      const dir = tempDir();
      writeFileSync(lockOf(dir), '');
      await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(
        /being opened by another AanZet process/,
      );
      const old = new Date(Date.now() - 60_000);
      utimesSync(lockOf(dir), old, old);
      const store = await openLowdbStore({ dataDir: dir });
      expect(store.recoveredStaleLock).toBe(true);
      await store.close();
    });

    it('refuses a lock held on another host with a fresh heartbeat, saying which file to delete if that process is gone', async () => {
      const dir = tempDir();
      const since = new Date(Date.now() - 3_600_000).toISOString();
      const foreign = {
        pid: 1,
        hostname: 'elsewhere',
        since,
        processStartedAt: since,
        heartbeat: new Date(Date.now() - 5_000).toISOString(),
      };
      writeFileSync(lockOf(dir), JSON.stringify(foreign));
      await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(
        `on host elsewhere (pid 1, since ${since}`,
      );
      await expect(openLowdbStore({ dataDir: dir })).rejects.toThrow(`delete ${lockOf(dir)}`);
      expect(JSON.parse(readFileSync(lockOf(dir), 'utf8'))).toEqual(foreign);
    });
  });

  it(
    'a writer killed with SIGKILL while writing loses no acknowledged write',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const cases = new Set<string>();
      const busy = new Map<string, number>();
      // Three kills at different moments, on a file that grows between them.
      for (const acks of [200, 75, 320]) {
        const child = startWriter(dir, 'write');
        try {
          await child.waitFor((lines) => lines.filter((l) => l.startsWith('ack ')).length >= acks, 30_000);
          // An ack arrives as the next write is being serialised; a random pause lets the kill
          // land anywhere in the write cycle instead (file open, write, fsync, rename).
          await new Promise((done) => setTimeout(done, Math.random() * 20));
          child.proc.kill('SIGKILL');
          await child.closed;
        } finally {
          await child.stop();
        }
        expect(child.proc.signalCode).toBe('SIGKILL');
        for (const line of child.lines) {
          const [kind, what, id, version] = line.split(' ');
          if (kind === 'ack' && what === 'case') cases.add(id!);
          if (kind === 'ack' && what === 'busy') busy.set(id!, Number(version));
        }
        const store = await openLowdbStore({ dataDir: dir });
        try {
          expect(store.recoveredStaleLock).toBe(true);
          const missing = [];
          for (const id of cases) if (!(await store.cases.get(id))) missing.push(id);
          expect(missing).toEqual([]);
          for (const [id, version] of busy) {
            const record = await store.cases.get(id);
            // The write after the last acknowledged one may or may not have landed: never less.
            expect(record!.version).toBeGreaterThanOrEqual(version);
            expect(record!.events).toHaveLength(record!.version);
          }
        } finally {
          await store.close();
        }
      }
      expect(cases.size).toBeGreaterThan(250);
    },
  );
});
