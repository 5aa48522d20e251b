import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { NUDGE_MOMENT, seedDueNudges } from './helpers/reminder-seed.js';

// A bot process killed with SIGKILL in the middle of delivering a batch of reminders, then
// started again: nothing is lost, and the only repeats are messages the connector accepted
// just before the kill but that were not yet recorded as sent — and those are counted.

const CASES = 12;
const CHATS = 20; // WIL caseworkers, each with a personal chat: 240 nudges
const NOW = NUDGE_MOMENT; // Friday 09:00 in Amsterdam: the nudge day of 23 March
const AFTER_LEASE = '2026-03-20T08:06:00.000Z'; // past the 5-minute lease of what the dead process held

let connector: FakeConnector;
let dataDir: string;

beforeEach(async () => {
  connector = await startFakeConnector({ delayMs: 15 });
  dataDir = mkdtempSync(join(tmpdir(), 'aanzet-crash-'));
  const store = await openLowdbStore({ dataDir });
  await seedDueNudges(store, connector.url, { cases: CASES, chats: CHATS });
  await store.close();
});

afterEach(async () => {
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function runWorker(
  now: string,
  killAfterSent?: number,
): Promise<{ killed: boolean; report?: Record<string, number> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/helpers/reminder-worker.ts', dataDir, now],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let report: Record<string, number> | undefined;
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('worker took too long'));
    }, 60_000);
    const poll =
      killAfterSent === undefined
        ? undefined
        : setInterval(() => {
            if (connector.sent.length >= killAfterSent && !killed) {
              killed = true;
              child.kill('SIGKILL');
            }
          }, 1);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('report '))
        report = JSON.parse(line.slice('report '.length)) as Record<string, number>;
    });
    child.once('exit', () => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      resolve({ killed, ...(report ? { report } : {}) });
    });
  });
}

it('a bot killed mid-batch and restarted delivers every reminder, repeating only what it could not record', async () => {
  const first = await runWorker(NOW, 80);
  expect(first.killed).toBe(true);
  const beforeRestart = connector.sent.length;
  expect(beforeRestart).toBeGreaterThanOrEqual(80);
  expect(beforeRestart).toBeLessThan(CASES * CHATS);

  const second = await runWorker(AFTER_LEASE);
  expect(second.killed).toBe(false);

  const store = await openLowdbStore({ dataDir });
  try {
    const entries = await store.outbox.list({});
    expect(entries).toHaveLength(CASES * CHATS);
    expect(entries.filter((e) => e.state !== 'sent')).toEqual([]);

    const delivered = connector.sent.map(
      // Each worker listens on a port of its own (PORT=0): the cards' local tab link names it.
      (s) =>
        `${s.conversationId} ${JSON.stringify(s.activity.attachments).replace(/localhost:\d+/g, 'localhost')}`,
    );
    const unique = new Set(delivered);
    expect(unique.size).toBe(CASES * CHATS); // nothing lost
    const duplicates = delivered.length - unique.size;
    const reclaimed = entries.reduce((sum, e) => sum + e.reclaimed, 0);
    // Every repeat is an entry the dead process held; the outbox counted them.
    expect(duplicates).toBeLessThanOrEqual(reclaimed);
    // Each conversation has one send in flight at most: at most one repeat per conversation.
    expect(duplicates).toBeLessThanOrEqual(CHATS);
    console.info(
      `crash test: ${beforeRestart} sent before the kill, ${duplicates} repeated, ${reclaimed} reclaimed`,
    );
  } finally {
    await store.close();
  }
}, 120_000);
