import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach } from 'vitest';
import { freshServerDatabase, type ServerDatabase } from './postgres.js';
import { startThrottlingConnector, type ThrottlingConnector } from './throttling-connector.js';

// Starts tests/helpers/pace-worker.ts (a bot process on PostgreSQL, its scheduler running) and
// sums the 'reminders' reports of its log.

export interface PaceWorker {
  child: ChildProcess;
  /** Its data folder (for the caller to remove). */
  dir: string;
  ready: Promise<void>;
  /** What its passes reported so far. */
  totals: { sent: number; failed: number; gone: number };
  /** Closes its stdin (it finishes what it sends) and resolves with its totals. */
  stop(): Promise<{ sent: number; failed: number; gone: number }>;
}

export function startPaceWorker(databaseUrl: string, now: string): PaceWorker {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-pace-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/helpers/pace-worker.ts', dir, now, databaseUrl],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const totals = { sent: 0, failed: 0, gone: 0 };
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') return markReady();
    if (!line.startsWith('{')) return;
    const entry = JSON.parse(line) as { msg?: string; sent?: number; failed?: number; gone?: number };
    if (entry.msg !== 'reminders') return;
    totals.sent += entry.sent ?? 0;
    totals.failed += entry.failed ?? 0;
    totals.gone += entry.gone ?? 0;
  });
  return {
    child,
    dir,
    ready,
    totals,
    stop: async () => {
      child.stdin!.end();
      const code = await exited;
      if (code !== 0) throw new Error(`pace worker exited with ${code}`);
      return totals;
    },
  };
}

/** What each pace test gets fresh: a database of its own, the throttling connector, its workers. */
export interface PaceSetup {
  database: ServerDatabase;
  connector: ThrottlingConnector;
  /** Workers the test started: killed if still running, and their folders removed, after it. */
  workers: PaceWorker[];
}

/** Registers the set-up and clean-up of each test in the calling describe block. */
export function paceSetup(serverUrl: string): PaceSetup {
  const setup = { workers: [] } as unknown as PaceSetup;
  beforeEach(async () => {
    setup.database = await freshServerDatabase(serverUrl);
    setup.connector = await startThrottlingConnector();
  });
  afterEach(async () => {
    for (const { child, dir } of setup.workers.splice(0)) {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
    await setup.connector.close();
    await setup.database.cleanup();
  });
  return setup;
}
