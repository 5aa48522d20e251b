import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Casework } from '../casework/casework.js';
import { NotAllowed } from '../casework/errors.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';

// `npm run members`: the real CLI in its own process on a real lowdb file. In a new tenant nobody
// holds the coordinator role, so the operator approves the first coordinator here; from then on
// approvals happen in Teams.

const run = promisify(execFile);
const LEK = 'lekstroom';
const COORDINATOR = 'coordinator-vroeg-eropaf';
const FIRST = { userId: '29:first-coordinator', name: 'Fenna Eerstens' };
const LATER = { userId: '29:later-colleague', name: 'Lars Later' };

let dir: string;

async function members(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('node', ['cli/run.mjs', 'members', ...args], {
      env: { ...process.env, AANZET_DATA_DIR: dir, DATABASE_URL: '' },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

async function withStore<T>(
  use: (casework: Casework, store: Awaited<ReturnType<typeof openLowdbStore>>) => Promise<T>,
) {
  const store = await openLowdbStore({ dataDir: dir });
  try {
    return await use(new Casework({ covenants: loadCovenants(), ...store, clock: () => new Date() }), store);
  } finally {
    await store.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aanzet-members-'));
  // What the bot stores when someone writes to it and picks an organisation.
  await withStore((casework) => casework.requestMembership(FIRST, LEK, 'wil'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run members', () => {
  it('lists who is waiting, with the id to approve', async () => {
    const { stdout, code } = await members(['list']);
    expect(code).toBe(0);
    expect(stdout).toContain(`${FIRST.userId}  "${FIRST.name}"`);
    expect(stdout).toContain('lekstroom: wil, roles: none, waiting for approval');
  });

  it('approves the first coordinator, audited under the operator, who then approves others in Teams', async () => {
    const approved = await members([
      'approve',
      '--user',
      FIRST.userId,
      '--covenant',
      LEK,
      '--role',
      COORDINATOR,
      '--by',
      'Beheer WIL',
    ]);
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain(`approved: ${FIRST.userId}`);
    expect(approved.stdout).toContain(`lekstroom: wil, roles: ${COORDINATOR}, approved`);

    await withStore(async (casework, store) => {
      const first = await store.members.get(FIRST.userId);
      expect(first?.memberships).toEqual([
        {
          covenantId: LEK,
          partnerId: 'wil',
          roles: [COORDINATOR],
          status: 'active',
          approvedBy: 'Beheer WIL',
        },
      ]);
      const audit = await store.audit.list({ userId: 'operator:Beheer WIL' });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toContain(
        `approved ${FIRST.userId} for wil in lekstroom from the command line`,
      );
      // The member hears of it as after a click: a notice waits in the outbox for the bot.
      const planned = await store.outbox.claim(new Date(Date.now() + 60_000).toISOString(), 10, 1000);
      expect(planned.map((m) => m.userId)).toEqual([FIRST.userId]);
      // The new coordinator can now do what nobody could before: approve a colleague.
      await casework.requestMembership(LATER, LEK, 'gemeente-houten');
      const decided = await casework.decideMembership(first!, LATER.userId, LEK, true);
      expect(decided.changed).toBe(true);
    });
  });

  it('approving again changes nothing and logs nothing', async () => {
    await members(['approve', '--user', FIRST.userId, '--covenant', LEK, '--role', COORDINATOR, '--by', 'x']);
    const again = await members([
      'approve',
      '--user',
      FIRST.userId,
      '--covenant',
      LEK,
      '--role',
      COORDINATOR,
      '--by',
      'x',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already so, nothing changed');
    await withStore(async (_, store) =>
      expect(await store.audit.list({ userId: 'operator:x' })).toHaveLength(1),
    );
  });

  it.each([
    [
      ['--user', '29:nobody', '--covenant', LEK],
      'no user with id "29:nobody": ask them to send AanZet a message',
    ],
    [['--user', FIRST.userId, '--covenant', 'atlantis'], 'no covenant "atlantis"'],
    [
      ['--user', FIRST.userId, '--covenant', LEK, '--role', 'koning'],
      'has no role "koning"; known: coordinator-vroeg-eropaf',
    ],
    [
      ['--user', FIRST.userId, '--covenant', LEK, '--partner', 'bakker'],
      'has no partner "bakker"; known: wil',
    ],
  ])('refuses %j with a sentence that says what is wrong, changing nothing', async (args, problem) => {
    const refused = await members(['approve', ...args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(problem);
    await withStore(async (_, store) => {
      expect((await store.members.get(FIRST.userId))?.memberships[0]?.status).toBe('pending');
      expect(await store.audit.list({ userId: 'operator:x' })).toEqual([]);
    });
  });

  it('a wrong command line gets the usage', async () => {
    const wrong = await members(['promote']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('say list or approve, not "promote"');
    expect(wrong.stderr).toContain('usage: npm run members');
    const noUser = await members(['approve', '--covenant', LEK]);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain('say whom with --user');
  });

  it('refuses in one line while the bot holds the embedded store', async () => {
    const store = await openLowdbStore({ dataDir: dir });
    try {
      const refused = await members(['list']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^members: .* is (in use by|already open in) /);
      expect(refused.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});

// Kept here so that the refusal the pure decision gives is also the one a click would give.
it('a pending member cannot approve anyone in Teams until the operator made them coordinator', async () => {
  await withStore(async (casework, store) => {
    await casework.requestMembership(LATER, LEK, 'gemeente-houten');
    const pending = (await store.members.get(FIRST.userId))!;
    await expect(casework.decideMembership(pending, LATER.userId, LEK, true)).rejects.toBeInstanceOf(
      NotAllowed,
    );
  });
});
