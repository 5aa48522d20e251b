import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorAt, inputOf } from './helpers/card-parts.js';
import { AHMED, ConversationKit, FLAGS, SANNE } from './helpers/conversation-kit.js';
import { ARREARS, HOUSEHOLD, shown } from './fixtures/card-inputs.js';

// What a corporation shares beyond the Besluit (contact details, arrears), through the real bot:
// Lekstroom requires the tenant's consent for own observations (household size, children, concerns).

let kit: ConversationKit;
beforeEach(async () => {
  kit = await ConversationKit.open();
});
afterEach(() => kit.close());

const CONSENT_NEEDED = 'dit is een eigen waarneming: alleen met toestemming van de huurder';

describe('registering own observations in Lekstroom (consent required)', () => {
  it('the household card tells what the Besluit lets a creditor share and what is an own observation', async () => {
    const household = await kit.say(SANNE, 'nieuw signaal');
    expect(shown(household)).toContain('Besluit schuldhulpverlening art. 2');
    expect(shown(household)).toContain('Eigen waarneming');
    expect(inputOf(household, 'observationConsent')).toMatchObject({ type: 'Input.Toggle' });
  });

  it('without consent refuses household size and children at their fields, keeping the values', async () => {
    const household = await kit.say(SANNE, 'nieuw signaal');
    const again = await kit.click(SANNE, household, 'signal.household', {
      ...HOUSEHOLD,
      adults: '2',
      children: '1',
      observationConsent: 'false',
    });
    expect(errorAt(again, 'adults')).toContain(CONSENT_NEEDED);
    expect(errorAt(again, 'children')).toContain(CONSENT_NEEDED);
    expect(inputOf(again, 'adults')).toMatchObject({ value: 2 });
    expect(inputOf(again, 'children')).toMatchObject({ value: 1 });
    expect(inputOf(again, 'name')).toMatchObject({ value: 'J. de Vries' });
    // Leaving them to the partner who makes contact is fine without consent.
    const arrears = await kit.click(SANNE, again, 'signal.household', {
      ...HOUSEHOLD,
      adults: '',
      children: '',
      observationConsent: 'false',
    });
    expect(inputOf(arrears, 'amount')).toBeDefined();
  });

  it('without consent refuses a welfare concern on the confirm card, keeping the toggle', async () => {
    const household = await kit.say(SANNE, 'nieuw signaal');
    const arrears = await kit.click(SANNE, household, 'signal.household', {
      ...HOUSEHOLD,
      adults: '',
      observationConsent: 'false',
    });
    const confirm = await kit.click(SANNE, arrears, 'signal.arrears', ARREARS);
    expect(shown(confirm)).toContain('Toestemming van de huurder voor eigen waarnemingen: nee');
    const again = await kit.click(SANNE, confirm, 'signal.confirm', { ...FLAGS, welfareConcern: 'true' });
    expect(errorAt(again, 'welfareConcern')).toContain(CONSENT_NEEDED);
    expect(inputOf(again, 'welfareConcern')).toMatchObject({ value: 'true' });
    expect(await kit.store.cases.get('LEK-2026-0001')).toBeUndefined();
  });

  it('with consent keeps it with the signal, audits it, and shows it to the partner at turn', async () => {
    const done = await kit.registerSignal(SANNE, { household: { children: '1' } });
    expect(shown(done)).toContain('Casus LEK-2026-0001 geopend');

    const record = await kit.store.cases.get('LEK-2026-0001');
    expect(record?.events[0]).toMatchObject({
      type: 'signal_received',
      by: { userId: SANNE.userId, partnerId: 'mitros' },
      signal: {
        observation: {
          fields: ['adults', 'children'],
          consent: { tenantAgreed: true, recordedAt: kit.now.toISOString(), recordedByPartnerId: 'mitros' },
        },
      },
    });
    const audit = await kit.store.audit.list({ userId: SANNE.userId });
    expect(audit.map((a) => a.detail)).toContain(
      "signal registered, case opened; own observations with the tenant's consent: adults, children",
    );

    // WIL is at turn: its signal card says which conditions are Mitros's own observation.
    const notice = kit.notifier.toPartners.find((n) => n.partnerId === 'wil')!;
    expect(shown(notice.card)).toContain(
      'Eigen waarneming van Mitros, met toestemming van de huurder: aantal kinderen',
    );
    const view = await kit.say(AHMED, 'wie is aan zet LEK-2026-0001');
    expect(shown(view)).toContain(
      'Huishouden: 2 volwassenen, 1 kind (eigen waarneming van Mitros, met toestemming)',
    );
  });
});
