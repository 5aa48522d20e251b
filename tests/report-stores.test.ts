import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Casework } from '../casework/casework.js';
import type { Member, Store } from '../casework/ports.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { signalFor } from './helpers/casework-harness.js';
import { closeSharedPglite, freshPglite } from './helpers/postgres.js';

// The export reads through the ports only: on PostgreSQL (PGlite) it gives what it gives on lowdb.

const LEK = 'lekstroom';
const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
afterAll(closeSharedPglite);

async function exportFrom(store: Store) {
  const now = new Date('2026-03-12T13:00:00Z');
  const casework = new Casework({ covenants: loadCovenants(), ...store, clock: () => now });
  const member = async (userId: string, partnerId: string, roles: string[] = []): Promise<Member> => {
    const m: Member = {
      userId,
      name: userId,
      memberships: [{ covenantId: LEK, partnerId, roles, status: 'active' }],
    };
    await store.members.put(m);
    return m;
  };
  const sanne = await member('sanne', 'mitros');
  const ahmed = await member('ahmed', 'wil');
  const carla = await member('carla', 'wil', ['coordinator-vroeg-eropaf']);
  const first = await casework.registerSignal(sanne, signalFor(LEK, { houseNumber: 1 }));
  const visit = await casework.logContactAttempt(ahmed, first.caseId, first.loaded.record.version, {
    kind: 'Huisbezoek',
    reached: true,
    date: '2026-03-11',
    daypart: 'Ochtend',
  });
  await casework.logOutcome(ahmed, first.caseId, visit.record.version, { outcomeId: 'regeling' });
  await casework.registerSignal(sanne, signalFor(LEK, { houseNumber: 2, crisis: true }));
  const data = await casework.exportReport(carla, LEK, PERIOD, 'json');
  const audit = await store.audit.list({ userId: 'carla' });
  return { data, exports: audit.filter((e) => e.action === 'export').map((e) => e.detail) };
}

describe('exports on both engines', () => {
  it('gives the same figures, case list, DDAS cases and audit line on lowdb and on PostgreSQL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aanzet-report-stores-'));
    const lowdb = await openLowdbStore({ dataDir: dir });
    const pglite = await freshPglite();
    const postgres = await openPostgresStore(pglite.client);
    try {
      const onLowdb = await exportFrom(lowdb);
      const onPostgres = await exportFrom(postgres);
      expect(onLowdb.data.figures).toMatchObject({
        signalsReceived: 2,
        crisisSignals: 1,
        paymentArrangements: 1,
      });
      expect(onLowdb.exports).toEqual(['export lekstroom 2026-03-01..2026-03-31 json (2 cases)']);
      expect(onPostgres).toEqual(onLowdb);
    } finally {
      await lowdb.close();
      await postgres.close();
      await pglite.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
