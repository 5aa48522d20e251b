import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../casework/ports.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';

// Through the casework facade on a real lowdb file: the coordinator's agenda says when the covenant
// has expired or an evaluation is near, and a case's view says which of its step's parts are examples.

let h: Harness;
let sittardCoordinator: Member;
let lekstroomCoordinator: Member;
let mitros: Member;

beforeAll(async () => {
  h = await openHarness('2026-03-09');
  sittardCoordinator = await h.member('carla', 'sittard-geleen', 'gemeente-sittard-geleen', ['regisseur']);
  lekstroomCoordinator = await h.member('coord', 'lekstroom', 'wil', ['coordinator-vroeg-eropaf']);
  mitros = await h.member('sanne', 'lekstroom', 'mitros');
});
afterAll(() => h.close());

describe('the covenant’s standing on the coordinator’s agenda', () => {
  it('Sittard-Geleen’s agenda says the covenant expired at the end of 2019', async () => {
    const agenda = await h.casework.casuistryAgenda(sittardCoordinator, 'sittard-geleen', 'nl');
    expect(agenda.covenantExpiredOn).toBe('2019-12-31');
    expect(agenda.evaluationsDue).toEqual([]);
  });

  it('Lekstroom’s agenda carries no warning: its covenant runs on', async () => {
    const agenda = await h.casework.casuistryAgenda(lekstroomCoordinator, 'lekstroom', 'en');
    expect(agenda.covenantExpiredOn).toBeNull();
  });

  it('the start-up standings name only Sittard-Geleen as expired', () => {
    const expired = h.casework.covenantStandings().filter((s) => s.expiredOn !== null);
    expect(expired.map((s) => s.covenantId)).toEqual(['sittard-geleen']);
  });
});

describe('a case’s view marks the example parts of its step', () => {
  it('Lekstroom’s joint home visit: owner and rule from the source, the deadline an example', async () => {
    const { caseId } = await h.casework.registerSignal(mitros, signalFor('lekstroom'));
    const view = await h.casework.caseView(mitros, caseId, { locale: 'nl', withPersonalData: false });
    expect(view.examples).toEqual({ responsible: false, deadline: true, rule: false });
    const status = await h.casework.caseStatus(mitros, caseId, 'en');
    expect(status.examples).toEqual({ responsible: false, deadline: true, rule: false });
  });
});
