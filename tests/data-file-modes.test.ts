import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileDurably, type FileWriter } from '../storage/durable-json-file.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { startRunningBot } from './helpers/running-bot.js';

// Issue 8, point 5: the lowdb data file holds personal data, so it is for its owner only: the
// folder 0700; the file, its temp file for the atomic rewrite and the lock file 0600; also when
// the file is rewritten, and an existing folder or file with looser modes is tightened at start.

const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
let previousUmask: number;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'aanzet-modes-'));
  // The most permissive umask: the modes must not depend on the one the process happens to have.
  previousUmask = process.umask(0);
});
afterEach(() => {
  process.umask(previousUmask);
  rmSync(root, { recursive: true, force: true });
});

describe('the lowdb data file is readable by its owner only', () => {
  it('a new folder is 0700; the file, the temp file of every rewrite and the lock are 0600', async () => {
    const dataDir = join(root, 'data', 'aanzet');
    const tempModes: number[] = [];
    const recording: FileWriter = async (path, text) => {
      await writeFileDurably(path, text);
      if (path.endsWith('.tmp')) tempModes.push(mode(path));
    };
    const store = await openLowdbStore({ dataDir, writeFile: recording });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'aanzet.json'))).toBe(0o600);
      expect(mode(join(dataDir, 'aanzet.json.lock'))).toBe(0o600);
      for (let i = 0; i < 3; i++)
        await store.members.put({ userId: `u${i}`, name: 'J. de Vries', memberships: [] });
      expect(tempModes.length).toBeGreaterThanOrEqual(3);
      expect(new Set(tempModes)).toEqual(new Set([0o600]));
      expect(mode(join(dataDir, 'aanzet.json'))).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('an existing folder and file with looser modes, and a temp file left by a crash, are tightened', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o777);
    const first = await openLowdbStore({ dataDir });
    await first.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'aanzet.json'), 0o644);
    writeFileSync(join(dataDir, '.aanzet.json.tmp'), 'left by a crash', { mode: 0o666 });
    chmodSync(join(dataDir, '.aanzet.json.tmp'), 0o666);

    const store = await openLowdbStore({ dataDir });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'aanzet.json'))).toBe(0o600);
      await store.members.put({ userId: 'u1', name: 'J. de Vries', memberships: [] });
      // The rewrite went through the old temp file: it was made owner-only before the data went in.
      expect(mode(join(dataDir, 'aanzet.json'))).toBe(0o600);
    } finally {
      await store.close();
    }
  });
});

describe('through the running bot', () => {
  let connector: FakeConnector;
  beforeEach(async () => {
    connector = await startFakeConnector();
  });
  afterEach(() => connector.close());

  it('the data folder AANZET_DATA_DIR names is created 0700 with the file 0600', async () => {
    const dataDir = join(root, 'new', 'data');
    const bot = await startRunningBot({ connectorUrl: connector.url, dataDir });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, 'aanzet.json'))).toBe(0o600);
      expect(mode(join(dataDir, 'aanzet.json.lock'))).toBe(0o600);
    } finally {
      await bot.stop();
    }
  });
});
