import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardForEntry } from '../bot/reminders/reminder-cards.js';
import { approvalNotice, caseNotice, membershipNotice } from '../casework/reminders/notices.js';
import type { OutboxEntry } from '../casework/ports.js';
import type { PlannedMessage } from '../casework/ports.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';
import { shown } from './fixtures/card-inputs.js';
import { validateCard } from './helpers/validate-card.js';

// Notices (casework/reminders/notices.ts): their keys, and their cards, built when they are sent from the
// case or the request as it is then.

let h: Harness;
beforeEach(async () => {
  h = await openHarness('2026-03-09');
});
afterEach(async () => h.close());

const entryOf = (notice: PlannedMessage): OutboxEntry => ({
  ...notice,
  messageKey: notice.key,
  conversationId: 'a:chat',
  state: 'sending',
  attempts: 1,
  reclaimed: 0,
  leaseUntil: null,
  sentAt: null,
  lastError: null,
});

describe('notice keys', () => {
  const now = new Date('2026-03-09T09:00:00Z');
  const notice = (version: number, partnerId: string, at = now) =>
    caseNotice(
      { kind: 'handover', covenantId: 'lekstroom', caseId: 'LEK-2026-0001', version, partnerId, stepId: 's' },
      at,
    );

  it('are one per case version and recipient, whenever they are planned', () => {
    expect(notice(3, 'wil').key).toBe(notice(3, 'wil', new Date('2026-03-10T09:00:00Z')).key);
    expect(new Set([notice(3, 'wil'), notice(4, 'wil'), notice(3, 'mitros')].map((n) => n.key)).size).toBe(3);
    expect(notice(3, 'wil')).toMatchObject({ notBefore: now.toISOString(), forDate: '2026-03-09' });
  });

  it('ask a coordinator once a day per request, and answer once per decision', () => {
    const ask = (at: string, coordinator = 'carla') =>
      approvalNotice(
        { covenantId: 'lekstroom', partnerId: 'wil', userId: 'nina' },
        { userId: coordinator, partnerId: 'gemeente-nieuwegein' },
        new Date(at),
      ).key;
    expect(ask('2026-03-09T09:00:00Z')).toBe(ask('2026-03-09T15:00:00Z'));
    expect(ask('2026-03-09T09:00:00Z')).not.toBe(ask('2026-03-10T09:00:00Z'));
    expect(ask('2026-03-09T09:00:00Z')).not.toBe(ask('2026-03-09T09:00:00Z', 'dirk'));
    const answer = (approved: boolean) =>
      membershipNotice(
        { covenantId: 'lekstroom', partnerId: 'wil', userId: 'nina', approved, byUserId: 'carla' },
        new Date('2026-03-09T09:00:00Z'),
      );
    expect(answer(true).key).not.toBe(answer(false).key);
    expect(answer(true)).toMatchObject({ userId: 'nina', kind: 'membership' });
  });
});

describe('notice cards, built when sent', () => {
  it('show a new case to the partner while the step is theirs, in their language, without personal data', async () => {
    const sanne = await h.member('sanne', 'lekstroom', 'mitros');
    const ahmed = await h.member('ahmed', 'lekstroom', 'wil');
    const registered = await h.casework.registerSignal(sanne, signalFor('lekstroom'));
    const { state } = registered.loaded;
    const notice = caseNotice(
      {
        kind: 'registered',
        covenantId: 'lekstroom',
        caseId: registered.caseId,
        version: state.version,
        partnerId: 'wil',
        stepId: state.step!.id,
      },
      h.casework.now(),
    );
    const english = (await cardForEntry(h.casework, entryOf(notice), 'en'))!;
    expect(validateCard(english)).toEqual([]);
    expect(shown(english)).toContain(registered.caseId);
    expect(shown(english)).not.toContain('geopend');
    expect(JSON.stringify(english)).not.toContain('de Vries');
    const dutch = shown((await cardForEntry(h.casework, entryOf(notice), 'nl'))!);
    expect(dutch).toContain('geopend');
    expect(dutch).toContain('ongeveer een maand gaan medewerkers van de corporatie en WIL'); // why WIL

    // WIL closes it before the notice could go out: it no longer applies.
    h.setNow('2026-03-17');
    const closed = await h.casework.logOutcome(ahmed, registered.caseId, state.version, {
      outcomeId: 'regeling',
      solutions: [],
    });
    expect(await cardForEntry(h.casework, entryOf(notice), 'nl')).toBeUndefined();
    const told = caseNotice(
      {
        kind: 'closed',
        covenantId: 'lekstroom',
        caseId: registered.caseId,
        version: closed.state.version,
        partnerId: 'mitros',
        stepId: null,
      },
      h.casework.now(),
    );
    expect(shown((await cardForEntry(h.casework, entryOf(told), 'nl'))!)).toContain('Afgesloten');
  });

  it('ask for an approval only while the request is pending', async () => {
    const carla = await h.member(
      'carla',
      'lekstroom',
      'gemeente-nieuwegein',
      ['coordinator-vroeg-eropaf'],
      'Carla',
    );
    await h.casework.requestMembership({ userId: 'nina', name: 'Nina Visser' }, 'lekstroom', 'wil');
    const ask = approvalNotice(
      { covenantId: 'lekstroom', partnerId: 'wil', userId: 'nina' },
      { userId: 'carla', partnerId: 'gemeente-nieuwegein' },
      h.casework.now(),
    );
    expect(shown((await cardForEntry(h.casework, entryOf(ask), 'nl'))!)).toContain('Nina Visser');
    await h.casework.decideMembership(carla, 'nina', 'lekstroom', false);
    expect(await cardForEntry(h.casework, entryOf(ask), 'nl')).toBeUndefined();
    const answer = membershipNotice(
      { covenantId: 'lekstroom', partnerId: 'wil', userId: 'nina', approved: false, byUserId: 'carla' },
      h.casework.now(),
    );
    const card = (await cardForEntry(h.casework, entryOf(answer), 'en'))!;
    expect(validateCard(card)).toEqual([]);
    expect(shown(card)).toContain('Request rejected');
    expect(shown(card)).toContain('Carla rejected the request of Nina Visser');
  });
});
