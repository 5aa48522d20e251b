import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseEventBody } from '../casework/case/types.js';
import type { Member } from '../casework/ports.js';
import { FINAL_RESULT_MODEL_LABELS, currentFinalResult } from '../casework/covenant/final-results.js';
import { finalResultFor } from '../casework/covenant/shown-final-result.js';
import { texts } from '../cards/texts.js';
import { timelineText } from '../cards/timeline.js';
import { makeEvent } from './fixtures/case-records.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';

// DDAS v1.2: the model's final results, histories closed under the old codes, and the rule that a
// creditor never learns the reason behind "Niet opgepakt: andere reden".

const LEK = 'lekstroom';
let h: Harness;
let sanne: Member; // Mitros, a housing corporation: a creditor
let ahmed: Member; // WIL, debt help
let coordinator: Member;

beforeEach(async () => {
  h = await openHarness('2026-03-09');
  sanne = await h.member('sanne', LEK, 'mitros', [], 'Sanne Jansen');
  ahmed = await h.member('ahmed', LEK, 'wil', [], 'Ahmed El Amrani');
  coordinator = await h.member('coord', LEK, 'wil', ['coordinator-vroeg-eropaf'], 'Carla');
});
afterEach(async () => h.close());

describe('the final results of DDAS v1.2', () => {
  it('carry the model strings exactly, renamed and added ones included', () => {
    expect(FINAL_RESULT_MODEL_LABELS['regelt-het-zelf']).toBe(
      'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
    );
    expect(FINAL_RESULT_MODEL_LABELS['verwijzing-zonder-tussenkomst']).toBe(
      'Verwijzing zonder tussenkomst inwoner',
    );
    expect(FINAL_RESULT_MODEL_LABELS['vervolghulp-of-verwijzing']).toBe('Vervolghulp en/of verwijzing');
    expect(FINAL_RESULT_MODEL_LABELS['budgetadvies-quick-fix']).toBe('(Budget)advies en/of quick fix');
    expect(Object.values(FINAL_RESULT_MODEL_LABELS)).toHaveLength(16);
  });

  it('read old codes and old labels as the current codes', () => {
    expect(currentFinalResult('geen-hulp-nodig')).toBe('regelt-het-zelf');
    expect(currentFinalResult('verwijzing-zonder-contact')).toBe('verwijzing-zonder-tussenkomst');
    expect(currentFinalResult('Inwoner hoeft geen hulp vanuit vroegsignalering')).toBe('regelt-het-zelf');
    expect(currentFinalResult("(Budget)advies en/of 'quick fix'")).toBe('budgetadvies-quick-fix');
    expect(currentFinalResult('Geen reactie na eerder contact')).toBe('geen-reactie-na-contact');
    expect(currentFinalResult('toString')).toBeUndefined();
  });
});

describe('a close form sent before v1.2', () => {
  it('closes with the current code for a renamed one', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const closed = await h.casework.closeCase(coordinator, caseId, loaded.record.version, {
      finalResult: 'verwijzing-zonder-contact',
    });
    expect(closed.state.finalResult).toBe('verwijzing-zonder-tussenkomst');
    expect(closed.record.events.at(-1)).toMatchObject({ finalResult: 'verwijzing-zonder-tussenkomst' });
  });
});

describe('a history closed before v1.2', () => {
  it('shows and counts the renamed result under its new name', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    // Below the facade on purpose: the event and the summary as an older AanZet stored them.
    const record = (await h.store.cases.get(caseId))!;
    const at = '2026-03-10T10:00:00.000Z';
    const old = { type: 'closed', finalResult: 'geen-hulp-nodig' } as unknown as CaseEventBody;
    await h.store.cases.append(caseId, record.version, [makeEvent(record.version + 1, old, at)], {
      ...record.summary,
      status: 'closed',
      version: record.version + 1,
      stepId: null,
      responsiblePartnerId: null,
      deadline: null,
      closedAt: at,
      finalResult: 'geen-hulp-nodig' as never,
      purgeAfter: '2027-03-10',
    });

    const view = await h.casework.caseView(ahmed, caseId, { locale: 'nl', withPersonalData: false });
    expect(view.finalResult).toBe('regelt-het-zelf');
    expect(texts('nl').finalResults[view.finalResult!]).toBe(
      'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
    );
    expect(view.timeline.map((t) => timelineText(t.fact, 'en')).at(-1)).toContain(
      'Resident sorts it out alone/needs no help from early signalling',
    );
    const figures = await h.casework.figures(coordinator, LEK, {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(figures.perFinalResult['regelt-het-zelf']).toBe(1);
    expect(figures.closed).toBe(1);
  });
});

describe('"Niet opgepakt: andere reden" towards a creditor', () => {
  async function closedForOtherReason() {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const closed = await h.casework.logOutcome(ahmed, caseId, loaded.record.version, {
      outcomeId: 'andere-reden',
    });
    expect(closed.state.finalResult).toBe('niet-opgepakt-andere-reden');
    return { caseId, notices: closed.notices };
  }

  it('is "Niet opgepakt" on the creditor case card, its timeline and status; whole for debt help', async () => {
    const { caseId } = await closedForOtherReason();
    for (const locale of ['nl', 'en'] as const) {
      const creditor = await h.casework.caseView(sanne, caseId, { locale, withPersonalData: true });
      const notTakenUp = locale === 'nl' ? 'Niet opgepakt' : 'Not taken up';
      expect(creditor.finalResult).toBe('niet-opgepakt');
      expect(texts(locale).finalResults[creditor.finalResult!]).toBe(notTakenUp);
      expect(creditor.timeline.at(-1)!.fact).toEqual({ kind: 'closed', finalResult: 'niet-opgepakt' });
      const outcomeLine = creditor.timeline.find((entry) => entry.fact.kind === 'outcome_logged')!;
      expect(timelineText(outcomeLine.fact, locale)).toContain(notTakenUp);
      expect(JSON.stringify(creditor)).not.toMatch(/andere reden|andere-reden|other reason/i);
      const status = await h.casework.caseStatus(sanne, caseId, locale);
      expect(status.finalResult).toBe('niet-opgepakt');
    }
    const helper = await h.casework.caseView(ahmed, caseId, { locale: 'nl', withPersonalData: true });
    expect(helper.finalResult).toBe('niet-opgepakt-andere-reden');
    expect(texts('nl').finalResults[helper.finalResult!]).toBe('Niet opgepakt: andere reden');
  });

  it('is "Niet opgepakt" in the closed notice to the signalling creditor', async () => {
    const { notices } = await closedForOtherReason();
    const toMitros = notices.find((n) => n.partnerId === 'mitros' && n.kind === 'closed');
    expect(toMitros).toBeDefined();
    const content = await h.casework.messageContent(toMitros!, 'nl');
    expect(content).toMatchObject({ kind: 'closed', view: { finalResult: 'niet-opgepakt' } });
  });

  it('is "Niet opgepakt" in the case list a creditor coordinator exports; whole for a municipality one', async () => {
    const { caseId } = await closedForOtherReason();
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const corporationCoordinator = await h.member('cc', LEK, 'mitros', ['coordinator-vroeg-eropaf'], 'Cor');
    const byCreditor = await h.casework.exportReport(corporationCoordinator, LEK, period, 'csv');
    expect(byCreditor.cases.find((c) => c.caseId === caseId)!.finalResult).toBe('Niet opgepakt');
    const byMunicipality = await h.casework.exportReport(coordinator, LEK, period, 'csv');
    expect(byMunicipality.cases.find((c) => c.caseId === caseId)!.finalResult).toBe(
      'Niet opgepakt: andere reden',
    );
  });

  it('is decided by finalResultFor for any place that shows a result (exports too)', () => {
    const corporation = { kind: 'woningcorporatie', signals: ['Huur'] } as const;
    const energy = { kind: 'other', signals: ['Energie'] } as const;
    const municipality = { kind: 'gemeente', signals: [] } as const;
    expect(finalResultFor(corporation, 'niet-opgepakt-andere-reden')).toBe('niet-opgepakt');
    expect(finalResultFor(energy, 'niet-opgepakt-andere-reden')).toBe('niet-opgepakt');
    expect(finalResultFor(corporation, 'niet-opgepakt-onterecht-signaal')).toBe(
      'niet-opgepakt-onterecht-signaal',
    );
    expect(finalResultFor(municipality, 'niet-opgepakt-andere-reden')).toBe('niet-opgepakt-andere-reden');
    expect(finalResultFor(null, 'niet-opgepakt-andere-reden')).toBe('niet-opgepakt-andere-reden');
  });
});

describe('a signal outside the criteria', () => {
  it('is recorded in a case closed at once as an unjustified signal, with its reason', async () => {
    const early = signalFor(LEK);
    early.signal.arisingDate = '2026-02-20';
    const registered = await h.casework.registerSignal(sanne, early);
    expect(registered.outsideCriteria).toEqual({
      code: 'too_few_days_of_arrears',
      params: { min: 30, days: 17 },
    });
    expect(registered.joined).toBe(false);
    expect(registered.notices).toEqual([]);
    const stored = (await h.store.cases.get(registered.caseId))!;
    expect(stored.summary).toMatchObject({
      status: 'closed',
      finalResult: 'niet-opgepakt-onterecht-signaal',
      stepId: null,
    });
    expect(stored.events.map((e) => e.type)).toEqual(['signal_received', 'closed']);
    // Fed back to the creditor, reason included (only "andere reden" is withheld).
    const view = await h.casework.caseView(sanne, registered.caseId, {
      locale: 'nl',
      withPersonalData: false,
    });
    expect(view.finalResult).toBe('niet-opgepakt-onterecht-signaal');
    expect(texts('nl').finalResults[view.finalResult!]).toBe('Niet opgepakt: onterecht signaal');
    expect(view.outsideCriteria).toEqual(registered.outsideCriteria);
    expect(timelineText(view.timeline.at(-1)!.fact, 'en')).toBe(
      'Closed: Not taken up: unjustified signal: a signal is allowed only after 30 days of arrears (now 17)',
    );
    const figures = await h.casework.figures(coordinator, LEK, {
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(figures.perFinalResult['niet-opgepakt-onterecht-signaal']).toBe(1);
  });

  it('does not join nor disturb the household open case; a correct signal after it opens one', async () => {
    const first = await h.casework.registerSignal(sanne, signalFor(LEK));
    const early = signalFor(LEK);
    early.signal.arisingDate = '2026-02-20';
    const recorded = await h.casework.registerSignal(sanne, early);
    expect(recorded.caseId).not.toBe(first.caseId);
    const open = (await h.store.cases.get(first.caseId))!;
    expect(open.version).toBe(first.loaded.record.version);
    expect(open.summary.status).toBe('open');
  });

  it('still refuses input that cannot be: a reminder after the signal', async () => {
    const wrong = signalFor(LEK);
    wrong.signal.preChecks.reminderSentOn = '2026-03-10';
    await expect(h.casework.registerSignal(sanne, wrong)).rejects.toMatchObject({
      fieldErrors: { 'signal.preChecks.reminderSentOn': { code: 'reminder_after_signal' } },
    });
    expect(await h.store.cases.listSummaries({ covenantId: LEK })).toEqual([]);
  });
});

describe('the signal status and the day a case was picked up', () => {
  it('is "Nog niet opgepakt" until the first contact attempt, then "Opgepakt" on that date', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const fresh = await h.casework.caseView(ahmed, caseId, { locale: 'nl', withPersonalData: false });
    expect(fresh.signal).toEqual({ status: 'nog-niet-opgepakt', pickedUpOn: null });
    h.setNow('2026-03-12');
    // Postponing is administration, not picking up.
    const postponed = await h.casework.postponeStep(ahmed, caseId, loaded.record.version, {
      until: '2026-03-30',
      reason: 'met vakantie',
    });
    const stillNot = await h.casework.caseView(ahmed, caseId, { locale: 'nl', withPersonalData: false });
    expect(stillNot.signal!.status).toBe('nog-niet-opgepakt');
    await h.casework.logContactAttempt(ahmed, caseId, postponed.record.version, {
      kind: 'Afspraak op locatie',
      reached: false,
      date: '2026-03-10',
      daypart: 'Middag',
    });
    for (const [viewer, locale] of [
      [ahmed, 'nl'],
      [sanne, 'en'],
    ] as const) {
      const view = await h.casework.caseView(viewer, caseId, { locale, withPersonalData: false });
      expect(view.signal).toEqual({ status: 'opgepakt', pickedUpOn: '2026-03-10' });
    }
    expect((await h.store.cases.getSummary(caseId))!.pickedUpOn).toBe('2026-03-10');
  });

  it('ends as the result for a signal not taken up, hidden from the creditor for "andere reden"', async () => {
    const { caseId, loaded } = await h.casework.registerSignal(sanne, signalFor(LEK));
    await h.casework.logOutcome(ahmed, caseId, loaded.record.version, { outcomeId: 'andere-reden' });
    const helper = await h.casework.caseView(ahmed, caseId, { locale: 'nl', withPersonalData: false });
    expect(helper.signal).toEqual({ status: 'niet-opgepakt-andere-reden', pickedUpOn: null });
    const creditor = await h.casework.caseView(sanne, caseId, { locale: 'nl', withPersonalData: false });
    expect(creditor.signal).toEqual({ status: 'niet-opgepakt', pickedUpOn: null });
  });
});
