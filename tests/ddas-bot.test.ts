import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARREARS, HOUSEHOLD, shown } from './fixtures/card-inputs.js';
import { AHMED, CHANNEL, ConversationKit, SANNE, type User } from './helpers/conversation-kit.js';

// DDAS alignment through the real bot: a signal outside the criteria is recorded and the
// signaller told so; a creditor never reads the reason behind "Niet opgepakt: andere reden".

let kit: ConversationKit;
beforeEach(async () => {
  kit = await ConversationKit.open();
});
afterEach(async () => kit.close());

async function actor(user: User) {
  return (await kit.store.members.get(user.userId))!;
}

describe('a signal outside the criteria, registered in Teams', () => {
  it('is announced on the confirmation card before it is recorded, and not for a signal inside them', async () => {
    for (const [locale, words] of [
      [
        'nl',
        'Let op: een signaal mag pas na 30 dagen achterstand (nu 17). Dit signaal valt buiten de criteria',
      ],
      [
        'en',
        'Note: a signal is allowed only after 30 days of arrears (now 17). This signal falls outside the criteria',
      ],
    ] as const) {
      const language = locale === 'en' ? 'en-US' : undefined;
      const household = await kit.say(
        SANNE,
        locale === 'en' ? 'new signal' : 'nieuw signaal',
        undefined,
        language,
      );
      const arrears = await kit.click(SANNE, household, 'signal.household', HOUSEHOLD, language);
      const early = await kit.click(
        SANNE,
        arrears,
        'signal.arrears',
        { ...ARREARS, arisingDate: '2026-02-20' },
        language,
      );
      expect(shown(early)).toContain(words);
    }
    const household = await kit.say(SANNE, 'nieuw signaal');
    const arrears = await kit.click(SANNE, household, 'signal.household', HOUSEHOLD);
    expect(shown(await kit.click(SANNE, arrears, 'signal.arrears', ARREARS))).not.toContain(
      'buiten de criteria',
    );
  });

  it('is recorded and closed, and the card tells the signaller why, in Dutch and in English', async () => {
    const card = await kit.registerSignal(SANNE, { arrears: { arisingDate: '2026-02-20' } });
    const text = shown(card);
    expect(text).toContain('Signaal vastgelegd in casus LEK-2026-0001, niet opgepakt');
    expect(text).toContain('Eindresultaat: Niet opgepakt: onterecht signaal');
    expect(text).toContain('Reden: een signaal mag pas na 30 dagen achterstand (nu 17)');
    expect(kit.notifier.cards).toEqual([]);
    const english = await kit.say(SANNE, 'who is responsible LEK-2026-0001', undefined, 'en-US');
    expect(shown(english)).toContain(
      'Closed: Not taken up: unjustified signal: a signal is allowed only after 30 days of arrears (now 17)',
    );
    expect(shown(english)).toContain('Signal status: Not taken up: unjustified signal');
  });
});

describe('"Niet opgepakt: andere reden" in Teams', () => {
  async function closedForOtherReason(): Promise<void> {
    await kit.registerSignal(SANNE);
    const loaded = await kit.casework.logOutcome(await actor(AHMED), 'LEK-2026-0001', 2, {
      outcomeId: 'andere-reden',
    });
    await kit.notifier.tell(loaded.notices);
  }

  it('reads "Niet opgepakt" on the creditor case card, whole on the debt counsellor card', async () => {
    await closedForOtherReason();
    const creditor = shown(await kit.say(SANNE, 'wie is aan zet LEK-2026-0001'));
    expect(creditor).toContain('Status: Afgesloten: Niet opgepakt');
    expect(creditor).toContain('Signaalstatus: Niet opgepakt');
    expect(creditor).not.toMatch(/andere reden/i);
    const counsellor = shown(await kit.say(AHMED, 'wie is aan zet LEK-2026-0001'));
    expect(counsellor).toContain('Status: Afgesloten: Niet opgepakt: andere reden');
  });

  it('reads "Not taken up" on the channel status card, also when the counsellor asks there', async () => {
    await closedForOtherReason();
    for (const user of [SANNE, AHMED]) {
      const status = shown(await kit.say(user, 'status LEK-2026-0001', CHANNEL, 'en-US'));
      expect(status).toContain('Closed: Not taken up');
      expect(status).not.toMatch(/other reason/i);
    }
    const caseCardInChannel = shown(await kit.say(AHMED, 'wie is aan zet LEK-2026-0001', CHANNEL));
    expect(caseCardInChannel).toContain('Afgesloten: Niet opgepakt');
    expect(caseCardInChannel).not.toMatch(/andere reden/i);
  });

  it('reads "Niet opgepakt" in the closed notice to the signalling corporation', async () => {
    await closedForOtherReason();
    const told = kit.notifier.toPartners.filter((t) => t.partnerId === 'mitros');
    expect(told).toHaveLength(1);
    expect(shown(told[0]!.card)).toContain('Niet opgepakt');
    expect(shown(told[0]!.card)).not.toMatch(/andere reden/i);
  });
});
