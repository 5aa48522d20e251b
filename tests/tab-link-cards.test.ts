import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tabLinkFor } from '../bot/tab-link.js';
import type { Locale } from '../casework/reads/views.js';
import {
  caseCard,
  reminderCard,
  signalRegisteredCard,
  statusCard,
  type AdaptiveCard,
  type TabLink,
} from '../cards/index.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { startRunningBot, type RunningBot } from './helpers/running-bot.js';
import { lekstroomMember } from './helpers/tab-api.js';
import type { Conversation } from './helpers/teams-client.js';
import { validateCard } from './helpers/validate-card.js';

// "Openen in AanZet": the cards that name one case link to it in the personal tab; bot/ makes
// the address from its configuration (bot/tab-link.ts), the card builders only call it.

const APP_ID = '3f9a1c2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8';

describe('the tab link of a case', () => {
  it('with an app id is a Teams deep link to the tasks tab with subEntityId case:<id>', () => {
    const link = tabLinkFor({ appId: APP_ID, localMode: false, localPort: () => 3978 })('LEK-2026-0031');
    expect(link).toBe(
      `https://teams.microsoft.com/l/entity/${APP_ID}/tasks?context=%7B%22subEntityId%22%3A%22case%3ALEK-2026-0031%22%7D`,
    );
    const context = new URL(link).searchParams.get('context');
    expect(JSON.parse(context ?? '')).toEqual({ subEntityId: 'case:LEK-2026-0031' });
  });

  it('in local mode is the tab on this machine at the case, on the port the server listens on', () => {
    let port = 0;
    const link = tabLinkFor({ appId: '', localMode: true, localPort: () => port });
    port = 41234;
    expect(link('DAL-2026-0042')).toBe('http://localhost:41234/tab/#/case/DAL-2026-0042');
  });
});

const LINK: TabLink = (caseId) => `https://teams.example/case/${caseId}`;
const TITLES: Record<Locale, string> = { nl: 'Openen in AanZet', en: 'Open in AanZet' };

function openUrlActions(card: AdaptiveCard) {
  return (card.actions ?? []).filter((a) => a.type === 'Action.OpenUrl');
}

describe('cards that name one case', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness('2026-03-09');
  });
  afterEach(async () => h.close());

  async function views(locale: Locale) {
    const sanne = await h.member('sanne', 'lekstroom', 'mitros');
    const registered = await h.casework.registerSignal(sanne, signalFor('lekstroom'));
    const caseId = registered.loaded.record.id;
    const view = await h.casework.caseView(sanne, caseId, { locale, withPersonalData: true });
    const step = await h.casework.caseStatus(sanne, caseId, locale, false);
    return { caseId, view, step };
  }

  for (const locale of ['nl', 'en'] as const)
    it(`carry an Action.OpenUrl "${TITLES[locale]}" to the case in the tab, valid cards (${locale})`, async () => {
      const { caseId, view, step } = await views(locale);
      const cards = [
        caseCard(locale, { view, canAct: true, tabLink: LINK }),
        statusCard(locale, { view: step, tabLink: LINK }),
        reminderCard(locale, { kind: 'due', view: step, tabLink: LINK }),
        signalRegisteredCard(locale, { view: step, joined: false, tabLink: LINK }),
      ];
      for (const card of cards) {
        expect(openUrlActions(card)).toEqual([
          { type: 'Action.OpenUrl', title: TITLES[locale], url: `https://teams.example/case/${caseId}` },
        ]);
        expect(validateCard(card)).toEqual([]);
        expect(JSON.stringify(card)).not.toContain(TITLES[locale === 'nl' ? 'en' : 'nl']);
      }
    });

  it('have no such button where there is no tab to open (no link given)', async () => {
    const { view, step } = await views('nl');
    expect(openUrlActions(caseCard('nl', { view, canAct: true }))).toEqual([]);
    expect(statusCard('nl', { view: step }).actions).toBeUndefined();
  });
});

describe('the running bot in local mode', () => {
  const NOW = DateTime.fromISO('2026-03-10T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
  const SANNE = lekstroomMember('aad-sanne', 'Sanne Bakker', 'mitros');
  let connector: FakeConnector;
  let bot: RunningBot;
  beforeEach(async () => {
    connector = await startFakeConnector();
    bot = await startRunningBot({ connectorUrl: connector.url, clock: () => NOW });
    await bot.app.store.members.put(SANNE);
  });
  afterEach(async () => {
    await bot.stop();
    await connector.close();
  });

  it('answers "wie is aan zet" with a card whose button opens the case on its own tab address', async () => {
    await bot.app.casework.registerSignal(SANNE, signalFor('lekstroom'));
    const user = { id: '29:sanne', aadObjectId: SANNE.userId, name: SANNE.name };
    const chat: Conversation = { id: 'a:personal-sanne', conversationType: 'personal', tenantId: 'local' };
    await bot.client.message(user, chat, 'wie is aan zet LEK-2026-0001');
    await connector.waitFor((sent) => sent.some((s) => s.activity.attachments !== undefined));
    const card = connector.sent.find((s) => s.activity.attachments)?.activity.attachments?.[0]
      ?.content as AdaptiveCard;
    expect(card.actions).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Openen in AanZet',
      url: `${bot.app.server.url.replace('127.0.0.1', 'localhost')}/tab/#/case/LEK-2026-0001`,
    });
  });
});
