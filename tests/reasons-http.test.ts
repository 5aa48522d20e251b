import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shown } from './fixtures/card-inputs.js';
import { signalFor } from './helpers/casework-harness.js';
import { CHANNEL, PrivacyBot, user } from './helpers/privacy-bot.js';

// Free-text reasons are personal data: shown only in a personal chat to those who may see the
// case's personal data, never in a channel or to others. Postponing has the covenant's maximum.
// And a refused attempt on a case leaves an audit line.

const LEK = 'lekstroom';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros, sent the signal
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL, holds the step
const VERA = user('Vera Veldman', 'vera'); // Viveste: no step on this case
const REASON = 'huurder ligt tot eind maart in het ziekenhuis';

let bot: PrivacyBot;
let caseId: string;
beforeEach(async () => {
  bot = await PrivacyBot.start('2026-03-09T10:00');
  const sanne = await bot.member(SANNE, LEK, 'mitros');
  await bot.member(AHMED, LEK, 'wil');
  await bot.member(VERA, LEK, 'viveste');
  ({ caseId } = await bot.app.casework.registerSignal(sanne, signalFor(LEK)));
});
afterEach(async () => bot.stop());

async function postpone(until: string, reason = REASON) {
  const card = await bot.click(AHMED, 'case.postpone', {
    caseId,
    version: await bot.version(caseId),
    until,
    reason,
  });
  return `${shown(card)}\n${JSON.stringify(card)}`;
}

describe('reasons', () => {
  it('shows a postponement reason in a personal chat to those who may see personal data, and only the fact elsewhere', async () => {
    expect(await postpone('2026-03-30')).toContain(REASON);

    const forSanne = shown(await bot.say(SANNE, `wie is aan zet ${caseId}`));
    expect(forSanne).toContain(`Uitgesteld tot maandag 30 maart 2026 door Ahmed El Amrani: ${REASON}`);
    expect(forSanne).toContain(`Termijn uitgesteld tot maandag 30 maart 2026: ${REASON}`);

    const inChannel = shown(await bot.say(SANNE, `wie is aan zet ${caseId}`, CHANNEL));
    expect(inChannel).toContain('Uitgesteld tot maandag 30 maart 2026 door Ahmed El Amrani');
    expect(inChannel).not.toContain(REASON);
    expect(inChannel).not.toContain('de Vries');

    const forVera = shown(await bot.say(VERA, `wie is aan zet ${caseId}`));
    expect(forVera).toContain('Termijn uitgesteld tot maandag 30 maart 2026');
    expect(forVera).not.toContain(REASON);

    const english = shown(await bot.say(SANNE, `who is responsible ${caseId}`, CHANNEL, 'en-GB'));
    expect(english).toContain('Postponed to');
    expect(english).not.toContain(REASON);
    // The event holds the fact only; the reason is in the personal part, which the purge removes.
    const record = (await bot.app.store.cases.get(caseId))!;
    expect(JSON.stringify(record.events)).not.toContain(REASON);
    expect(record.personal!.reasons).toMatchObject([{ byPartnerId: 'wil', text: REASON }]);
  });

  it("refuses a postponement beyond the covenant's maximum at the field, keeping what was typed", async () => {
    const refused = await postpone('2026-07-01');
    expect(refused).toContain('uitstellen kan tot hoogstens 3 maanden vooruit (uiterlijk 2026-06-09)');
    expect(refused).toContain(`"value":"${REASON}"`); // the form keeps what was typed
    expect((await bot.app.store.cases.getSummary(caseId))!.deadline).toBe('2026-03-23');
    expect(await postpone('2026-06-09')).toContain(REASON);
    expect((await bot.app.store.cases.getSummary(caseId))!.deadline).toBe('2026-06-09');
  });
});

describe('refused attempts', () => {
  it("leaves a 'refused' audit line for a forged contact attempt on another partner's step", async () => {
    const card = shown(
      await bot.click(VERA, 'case.contact', {
        caseId,
        version: await bot.version(caseId),
        kind: 'Telefoon',
        reached: 'true',
        date: '2026-03-09',
        daypart: 'Ochtend',
      }),
    );
    expect(card).toContain('Deze stap is voor WIL');
    const audit = await bot.app.store.audit.list({ userId: VERA.aadObjectId });
    expect(audit).toMatchObject([
      {
        action: 'refused',
        userId: VERA.aadObjectId,
        partnerId: 'viveste',
        caseId,
        detail: 'not_your_step: log a contact attempt',
      },
    ]);
    expect((await bot.app.store.cases.get(caseId))!.events.map((e) => e.type)).not.toContain(
      'contact_attempt',
    );
  });

  it('audits a refused form as well: the domain, not the dialog, refuses it', async () => {
    const card = shown(await bot.say(VERA, `contact ${caseId}`));
    expect(card).toContain('Deze stap is voor WIL');
    const audit = await bot.app.store.audit.list({ userId: VERA.aadObjectId });
    expect(audit).toMatchObject([
      { action: 'refused', partnerId: 'viveste', caseId, detail: 'not_your_step: act on this step' },
    ]);
  });

  it('writes nothing extra for an allowed turn', async () => {
    await bot.say(AHMED, `wie is aan zet ${caseId}`);
    const audit = await bot.app.store.audit.list({ userId: AHMED.aadObjectId });
    expect(audit.map((a) => a.action)).toEqual(['read_personal']);
  });
});
