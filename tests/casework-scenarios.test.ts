import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotAllowed } from '../casework/errors.js';
import { meetingDateInMonth } from '../casework/covenant/meeting-dates.js';
import { createCalendar } from '../casework/covenant/calendar.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';

// Scenarios 2 to 5 of SCENARIOS.md, through the use cases on a real store.

let h: Harness;
beforeEach(async () => {
  h = await openHarness('2026-03-09');
});
afterEach(async () => h.close());

describe('scenario 2: De Fryske Marren links several creditors per household', () => {
  it('joins the rent signal to the open case of the health insurer and routes it to the regisseur', async () => {
    const DFM = 'de-fryske-marren';
    const insurer = await h.member('zara', DFM, 'zorgverzekeraar');
    const corporation = await h.member('kees', DFM, 'woningcorporatie');
    const regisseur = await h.member('rita', DFM, 'gemeente-de-fryske-marren', ['regisseur']);
    const household = { postcode: '8531 PA', houseNumber: 4, city: 'Lemmer' };

    const health = signalFor(DFM, { ...household, type: 'Zorg', amountCents: 31000 });
    health.signal.arisingDate = '2026-01-23'; // 45 days
    const first = await h.casework.registerSignal(insurer, health);
    expect(first.loaded.state.step?.id).toBe('contact-en-hulpaanbod');

    const rent = await h.casework.registerSignal(corporation, signalFor(DFM, household));
    expect(rent).toMatchObject({ joined: true, caseId: first.caseId });
    expect(rent.loaded.state.flags).toContain('multiple_arrears');
    expect(rent.loaded.state.step).toMatchObject({
      id: 'regie-meervoudige-achterstanden',
      responsiblePartnerId: 'gemeente-de-fryske-marren',
      cause: 'special_rule',
    });

    const view = await h.casework.caseView(regisseur, first.caseId, { locale: 'nl', withPersonalData: true });
    expect(view.solutions).toEqual([
      'andere incassodatum',
      'tijdelijke huurverlaging',
      'verhuizen naar een andere woning',
      'budgetcoaching',
      'bijzondere bijstand',
    ]);
    expect(view.labels).toContain('meerdere achterstanden');
    const closed = await h.casework.logOutcome(regisseur, first.caseId, view.version, {
      outcomeId: 'regeling',
      solutions: ['andere incassodatum', 'tijdelijke huurverlaging'],
    });
    expect(closed.record.summary.finalResult).toBe('zelf-betaald-of-regeling');
    expect(closed.record.events.find((e) => e.type === 'outcome_logged')).toMatchObject({
      solutions: ['andere incassodatum', 'tijdelijke huurverlaging'],
    });
  });
});

describe('scenario 3: Kaag en Braassem + Nieuwkoop network for multi-problem cases', () => {
  const KBN = 'kaag-en-braassem-nieuwkoop';

  it('adds the network case meeting owned by the household municipality, with GGD, social work and police invited', async () => {
    const aarwoude = await h.member('wim', KBN, 'woondiensten-aarwoude');
    const regisseur = await h.member('nora', KBN, 'gemeente-nieuwkoop', ['regisseur']);
    const ggd = await h.member('gerda', KBN, 'ggd-hollands-midden');
    const police = await h.member('piet', KBN, 'politie');
    const { caseId, loaded } = await h.casework.registerSignal(
      aarwoude,
      signalFor(KBN, { city: 'Nieuwkoop', postcode: '2421 AA', flags: ['welfare_concern'] }),
    );
    expect(loaded.state.step).toMatchObject({
      id: 'casusoverleg-netwerk',
      responsiblePartnerId: 'gemeente-nieuwkoop',
    });
    const view = await h.casework.caseView(regisseur, caseId, { locale: 'nl', withPersonalData: false });
    expect(view.jointPartners.map((p) => p.id)).toEqual([
      'ggd-hollands-midden',
      'maatschappelijk-werk',
      'politie',
    ]);

    const noted = await h.casework.addConfidentialNote(ggd, caseId, view.version, {
      text: 'Bekend bij de GGD: zorgen over vereenzaming.',
    });
    const forGgd = await h.casework.caseView(ggd, caseId, { locale: 'nl', withPersonalData: true });
    const forRegisseur = await h.casework.caseView(regisseur, caseId, {
      locale: 'nl',
      withPersonalData: true,
    });
    const forPolice = await h.casework.caseView(police, caseId, { locale: 'nl', withPersonalData: true });
    const forAarwoude = await h.casework.caseView(aarwoude, caseId, { locale: 'nl', withPersonalData: true });
    expect(forGgd.personal?.notes.map((n) => n.text)).toEqual([
      'Bekend bij de GGD: zorgen over vereenzaming.',
    ]);
    expect(forRegisseur.personal?.notes).toHaveLength(1);
    expect(forPolice.personal?.notes).toEqual([]);
    expect(forAarwoude.personal?.notes).toEqual([]);
    expect(noted.record.events.at(-1)).toMatchObject({ type: 'note_added' });
    expect(JSON.stringify(noted.record.events)).not.toContain('vereenzaming.');
  });

  it('needs the municipality chosen when the city names neither', async () => {
    const aarwoude = await h.member('wim', KBN, 'woondiensten-aarwoude');
    await expect(
      h.casework.registerSignal(aarwoude, signalFor(KBN, { city: 'Roelofarendsveen' })),
    ).rejects.toMatchObject({ fieldErrors: { municipalityId: { code: 'municipality_required' } } });
    const chosen = await h.casework.registerSignal(
      aarwoude,
      signalFor(KBN, { city: 'Roelofarendsveen', municipalityId: 'gemeente-kaag-en-braassem' }),
    );
    expect(chosen.loaded.state.step?.responsiblePartnerId).toBe('gemeente-kaag-en-braassem');
  });
});

describe('scenario 4: Sittard-Geleen, families with children and the monthly meeting', () => {
  const SIT = 'sittard-geleen';

  it('shortens the deadline to 3 working days, labels the family and puts it on the agenda', async () => {
    const zowonen = await h.member('zoe', SIT, 'zowonen');
    const regisseur = await h.member('ruud', SIT, 'gemeente-sittard-geleen', ['regisseur']);
    h.setNow('2026-04-23'); // Thursday; Koningsdag 27 April is not a working day
    const { caseId, loaded } = await h.casework.registerSignal(
      zowonen,
      signalFor(SIT, {
        signalDate: '2026-04-23',
        crisis: true,
        children: 2,
        city: 'Sittard',
        postcode: '6131 AA',
      }),
    );
    expect(loaded.state.step?.deadline).toBe('2026-04-29');
    expect(loaded.record.summary.labels).toEqual(expect.arrayContaining(['gezin met kinderen', 'crisis']));

    const calendar = createCalendar();
    const meeting = meetingDateInMonth(h.covenant(SIT), calendar, '2026-05-01');
    expect(meeting).toBe('2026-05-06'); // first Tuesday is 5 May, Bevrijdingsdag: moved to Wednesday
    h.setNow(calendar.addWorkingDays(meeting!, -2));
    const agenda = await h.casework.casuistryAgenda(regisseur, SIT, 'nl');
    expect(agenda.meetingDate).toBe('2026-05-06');
    expect(agenda.childrenFacingEviction.map((v) => v.caseId)).toEqual([caseId]);
    expect(agenda.late.map((v) => v.caseId)).toEqual([caseId]);
    expect(agenda.flaggedByRules[0]?.labels).toContain('gezin met kinderen');
    await expect(h.casework.casuistryAgenda(zowonen, SIT, 'nl')).rejects.toBeInstanceOf(NotAllowed);
  });
});

describe('scenario 5: Dalfsen, who is responsible', () => {
  it('shows De Kern at the home visit with its people, the deadline, the step plan sentence and the timeline', async () => {
    const DAL = 'dalfsen';
    const vechthorst = await h.member('vincent', DAL, 'vechthorst', [], 'Vincent VechtHorst');
    await h.member('dirk', DAL, 'stichting-de-kern', [], 'Dirk de Kern');
    await h.member('dana', DAL, 'stichting-de-kern', [], 'Dana de Kern');
    const { caseId, loaded } = await h.casework.registerSignal(
      vechthorst,
      signalFor(DAL, { city: 'Dalfsen', postcode: '7721 AA' }),
    );
    h.setNow('2026-03-10');
    await h.casework.logOutcome(vechthorst, caseId, loaded.record.version, { outcomeId: 'overgedragen' });

    const view = await h.casework.caseView(vechthorst, caseId, { locale: 'nl', withPersonalData: false });
    expect(view.stepName).toBe('Huisbezoek door Stichting De Kern');
    expect(view.responsible?.id).toBe('stichting-de-kern');
    expect(view.people).toEqual(['Dana de Kern', 'Dirk de Kern']);
    expect(view.deadline).toBe('2026-03-24');
    expect(view.because).toMatch(
      /^Stichting De Kern legt na de overdracht door de corporatie een huisbezoek af/,
    );
    expect(view.timeline.map((t) => t.who)).toEqual([
      'Vincent VechtHorst',
      'AanZet (stappenplan)',
      'Vincent VechtHorst',
      'Vincent VechtHorst',
    ]);
  });
});
