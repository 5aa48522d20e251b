import { afterEach, describe, expect, it } from 'vitest';
import { CaseworkContext } from '../casework/context.js';
import type { CaseEventBody } from '../casework/case/types.js';
import { shown } from './fixtures/card-inputs.js';
import { signalFor } from './helpers/casework-harness.js';
import { PrivacyBot, user } from './helpers/privacy-bot.js';

// The retention promise, end to end through the running bot with a fixed clock: the purge job
// runs at start-up and daily (also with AANZET_REMINDERS=off), removes the personal part and
// every free text that carries personal details, and leaves the anonymous history and the
// monitoring figures as they were.

const LEK = 'lekstroom';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL
const CARLA = user('Carla van Dalen', 'carla'); // Gemeente Nieuwegein, the coordinator role

/** Every free text this history gets; none may survive the purge. */
const FREE_TEXT = [
  'huurder ligt in het ziekenhuis', // a postponement's reason, entered in Teams
  'schulden bij familie', // a referral's reason
  'verslaving van de partner', // a confidential note
  'oude reden: detentie', // a referral reason as an older AanZet stored it, inside the event
  'oude uitstelreden: rouw', // a postponement reason inside the event's sentence
];
const PERSONAL = ['de Vries', 'Dukatenburg', '3437', '12345678'];

let bot: PrivacyBot;
afterEach(async () => bot.stop());

/** Sanne's signal on Monday 9 March, a history with every kind of free text, closed on 17 March. */
async function closedCaseWithFreeText(): Promise<string> {
  await bot.member(SANNE, LEK, 'mitros');
  const ahmed = await bot.member(AHMED, LEK, 'wil');
  await bot.member(CARLA, LEK, 'gemeente-nieuwegein', ['coordinator-vroeg-eropaf']);
  const sanne = (await bot.app.store.members.get(SANNE.aadObjectId))!;
  const { caseId } = await bot.app.casework.registerSignal(sanne, signalFor(LEK));

  // As an older AanZet wrote a postponement: the reason inside the event's sentence.
  const loaded = await olderAanZet().load(caseId);
  const rule = loaded.state.step!.because;
  await legacy(caseId, [
    {
      type: 'deadline_changed',
      stepId: 'gezamenlijk-huisbezoek',
      deadline: '2026-03-24',
      because: `${rule} — uitgesteld door Ahmed El Amrani: oude uitstelreden: rouw`,
    },
  ]);

  bot.setNow('2026-03-10T11:00');
  const postponed = await bot.click(AHMED, 'case.postpone', {
    caseId,
    version: await bot.version(caseId),
    until: '2026-03-27',
    reason: 'huurder ligt in het ziekenhuis',
  });
  expect(shown(postponed)).toContain('huurder ligt in het ziekenhuis');
  await bot.click(AHMED, 'case.contact', {
    caseId,
    version: await bot.version(caseId),
    kind: 'Telefoon',
    reached: 'true',
    date: '2026-03-10',
    daypart: 'Ochtend',
  });
  await bot.click(AHMED, 'case.note', {
    caseId,
    version: await bot.version(caseId),
    text: 'verslaving van de partner',
  });
  await bot.app.casework.referCase(ahmed, caseId, await bot.version(caseId), {
    toPartnerId: 'gemeente-nieuwegein',
    reason: 'schulden bij familie',
  });
  // As an older AanZet wrote a referral: the reason in the event and in the step's sentence.
  await legacy(caseId, [
    {
      type: 'referred',
      stepId: 'gezamenlijk-huisbezoek',
      toPartnerId: 'wil',
      reason: 'oude reden: detentie',
    },
    {
      type: 'step_started',
      stepId: 'gezamenlijk-huisbezoek',
      responsiblePartnerId: 'wil',
      deadline: '2026-03-27',
      because: 'Doorverwezen door Gemeente Nieuwegein: oude reden: detentie',
      cause: 'referral',
    },
  ]);
  bot.setNow('2026-03-17T11:00');
  const closed = await bot.click(AHMED, 'case.outcome', {
    caseId,
    version: await bot.version(caseId),
    outcomeId: 'regeling',
  });
  expect(shown(closed)).toContain('Afgesloten');
  const stored = JSON.stringify(await bot.app.store.cases.get(caseId));
  for (const text of FREE_TEXT) expect(stored).toContain(text); // all there before the purge
  return caseId;
}

/** Below the facade on purpose: the histories an older AanZet stored, written as it wrote them. */
function olderAanZet(): CaseworkContext {
  const { casework, store } = bot.app;
  return new CaseworkContext({ covenants: casework.covenants(), ...store, clock: () => casework.now() });
}

async function legacy(caseId: string, bodies: CaseEventBody[]): Promise<void> {
  const ctx = olderAanZet();
  const by = { userId: 'aad-ahmed', name: 'Ahmed El Amrani', partnerId: 'wil' };
  const note = { userId: by.userId, partnerId: 'wil', action: 'change', detail: 'older AanZet' } as const;
  await ctx.commit(await ctx.load(caseId), bodies, by, note);
}

async function figures() {
  const carla = (await bot.app.store.members.get(CARLA.aadObjectId))!;
  return bot.app.casework.figures(carla, LEK, { from: '2026-01-01', to: '2026-12-31' });
}

async function waitForPurge(caseId: string): Promise<void> {
  const started = Date.now();
  while ((await bot.app.store.cases.getSummary(caseId))?.status !== 'purged') {
    if (Date.now() - started > 20_000) throw new Error(`${caseId} was not purged`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function expectPurged(caseId: string, before: { events: string[]; report: string; figures: unknown }) {
  const record = (await bot.app.store.cases.get(caseId))!;
  expect(record.personal).toBeNull();
  expect(record.householdKey).toBeNull();
  const stored = JSON.stringify(record);
  for (const text of [...FREE_TEXT, ...PERSONAL]) expect(stored).not.toContain(text);
  // The anonymous history stays: every event, in order, and the purge marked at the end.
  expect(record.events.map((e) => e.type)).toEqual([...before.events, 'purged']);
  expect(record.summary).toMatchObject({
    status: 'purged',
    finalResult: 'zelf-betaald-of-regeling',
    firstContactDate: '2026-03-10',
    completedSteps: [{ stepId: 'gezamenlijk-huisbezoek', partnerId: 'wil', doneOn: '2026-03-17' }],
  });
  expect(await figures()).toEqual(before.figures);
  expect(shown(await bot.say(CARLA, 'rapportage 2026-03'))).toBe(before.report);
  const audit = await bot.app.store.audit.list({ caseId });
  expect(audit.filter((a) => a.action === 'purge')).toHaveLength(1);

  const card = shown(await bot.say(CARLA, `wie is aan zet ${caseId}`));
  expect(card).toContain('Afgesloten, persoonsgegevens verwijderd');
  expect(card).toContain('Persoonsgegevens verwijderd (bewaartermijn)');
  for (const text of [...FREE_TEXT, ...PERSONAL]) expect(card).not.toContain(text);
}

async function snapshot(caseId: string) {
  for (const who of [SANNE, AHMED, CARLA]) await bot.say(who, 'help'); // known conversations
  return {
    events: (await bot.app.store.cases.get(caseId))!.events.map((e) => e.type),
    report: shown(await bot.say(CARLA, 'rapportage 2026-03')),
    figures: await figures(),
  };
}

describe('the purge', () => {
  it('runs daily with the injected clock: nothing before the retention ends, everything personal on the day', async () => {
    bot = await PrivacyBot.start('2026-03-09T10:00', { purgeIntervalMs: 40 });
    const caseId = await closedCaseWithFreeText();
    const before = await snapshot(caseId);
    expect((await bot.app.store.cases.getSummary(caseId))!.purgeAfter).toBe('2026-09-17');

    bot.setNow('2026-09-16T23:00');
    await bot.app.purge.run();
    expect((await bot.app.store.cases.getSummary(caseId))!.status).toBe('closed');
    expect((await bot.app.store.cases.get(caseId))!.personal).not.toBeNull();

    bot.setNow('2026-09-17T02:00'); // the daily timer, not the test, purges it now
    await waitForPurge(caseId);
    await expectPurged(caseId, before);
    await bot.app.purge.run(); // joins a run still logging, if any
    expect(bot.logs.some((l) => l.msg === 'personal data purged (retention)')).toBe(true);
  });

  it('runs at start-up, with reminders off, and a second run finds nothing left', async () => {
    bot = await PrivacyBot.start('2026-03-09T10:00');
    const caseId = await closedCaseWithFreeText();
    const before = await snapshot(caseId);
    await bot.app.stop();

    bot.setNow('2026-10-01T09:00');
    await bot.startApp();
    await waitForPurge(caseId);
    await expectPurged(caseId, before);
    await bot.app.purge.run(); // joins the start-up run if it is still finishing
    expect(await bot.app.purge.run()).toEqual([]);
    const version = await bot.version(caseId);
    expect((await bot.app.store.cases.get(caseId))!.events).toHaveLength(version);
  });
});
