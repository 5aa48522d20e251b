import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseClosed, CaseNotFound, InvalidInput, NotAllowed, StaleVersion } from '../casework/errors.js';
import type { Member } from '../casework/ports.js';
import { fieldErrorTexts } from '../cards/field-errors.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';
import { timelineText } from '../cards/timeline.js';

// Scenario 1 of SCENARIOS.md and the rules every use case keeps, on the Lekstroom covenant.

const LEK = 'lekstroom';
let h: Harness;
let sanne: Member; // Mitros, registers signals
let ahmed: Member; // WIL, holds the home visit
let coordinator: Member; // WIL, coordinator of Vroeg Eropaf!
let viveste: Member; // another corporation, no step on Sanne's cases

beforeEach(async () => {
  h = await openHarness('2026-03-09');
  sanne = await h.member('sanne', LEK, 'mitros', [], 'Sanne Jansen');
  ahmed = await h.member('ahmed', LEK, 'wil', [], 'Ahmed El Amrani');
  coordinator = await h.member('coord', LEK, 'wil', ['coordinator-vroeg-eropaf'], 'Carla van Dalen');
  viveste = await h.member('vera', LEK, 'viveste', [], 'Vera Viveste');
});
afterEach(async () => h.close());

describe('scenario 1: Vroeg Eropaf! home visit in Lekstroom', () => {
  it('opens a case with WIL responsible for the joint visit within 10 working days, and closes on an arrangement', async () => {
    const registered = await h.casework.registerSignal(sanne, signalFor(LEK));
    expect(registered.joined).toBe(false);
    expect(registered.caseId).toBe('LEK-2026-0001');

    const view = await h.casework.caseView(sanne, registered.caseId, {
      locale: 'nl',
      withPersonalData: true,
    });
    expect(view.stepName).toBe('Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(view.responsible).toEqual({
      id: 'wil',
      name: expect.stringContaining('Werk en Inkomen Lekstroom'),
    });
    expect(view.deadline).toBe('2026-03-23');
    expect(view.deadlineStanding).toEqual({ kind: 'in', workingDays: 10 });
    expect(view.because).toContain('gaan medewerkers van de corporatie en WIL samen op');
    expect(view.people).toEqual(['Ahmed El Amrani', 'Carla van Dalen']);
    expect(view.personal?.name).toBe('J. de Vries');

    h.setNow('2026-03-12T14:30:00+01:00'); // Thursday afternoon
    const attempt = await h.casework.logContactAttempt(ahmed, registered.caseId, view.version, {
      kind: 'Huisbezoek',
      reached: false,
      date: '2026-03-12',
      daypart: 'Middag',
    });

    h.setNow('2026-03-17T11:00:00+01:00'); // the next Tuesday
    const reached = await h.casework.logContactAttempt(ahmed, registered.caseId, attempt.record.version, {
      kind: 'Huisbezoek',
      reached: true,
      date: '17-03-2026',
      daypart: 'Ochtend',
    });
    const closed = await h.casework.logOutcome(ahmed, registered.caseId, reached.record.version, {
      outcomeId: 'regeling',
    });
    expect(closed.state.status).toBe('closed');
    expect(closed.record.summary.finalResult).toBe('zelf-betaald-of-regeling');

    const seenBySanne = await h.casework.caseView(sanne, registered.caseId, {
      locale: 'nl',
      withPersonalData: false,
    });
    expect(seenBySanne.finalResult).toBe('zelf-betaald-of-regeling');
    expect(seenBySanne.timeline.map((t) => timelineText(t.fact, 'nl'))).toEqual([
      'Signaal Huur ontvangen',
      'Stap "Gezamenlijk huisbezoek (corporatie + WIL)" → WIL — Werk en Inkomen Lekstroom',
      'Contactpoging: Huisbezoek, niet bereikt (middag)',
      'Contactpoging: Huisbezoek, bereikt (ochtend)',
      'Uitkomst: Betalingsregeling getroffen',
      'Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    ]);

    const figures = await h.casework.figures(coordinator, LEK, {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(figures).toMatchObject({
      signalsReceived: 1,
      closed: 1,
      contactAttempts: 2,
      homeVisits: 2,
      householdsVisited: 1,
      householdsReached: 1,
      paymentArrangements: 1,
      positive: { numerator: 1, denominator: 1, share: 1 },
      medianWorkingDaysToFirstContact: 6,
    });
    expect(figures.perFinalResult['zelf-betaald-of-regeling']).toBe(1);
    expect(figures.onTimePerPartner).toEqual([
      { partnerId: 'wil', partnerName: expect.any(String), numerator: 1, denominator: 1, share: 1 },
    ]);
  });

  it('describes the deadline in English for an English locale', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    h.setNow('2026-03-26');
    const view = await h.casework.caseView(ahmed, caseId, { locale: 'en', withPersonalData: false });
    expect(view.stepName).toBe('Joint home visit (corporation + WIL)');
    expect(view.deadlineStanding).toEqual({ kind: 'late', workingDays: 3 });
    expect(view.late).toBe(true);
  });
});

describe('the step reason in the history: facts, not sentences', () => {
  it("stores the covenant's rule as its own words and the deadline rule as a fact", async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const record = (await h.store.cases.get(caseId))!;
    const started = record.events.find((e) => e.type === 'step_started')!;
    const rule = h.casework.covenant(LEK).steps[0]!;
    expect(started).toMatchObject({ because: rule.rule, deadlineRule: rule.deadline });
    const view = await h.casework.caseView(sanne, caseId, { locale: 'en', withPersonalData: false });
    expect(view.because).toBe(rule.rule);
    expect(view.deadlineRule).toEqual({ days: 10, unit: 'working_days', from: 'signal' });
  });

  it('reads a history written before, with the Dutch deadline rule appended, as the same facts', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const record = (await h.store.cases.get(caseId))!;
    const rule = h.casework.covenant(LEK).steps[0]!;
    const legacy = record.events.map((e) => {
      if (e.type !== 'step_started') return e;
      const { deadlineRule: _fact, ...older } = e;
      return { ...older, because: `${rule.rule} (10 werkdagen na het signaal)` };
    });
    const id = 'LEK-2025-0001';
    await h.store.cases.create({
      ...record,
      id,
      householdKey: '3437AB|999|',
      events: legacy,
      summary: { ...record.summary, caseId: id },
    });
    const view = await h.casework.caseView(sanne, 'LEK-2025-0001', { locale: 'en', withPersonalData: false });
    expect(view.because).toBe(rule.rule);
    expect(view.deadlineRule).toEqual(rule.deadline);
  });
});

describe('household matching', () => {
  it('joins a second signal for an open household instead of opening a duplicate', async () => {
    const first = await h.casework.registerSignal(sanne, signalFor(LEK));
    const second = await h.casework.registerSignal(
      sanne,
      signalFor(LEK, { postcode: '3437ab', amountCents: 90000 }),
    );
    expect(second).toMatchObject({ joined: true, caseId: first.caseId });
    expect(second.loaded.state.signals).toHaveLength(2);
    expect(await h.store.cases.listSummaries({ covenantId: LEK })).toHaveLength(1);
  });

  it('opens a new case for another house number addition, and after the household case is closed', async () => {
    const first = await h.casework.registerSignal(sanne, signalFor(LEK));
    const other = await h.casework.registerSignal(sanne, {
      ...signalFor(LEK),
      household: { ...signalFor(LEK).household, addition: 'bis' },
    });
    expect(other.caseId).not.toBe(first.caseId);
    await h.casework.closeCase(coordinator, first.caseId, first.loaded.record.version, {
      finalResult: 'geen-contact',
    });
    const again = await h.casework.registerSignal(sanne, signalFor(LEK));
    expect(again).toMatchObject({ joined: false, caseId: 'LEK-2026-0003' });
  });
});

describe('versions', () => {
  it('refuses a stale command and names who changed the case and when', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    h.setNow('2026-03-10T10:42:00+01:00');
    await h.casework.logOutcome(ahmed, caseId, loaded.record.version, { outcomeId: 'regeling' });
    const double = h.casework.logOutcome(coordinator, caseId, loaded.record.version, {
      outcomeId: 'betaald',
    });
    await expect(double).rejects.toBeInstanceOf(StaleVersion);
    await expect(double).rejects.toMatchObject({
      lastChangeBy: 'Ahmed El Amrani',
      lastChangeAt: '2026-03-10T09:42:00.000Z',
    });
    const record = await h.store.cases.get(caseId);
    expect(record!.events.filter((e) => e.type === 'outcome_logged')).toHaveLength(1);
  });

  it('refuses an outcome on a closed case', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const closed = await h.casework.logOutcome(ahmed, caseId, loaded.record.version, {
      outcomeId: 'regeling',
    });
    await expect(
      h.casework.logOutcome(ahmed, caseId, closed.record.version, { outcomeId: 'regeling' }),
    ).rejects.toBeInstanceOf(CaseClosed);
  });
});

describe('what an actor may do', () => {
  it('lets only the step owner, its joint partners and the coordinator log outcomes', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    await expect(
      h.casework.logOutcome(viveste, caseId, loaded.record.version, { outcomeId: 'regeling' }),
    ).rejects.toThrow(/this step is for WIL — Werk en Inkomen Lekstroom/);
    // Mitros sent the signal and visits together with WIL, so it may log the visit.
    const visited = await h.casework.logContactAttempt(sanne, caseId, loaded.record.version, {
      kind: 'Huisbezoek',
      reached: true,
      date: '2026-03-09',
      daypart: 'Ochtend',
    });
    expect(visited.state.attempts).toHaveLength(1);
    await expect(
      h.casework.logContactAttempt(viveste, caseId, visited.record.version, {
        kind: 'Telefoon',
        reached: true,
        date: '2026-03-09',
        daypart: 'Ochtend',
      }),
    ).rejects.toBeInstanceOf(NotAllowed);
  });

  it('refuses signals from a partner that sends none, from outsiders and from members awaiting approval', async () => {
    await expect(h.casework.registerSignal(ahmed, signalFor(LEK))).rejects.toThrow(
      /does not send signals of type Huur/,
    );
    const outsider = await h.member('olaf', 'national', 'woningcorporatie');
    await expect(h.casework.registerSignal(outsider, signalFor(LEK))).rejects.toThrow(/not a member/);
    const pending: Member = {
      userId: 'pim',
      name: 'Pim',
      memberships: [{ covenantId: LEK, partnerId: 'portaal', roles: [], status: 'pending' }],
    };
    await expect(h.casework.registerSignal(pending, signalFor(LEK))).rejects.toThrow(/waiting for approval/);
  });

  it('keeps closing at any step, the agenda and the figures for the coordinator', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    await expect(
      h.casework.closeCase(ahmed, caseId, loaded.record.version, { finalResult: 'geen-contact' }),
    ).rejects.toThrow(/only the Coördinator Vroeg Eropaf! may/);
    await expect(h.casework.casuistryAgenda(sanne, LEK, 'nl')).rejects.toBeInstanceOf(NotAllowed);
    await expect(
      h.casework.figures(ahmed, LEK, { from: '2026-01-01', to: '2026-12-31' }),
    ).rejects.toBeInstanceOf(NotAllowed);
  });

  it('gives any covenant member the compact status, and outsiders nothing', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const status = await h.casework.caseStatus(viveste, caseId.toLowerCase(), 'nl');
    expect(status).toMatchObject({ caseId, responsible: { id: 'wil' }, deadline: '2026-03-23', late: false });
    await expect(h.casework.caseStatus(viveste, 'LEK-2026-0999', 'nl')).rejects.toBeInstanceOf(CaseNotFound);
    const outsider = await h.member('olaf', 'national', 'woningcorporatie');
    await expect(h.casework.caseStatus(outsider, caseId, 'nl')).rejects.toBeInstanceOf(NotAllowed);
  });

  it('shows personal data only to partners with a step on the case, and logs every such read', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const forViveste = await h.casework.caseView(viveste, caseId, { locale: 'nl', withPersonalData: true });
    expect(forViveste.personal).toBeNull();
    expect(forViveste.stepName).not.toBeNull();
    const forAhmed = await h.casework.caseView(ahmed, caseId, { locale: 'nl', withPersonalData: true });
    expect(forAhmed.personal).toMatchObject({ name: 'J. de Vries', phone: '06-12345678' });
    const reads = (await h.store.audit.list({ caseId })).filter((e) => e.action === 'read_personal');
    expect(reads.map((r) => r.userId)).toEqual(['ahmed']);
  });
});

describe('input checks', () => {
  it('names each wrong field by a code, worded in Dutch as before', async () => {
    const bad = signalFor(LEK);
    bad.household.postcode = '12345';
    bad.signal.preChecks.pointedToDebtHelp = false as true;
    const error = await h.casework.registerSignal(sanne, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInput);
    const { fieldErrors } = error as InvalidInput;
    expect(fieldErrors).toEqual({
      'household.postcode': { code: 'not_a_postcode', params: { field: 'postcode' } },
      'signal.preChecks.pointedToDebtHelp': { code: 'must_confirm', params: { field: 'pointedToDebtHelp' } },
    });
    expect(fieldErrorTexts('nl', fieldErrors)).toEqual({
      'household.postcode': 'vul een postcode in als 1234 AB',
      'signal.preChecks.pointedToDebtHelp': 'de huurder moet eerst op schuldhulp zijn gewezen',
    });
  });

  it('refuses a signal dated in the future and a contact date in the future', async () => {
    const future = signalFor(LEK);
    future.signal.signalDate = '2026-03-10';
    await expect(h.casework.registerSignal(sanne, future)).rejects.toMatchObject({
      fieldErrors: { 'signal.signalDate': { code: 'signal_date_in_future' } },
    });
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    await expect(
      h.casework.logContactAttempt(ahmed, caseId, loaded.record.version, {
        kind: 'Telefoon',
        reached: true,
        date: '2026-03-10',
        daypart: 'Ochtend',
      }),
    ).rejects.toMatchObject({ fieldErrors: { date: { code: 'date_in_future' } } });
  });

  it('accepts only the outcomes of the current step', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    await expect(
      h.casework.logOutcome(ahmed, caseId, loaded.record.version, { outcomeId: 'begeleiding' }),
    ).rejects.toMatchObject({
      fieldErrors: {
        outcomeId: {
          code: 'outcome_not_of_step',
          params: { step: 'Gezamenlijk huisbezoek (corporatie + WIL)' },
        },
      },
    });
  });

  it('asks for the municipality when the city does not name one of the five', async () => {
    await expect(h.casework.registerSignal(sanne, signalFor(LEK, { city: 'Utrecht' }))).rejects.toMatchObject(
      { fieldErrors: { municipalityId: { code: 'municipality_required' } } },
    );
  });
});

describe('special rules, referral and retention', () => {
  it('shortens the visit to 3 working days on a crisis signal', async () => {
    const { loaded } = await h.casework.registerSignal(sanne, signalFor(LEK, { crisis: true }));
    expect(loaded.state.step?.deadline).toBe('2026-03-12');
    expect(loaded.record.summary.labels).toEqual(['crisis']);
  });

  it('moves the step to another partner on referral, keeping the deadline', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const referred = await h.casework.referCase(ahmed, caseId, loaded.record.version, {
      toPartnerId: 'gemeente-nieuwegein',
      reason: 'huurder heeft al contact met het wijkteam',
    });
    expect(referred.state.step).toMatchObject({
      responsiblePartnerId: 'gemeente-nieuwegein',
      deadline: '2026-03-23',
    });
    expect(referred.state.participants).toContain('gemeente-nieuwegein');
  });

  it('purges personal data when the retention period ends and keeps the figures', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    await h.casework.logOutcome(ahmed, caseId, loaded.record.version, { outcomeId: 'regeling' });
    h.setNow('2026-09-08');
    expect(await h.casework.purgeExpired()).toEqual([]);
    h.setNow('2026-09-09');
    expect(await h.casework.purgeExpired()).toEqual([caseId]);
    const record = await h.store.cases.get(caseId);
    expect(record).toMatchObject({ personal: null, householdKey: null, summary: { status: 'purged' } });
    expect(JSON.stringify(record)).not.toContain('de Vries');
    const figures = await h.casework.figures(coordinator, LEK, {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(figures.perFinalResult['zelf-betaald-of-regeling']).toBe(1);
  });
});
