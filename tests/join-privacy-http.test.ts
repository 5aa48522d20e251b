import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../cards/card-types.js';
import { ARREARS, HOUSEHOLD, shown } from './fixtures/card-inputs.js';
import { chat, dataOf, PrivacyBot, user } from './helpers/privacy-bot.js';
import type { TeamsUser } from './helpers/teams-client.js';

// A signal for a household that already has an open case joins that case, but does not open
// someone else's file: the joining partner sees what it entered, the step and the deadline;
// the coordinator is told of the join and can undo it.

const LEK = 'lekstroom';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros
const VERA = user('Vera Veldman', 'vera'); // Viveste, another corporation
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL, holds the coordinator role
const MITROS_DATA = ['de Vries', '12345678'];

let bot: PrivacyBot;
beforeEach(async () => {
  bot = await PrivacyBot.start('2026-03-09T10:00');
  await bot.member(SANNE, LEK, 'mitros');
  await bot.member(VERA, LEK, 'viveste');
  await bot.member(AHMED, LEK, 'wil', ['coordinator-vroeg-eropaf']);
  await bot.say(AHMED, 'help'); // so AanZet can reach the coordinator
});
afterEach(async () => bot.stop());

/** The three register cards, as a caseworker fills them in. */
async function register(
  who: TeamsUser,
  household: Record<string, string>,
  welfareConcern = 'false',
): Promise<AdaptiveCard> {
  const first = await bot.say(who, 'nieuw signaal');
  const arrears = await bot.click(who, 'signal.household', {
    ...dataOf(first, 'signal.household'),
    ...household,
  });
  const confirm = await bot.click(who, 'signal.arrears', {
    ...dataOf(arrears, 'signal.arrears'),
    ...ARREARS,
  });
  return bot.click(who, 'signal.confirm', {
    ...dataOf(confirm, 'signal.confirm'),
    familyWithChildren: 'false',
    welfareConcern,
  });
}

describe('a signal that joins an open case', () => {
  it('shows the joining corporation its own entry, the step and the deadline, not what Mitros entered; the coordinator undoes it', async () => {
    expect(shown(await register(SANNE, HOUSEHOLD))).toContain('Casus LEK-2026-0001 geopend');
    const caseId = 'LEK-2026-0001';

    // Viveste registers the same address under another name and phone.
    const joined = shown(
      await register(VERA, { ...HOUSEHOLD, name: 'P. Verzonnen', phone: '06-99999999' }, 'true'),
    );
    expect(joined).toContain('Dit huishouden had al een open casus');
    for (const text of MITROS_DATA) expect(joined).not.toContain(text);

    const forVera = shown(await bot.say(VERA, `wie is aan zet ${caseId}`));
    expect(forVera).toContain('Wat jouw organisatie invoerde');
    expect(forVera).toContain('Naam: P. Verzonnen');
    expect(forVera).toContain('Telefoon: 06-99999999');
    expect(forVera).toContain('Stap: Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(forVera).toContain('Termijn (voorbeeld): maandag 23 maart 2026');
    for (const text of MITROS_DATA) expect(forVera).not.toContain(text);
    // Viveste is no partner in the step: no forms, no note button.
    expect(JSON.stringify(await bot.say(VERA, `wie is aan zet ${caseId}`))).not.toMatch(
      /case\.(contactForm|noteForm|outcomeForm)/,
    );

    // The coordinator is told, sees both entries and the undo button.
    await bot.connector.waitFor(() => JSON.stringify(bot.sentTo(chat(AHMED))).includes('Signaal toegevoegd'));
    const notice = bot
      .sentTo(chat(AHMED))
      .find((s) => JSON.stringify(s.activity).includes('Signaal toegevoegd'))!;
    expect(JSON.stringify(notice.activity)).toContain('Viveste registreerde een signaal (Huur)');
    const forAhmed = await bot.say(AHMED, `wie is aan zet ${caseId}`);
    expect(shown(forAhmed)).toContain('Naam: J. de Vries');
    expect(shown(forAhmed)).toContain('Ingevoerd door Viveste');
    expect(shown(forAhmed)).toContain('Naam: P. Verzonnen');
    expect((await bot.app.store.cases.getSummary(caseId))!.participants).toContain('viveste');
    expect((await bot.app.store.cases.getSummary(caseId))!.flags).toContain('welfare_concern');

    const undone = shown(
      await bot.click(
        AHMED,
        'case.undoJoin',
        dataOf(forAhmed, 'case.undoJoin', 'Signaal van Viveste ongedaan maken'),
      ),
    );
    expect(undone).toContain('Aangesloten signaal van Viveste ongedaan gemaakt');
    expect(undone).not.toContain('P. Verzonnen');

    const record = (await bot.app.store.cases.get(caseId))!;
    expect(record.personal!.joined).toEqual([]);
    expect(record.summary.participants).not.toContain('viveste');
    expect(record.summary.flags).not.toContain('welfare_concern'); // brought by the join, gone with it
    const afterUndo = shown(await bot.say(VERA, `wie is aan zet ${caseId}`));
    expect(afterUndo).not.toContain('P. Verzonnen');
    const audit = await bot.app.store.audit.list({ caseId });
    expect(audit.map((a) => a.detail)).toContain(
      'joined signal (event 3) of viveste undone, its entry removed',
    );
  });

  it('refuses the undo to anyone but the coordinator, and audits the refusal', async () => {
    await register(SANNE, HOUSEHOLD);
    await register(VERA, { ...HOUSEHOLD, name: 'P. Verzonnen' });
    const caseId = 'LEK-2026-0001';
    const forged = shown(
      await bot.click(VERA, 'case.undoJoin', { caseId, version: await bot.version(caseId), joinSeq: 3 }),
    );
    expect(forged).toContain('Alleen de Coördinator Vroeg Eropaf! mag dit.');
    expect((await bot.app.store.cases.get(caseId))!.personal!.joined).toHaveLength(1);
    const refused = (await bot.app.store.audit.list({ caseId })).filter((a) => a.action === 'refused');
    expect(refused).toMatchObject([
      { userId: VERA.aadObjectId, partnerId: 'viveste', detail: 'coordinator_only: undo a joined signal' },
    ]);
  });
});
