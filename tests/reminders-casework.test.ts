import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInput, NotAllowed } from '../casework/errors.js';
import type { Member } from '../casework/ports.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';
import { timelineText } from '../cards/timeline.js';

// The casework side of reminders: the sweep over a real store, and the actions a reminder
// card offers (take over, postpone with a reason).

const LEK = 'lekstroom';
let h: Harness;
let sanne: Member;
let ahmed: Member;
let coordinator: Member;

beforeEach(async () => {
  h = await openHarness('2026-03-09');
  sanne = await h.member('sanne', LEK, 'mitros', [], 'Sanne Jansen');
  ahmed = await h.member('ahmed', LEK, 'wil', [], 'Ahmed El Amrani');
  coordinator = await h.member('coord', LEK, 'gemeente-nieuwegein', ['coordinator-vroeg-eropaf'], 'Carla');
});
afterEach(async () => h.close());

describe('the daily sweep', () => {
  it('finds the nudge, the due-day reminder and the escalation of open steps, and skips closed cases', async () => {
    const due23 = await h.casework.registerSignal(sanne, signalFor(LEK)); // deadline 23 March
    const closed = await h.casework.registerSignal(sanne, signalFor(LEK, { houseNumber: 14 }));
    await h.casework.logOutcome(ahmed, closed.caseId, closed.loaded.record.version, {
      outcomeId: 'regeling',
    });
    h.setNow('2026-03-12');
    const later = await h.casework.registerSignal(
      sanne,
      signalFor(LEK, { houseNumber: 16, signalDate: '2026-03-12' }),
    ); // 26 March

    const caseMessages = async (day: string) => {
      h.setNow(day);
      return (await h.casework.planDueMessages())
        .filter((m) => m.caseId !== null)
        .map((m) => `${m.caseId} ${m.kind} ${m.partnerId}`);
    };
    expect(await caseMessages('2026-03-20')).toEqual([`${due23.caseId} nudge wil`]);
    expect(await caseMessages('2026-03-23')).toEqual([`${due23.caseId} due wil`]);
    expect(await caseMessages('2026-03-25')).toEqual([`${later.caseId} nudge wil`]);
    expect(await caseMessages('2026-03-24')).toEqual([`${due23.caseId} escalation wil`]);
  });

  it('adds a digest per partner on working days and nothing at the weekend', async () => {
    h.setNow('2026-03-23');
    const digests = (await h.casework.planDueMessages()).filter((m) => m.kind === 'digest');
    expect(digests.length).toBeGreaterThan(0);
    expect(new Set(digests.map((d) => d.key)).size).toBe(digests.length);
    h.setNow('2026-03-21');
    expect(await h.casework.planDueMessages()).toEqual([]);
  });
});

describe('actions from a reminder card', () => {
  it('postpones the step to a later working day and records the reason in the history', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const postponed = await h.casework.postponeStep(ahmed, caseId, loaded.record.version, {
      until: '2026-03-28', // a Saturday: moved to Monday 30 March
      reason: 'huurder is tot eind maart opgenomen',
    });
    expect(postponed.state.step?.deadline).toBe('2026-03-30');
    // The event keeps the fact; the reason is personal data, in the personal part.
    expect(postponed.state.step?.changes).toMatchObject([{ kind: 'postponed', deadline: '2026-03-30' }]);
    expect(JSON.stringify(postponed.record.events)).not.toContain('opgenomen');
    expect(postponed.record.personal?.reasons).toEqual([
      { seq: postponed.record.version, byPartnerId: 'wil', text: 'huurder is tot eind maart opgenomen' },
    ]);
    const withReason = await h.casework.caseView(sanne, caseId, { locale: 'nl', withPersonalData: true });
    expect(withReason.timeline.at(-1)?.fact).toEqual({
      kind: 'deadline_postponed',
      deadline: '2026-03-30',
      reason: 'huurder is tot eind maart opgenomen',
    });
    expect(timelineText(withReason.timeline.at(-1)!.fact, 'nl')).toBe(
      'Termijn uitgesteld tot maandag 30 maart 2026: huurder is tot eind maart opgenomen',
    );
    expect(withReason.stepChanges).toMatchObject([
      { kind: 'postponed', who: 'Ahmed El Amrani', reason: 'huurder is tot eind maart opgenomen' },
    ]);
    const view = await h.casework.caseView(sanne, caseId, { locale: 'nl', withPersonalData: false });
    expect(timelineText(view.timeline.at(-1)!.fact, 'nl')).toBe(
      'Termijn uitgesteld tot maandag 30 maart 2026',
    );
    expect(timelineText(view.timeline.at(-1)!.fact, 'en')).toBe('Deadline postponed to Monday 30 March 2026');
    expect(view.stepChanges).toMatchObject([{ kind: 'postponed', reason: null }]);
  });

  it('refuses to postpone to an earlier date, or without a reason, or by another partner', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const v = loaded.record.version;
    await expect(
      h.casework.postponeStep(ahmed, caseId, v, { until: '2026-03-20', reason: 'x' }),
    ).rejects.toBeInstanceOf(InvalidInput);
    await expect(
      h.casework.postponeStep(ahmed, caseId, v, { until: '2026-04-01', reason: '  ' }),
    ).rejects.toMatchObject({ fieldErrors: { reason: { code: 'required' } } });
    const viveste = await h.member('vera', LEK, 'viveste');
    await expect(
      h.casework.postponeStep(viveste, caseId, v, { until: '2026-04-01', reason: 'x' }),
    ).rejects.toBeInstanceOf(NotAllowed);
  });

  it('lets the coordinator take an escalated step over', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    h.setNow('2026-03-24');
    const taken = await h.casework.takeOverStep(coordinator, caseId, loaded.record.version);
    expect(taken.state.step).toMatchObject({
      responsiblePartnerId: 'gemeente-nieuwegein',
      deadline: '2026-03-23',
    });
    expect(taken.state.step?.changes).toMatchObject([
      { kind: 'referred', toPartnerId: 'gemeente-nieuwegein', by: { name: 'Carla' } },
    ]);
    const view = await h.casework.caseView(coordinator, caseId, { locale: 'nl', withPersonalData: true });
    expect(view.stepChanges).toMatchObject([{ kind: 'taken_over', who: 'Carla', reason: null }]);
  });
});
