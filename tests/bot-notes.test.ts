import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { signalFor } from './helpers/casework-harness.js';
import { TeamsClient, type Conversation, type TeamsUser, personalChat } from './helpers/teams-client.js';
import { validateCard } from './helpers/validate-card.js';

// Scenario 3 through Teams: in Kaag en Braassem + Nieuwkoop a welfare concern brings in the
// network; the GGD adds a confidential note that only the GGD and the coordinator see.

const KBN = 'kaag-en-braassem-nieuwkoop';
const person = (name: string, slug: string): TeamsUser => ({
  id: `29:${slug}`,
  aadObjectId: `aad-${slug}`,
  name,
});
const GERDA = person('Gerda GGD', 'gerda');
const NORA = person('Nora Nieuwkoop', 'nora');
const PIET = person('Piet Politie', 'piet');
const NIELS = person('Niels Nieuwkoop', 'niels'); // Nora's colleague, without the coordinator role
const chat = (who: TeamsUser) => personalChat(who, 't');

const CHANNEL: Conversation = {
  id: '19:kbn-team@thread.tacv2',
  conversationType: 'channel',
  tenantId: 't',
  teamId: 'team-kbn',
};

let connector: FakeConnector;
let app: App;
let client: TeamsClient;
let dir: string;
let caseId: string;

beforeEach(async () => {
  connector = await startFakeConnector();
  dir = mkdtempSync(join(tmpdir(), 'aanzet-notes-'));
  app = await startApp(readConfig({ PORT: '0', AANZET_DATA_DIR: dir, AANZET_REMINDERS: 'off' }), {
    clock: () => new Date('2026-03-09T09:00:00Z'),
    logger: pino({ level: 'silent' }),
  });
  client = new TeamsClient(app.server.url, connector.url);
  const member = (who: TeamsUser, partnerId: string, roles: string[] = []) =>
    app.store.members.put({
      userId: who.aadObjectId,
      name: who.name,
      memberships: [{ covenantId: KBN, partnerId, roles, status: 'active' }],
    });
  await member(GERDA, 'ggd-hollands-midden');
  await member(NORA, 'gemeente-nieuwkoop', ['regisseur']);
  await member(PIET, 'politie');
  await member(NIELS, 'gemeente-nieuwkoop');
  await app.store.members.put({
    userId: 'wim',
    name: 'Wim',
    memberships: [{ covenantId: KBN, partnerId: 'woondiensten-aarwoude', roles: [], status: 'active' }],
  });
  const registered = await app.casework.registerSignal((await app.store.members.get('wim'))!, {
    ...signalFor(KBN, { city: 'Nieuwkoop', postcode: '2421 AA', flags: ['welfare_concern'] }),
  });
  caseId = registered.caseId;
});

afterEach(async () => {
  await app.stop();
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cardAfterMessage(who: TeamsUser, text: string) {
  connector.sent.length = 0;
  await client.message(who, chat(who), text);
  await connector.waitFor((sent) => sent.length === 1);
  const card = connector.sent[0]!.activity.attachments![0]!.content;
  expect(validateCard(card)).toEqual([]);
  return JSON.stringify(card);
}

async function cardAfterClick(
  who: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  where = chat(who),
) {
  const { body } = await client.invoke(who, where, verb, data);
  const card = (body as { value: unknown }).value;
  expect(validateCard(card)).toEqual([]);
  return JSON.stringify(card);
}

it('lets the GGD add a note that only the GGD and the coordinator (the role, not her organisation) see', async () => {
  const forGerda = await cardAfterMessage(GERDA, `wie is aan zet ${caseId}`);
  expect(forGerda).toContain('Casusoverleg netwerk');
  expect(forGerda).toContain('"verb":"case.noteForm"');
  const version = (await app.store.cases.getSummary(caseId))!.version;

  expect(await cardAfterClick(GERDA, 'case.noteForm', { caseId, version })).toContain(
    'Vertrouwelijke notitie',
  );
  expect(await cardAfterClick(GERDA, 'case.note', { caseId, version, text: '  ' })).toContain(
    'vul de notitie in',
  );
  const saved = await cardAfterClick(GERDA, 'case.note', {
    caseId,
    version,
    text: 'Bekend bij de GGD: vereenzaming.',
  });
  expect(saved).toContain('Bekend bij de GGD: vereenzaming.');

  expect(await cardAfterMessage(NORA, `wie is aan zet ${caseId}`)).toContain(
    'Bekend bij de GGD: vereenzaming.',
  );
  // Nora's colleague at the municipality sees the case's personal data, but not the note.
  const forNiels = await cardAfterMessage(NIELS, `wie is aan zet ${caseId}`);
  expect(forNiels).toContain('J. de Vries');
  expect(forNiels).not.toContain('Bekend bij de GGD');
  // Nor does a channel, not even when the coordinator asks there.
  connector.sent.length = 0;
  await client.message(NORA, CHANNEL, `wie is aan zet ${caseId}`);
  await connector.waitFor((sent) => sent.length === 1);
  const inChannel = JSON.stringify(connector.sent[0]!.activity);
  expect(inChannel).toContain(caseId);
  expect(inChannel).not.toContain('Bekend bij de GGD');
  expect(inChannel).not.toContain('J. de Vries');
  const audit = await app.store.audit.list({ caseId });
  expect(audit.filter((a) => a.userId === NIELS.aadObjectId).map((a) => a.action)).toEqual(['read_personal']);
  const forPiet = await cardAfterMessage(PIET, `wie is aan zet ${caseId}`);
  expect(forPiet).toContain('J. de Vries'); // the police has a step: it sees who it is about
  expect(forPiet).not.toContain('Bekend bij de GGD');
  const events = (await app.store.cases.get(caseId))!.events;
  expect(JSON.stringify(events)).not.toContain('Bekend bij de GGD'); // the note is personal data, purged with it
});

it('refuses the note form in a channel, where personal data does not belong', async () => {
  const channel: Conversation = {
    id: '19:kbn@thread.tacv2',
    conversationType: 'channel',
    tenantId: 't',
    teamId: 'team',
  };
  const version = (await app.store.cases.getSummary(caseId))!.version;
  const card = await cardAfterClick(GERDA, 'case.noteForm', { caseId, version }, channel);
  expect(card).toContain('alleen in een persoonlijk gesprek');
});
