import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseworkContext } from '../casework/context.js';
import type { CaseEvent, CaseEventBody } from '../casework/case/types.js';
import { covenantSchema } from '../casework/covenant/covenant.js';
import { NotAllowed } from '../casework/errors.js';
import type { Member } from '../casework/ports.js';
import { withoutFreeText } from '../casework/commands/purge.js';
import { makeEvent } from './fixtures/case-records.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';
import { timelineText } from '../cards/timeline.js';

// The privacy rules of the domain, without Teams: older histories read and purged, joined
// signals, the postponement maximum, and purges that race.

const LEK = 'lekstroom';
let h: Harness;
let sanne: Member; // Mitros
let ahmed: Member; // WIL
let vera: Member; // Viveste
let coordinator: Member;

beforeEach(async () => {
  h = await openHarness('2026-03-09');
  sanne = await h.member('sanne', LEK, 'mitros', [], 'Sanne Jansen');
  ahmed = await h.member('ahmed', LEK, 'wil', [], 'Ahmed El Amrani');
  vera = await h.member('vera', LEK, 'viveste', [], 'Vera Viveste');
  coordinator = await h.member('coord', LEK, 'wil', ['coordinator-vroeg-eropaf'], 'Carla');
});
afterEach(async () => h.close());

const by = { userId: 'ahmed', name: 'Ahmed El Amrani', partnerId: 'wil' };
async function appendAsOlderAanZet(caseId: string, bodies: CaseEventBody[]) {
  // Below the facade on purpose: the histories an older AanZet stored, written as it wrote them.
  const ctx = new CaseworkContext({ covenants: h.covenants, ...h.store, clock: () => h.casework.now() });
  const note = { userId: 'ahmed', partnerId: 'wil', action: 'change', detail: 'older' } as const;
  return ctx.commit(await ctx.load(caseId), bodies, by, note);
}

describe('histories stored by an older AanZet', () => {
  it('keep the rule as the why, and show their reasons only with the personal data', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const rule = loaded.state.step!.because;
    const after = await appendAsOlderAanZet(caseId, [
      {
        type: 'deadline_changed',
        stepId: 'gezamenlijk-huisbezoek',
        deadline: '2026-03-27',
        because: `${rule} — uitgesteld door Ahmed El Amrani: in het ziekenhuis`,
      },
      {
        type: 'referred',
        stepId: 'gezamenlijk-huisbezoek',
        toPartnerId: 'gemeente-nieuwegein',
        reason: 'kent de buren',
      },
      {
        type: 'step_started',
        stepId: 'gezamenlijk-huisbezoek',
        responsiblePartnerId: 'gemeente-nieuwegein',
        deadline: '2026-03-27',
        because: 'Doorverwezen door WIL: kent de buren',
        cause: 'referral',
      },
    ]);
    expect(after.state.step!.because).toBe(rule);
    expect(after.state.step!.changes).toMatchObject([
      { kind: 'postponed', deadline: '2026-03-27', legacyReason: 'in het ziekenhuis' },
      { kind: 'referred', toPartnerId: 'gemeente-nieuwegein', legacyReason: 'kent de buren' },
    ]);
    const full = await h.casework.caseView(sanne, caseId, { locale: 'nl', withPersonalData: true });
    expect(full.stepChanges!.map((c) => c.reason)).toEqual(['in het ziekenhuis', 'kent de buren']);
    expect(full.timeline.map((t) => timelineText(t.fact, 'nl'))).toContain(
      'Doorverwezen naar Gemeente Nieuwegein: kent de buren',
    );
    const bare = await h.casework.caseView(sanne, caseId, { locale: 'nl', withPersonalData: false });
    expect(bare.stepChanges!.map((c) => c.reason)).toEqual([null, null]);
    expect(JSON.stringify(bare)).not.toMatch(/ziekenhuis|kent de buren/);
  });

  it('lose exactly their free text in the purge', () => {
    const table: [CaseEventBody, Partial<CaseEvent> | null][] = [
      [{ type: 'referred', stepId: 's', toPartnerId: 'p', reason: 'x' }, { reason: '' }],
      [{ type: 'referred', stepId: 's', toPartnerId: 'p', withReason: true }, null],
      [
        {
          type: 'step_started',
          stepId: 's',
          responsiblePartnerId: 'p',
          deadline: '2026-03-20',
          because: 'Doorverwezen door A: x',
          cause: 'referral',
        },
        { because: '' },
      ],
      [
        {
          type: 'step_started',
          stepId: 's',
          responsiblePartnerId: 'p',
          deadline: '2026-03-20',
          because: 'the rule',
          cause: 'outcome',
        },
        null,
      ],
      [
        {
          type: 'deadline_changed',
          stepId: 's',
          deadline: '2026-03-20',
          because: 'r — uitgesteld door A: x',
        },
        { because: '' },
      ],
      [
        {
          type: 'deadline_changed',
          stepId: 's',
          deadline: '2026-03-20',
          because: 'crisis rule',
          ruleId: 'crisis',
        },
        null,
      ],
      [
        { type: 'deadline_changed', stepId: 's', deadline: '2026-03-20', because: '', withReason: true },
        null,
      ],
      [
        { type: 'contact_attempt', kind: 'Telefoon', reached: true, date: '2026-03-10', daypart: 'Ochtend' },
        null,
      ],
    ];
    for (const [body, change] of table) {
      const event = makeEvent(3, body);
      expect(withoutFreeText(event)).toEqual(change === null ? null : { ...event, ...change });
    }
  });
});

describe('joined signals', () => {
  it('do not make the joining partner a partner in a step "with the signaller"', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const joined = await h.casework.registerSignal(vera, signalFor(LEK));
    expect(joined.joined).toBe(true);
    expect(joined.loaded.state.participants).not.toContain('viveste');
    await expect(
      h.casework.logContactAttempt(vera, caseId, joined.loaded.record.version, {
        kind: 'Telefoon',
        reached: false,
        date: '2026-03-09',
        daypart: 'Ochtend',
      }),
    ).rejects.toBeInstanceOf(NotAllowed);
    await expect(
      h.casework.addConfidentialNote(vera, caseId, joined.loaded.record.version, { text: 'x' }),
    ).rejects.toBeInstanceOf(NotAllowed);
    const forVera = await h.casework.caseView(vera, caseId, { locale: 'nl', withPersonalData: true });
    expect(forVera.personal).toBeNull();
    expect(forVera.ownEntries).toHaveLength(1);
    expect(forVera.jointPartners.map((p) => p.id)).toEqual(['mitros']);
  });

  it('become visible in full once a step of the case is the joining partner’s own', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const joined = await h.casework.registerSignal(vera, signalFor(LEK));
    await h.casework.referCase(coordinator, caseId, joined.loaded.record.version, {
      toPartnerId: 'viveste',
      reason: 'Viveste kent de huurder',
    });
    const forVera = await h.casework.caseView(vera, caseId, { locale: 'nl', withPersonalData: true });
    expect(forVera.personal?.name).toBe('J. de Vries');
    expect(forVera.stepChanges).toMatchObject([{ kind: 'referred', reason: 'Viveste kent de huurder' }]);
  });

  it('can be undone by the coordinator only, once', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const joined = await h.casework.registerSignal(vera, signalFor(LEK, { crisis: true }));
    const seq = joined.loaded.state.joins[0]!.seq;
    expect(joined.loaded.state.flags).toEqual(['crisis', 'multiple_arrears']);
    const v = joined.loaded.record.version;
    await expect(h.casework.undoJoin(ahmed, caseId, v, seq)).rejects.toBeInstanceOf(NotAllowed);
    const undone = await h.casework.undoJoin(coordinator, caseId, v, seq);
    expect(undone.state.joins).toEqual([]);
    expect(undone.state.signals).toHaveLength(1);
    expect(undone.state.flags).toEqual([]);
    await expect(h.casework.undoJoin(coordinator, caseId, undone.record.version, seq)).rejects.toMatchObject({
      fieldErrors: { joinSeq: { code: 'join_not_on_case' } },
    });
    const refused = (await h.store.audit.list({ userId: 'ahmed' })).filter((a) => a.action === 'refused');
    expect(refused).toMatchObject([
      { caseId, partnerId: 'wil', detail: 'coordinator_only: undo a joined signal' },
    ]);
  });
});

describe('postponing', () => {
  it("goes at most the covenant's maximum ahead, 3 months unless the covenant says otherwise", async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const v = loaded.record.version;
    await expect(
      h.casework.postponeStep(ahmed, caseId, v, { until: '2026-06-10', reason: 'x' }),
    ).rejects.toMatchObject({
      fieldErrors: {
        until: { code: 'postponement_too_far', params: { maxMonths: 3, latest: '2026-06-09' } },
      },
    });
    const input = { ...h.covenant(LEK), postponement: { max_months: 6 } };
    expect(covenantSchema.parse(input).postponement.max_months).toBe(6);
    const { postponement: _dropped, ...without } = input;
    expect(covenantSchema.parse(without).postponement.max_months).toBe(3);
  });
});

describe('the purge', () => {
  it('purges a case once when two runs race, and the loser skips it without failing', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    await h.casework.logOutcome(ahmed, caseId, loaded.record.version, { outcomeId: 'regeling' });
    h.setNow('2026-09-10');
    const [a, b] = await Promise.all([h.casework.purgeExpired(), h.casework.purgeExpired()]);
    expect([...a, ...b]).toEqual([caseId]);
    const record = (await h.store.cases.get(caseId))!;
    expect(record.events.filter((e) => e.type === 'purged')).toHaveLength(1);
  });
});
