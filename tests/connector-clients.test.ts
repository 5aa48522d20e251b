import {
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
  type Activity,
} from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { reusingConnectorClients } from '../bot/connector-clients.js';

// bot/connector-clients.ts on botbuilder's own authentication (no app id: local mode): one Bot
// Connector client per bot, audience and service URL, for incoming turns and proactive sends.

const activity = (serviceUrl: string) =>
  ({
    type: 'message',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:a' },
    recipient: { id: '28:aanzet' },
    conversation: { id: 'a:chat' },
  }) as Activity;

/** Where a client sends (botbuilder keeps it protected). */
const baseUriOf = (client: object) => (client as { baseUri?: string }).baseUri;

/** The client CloudAdapter would get for an incoming activity. */
async function clientForTurn(authentication: ReturnType<typeof reusingConnectorClients>, serviceUrl: string) {
  const result = await authentication.authenticateRequest(activity(serviceUrl), '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

/** botbuilder's authentication, reusing clients, whose first credentials cannot be made (no token service). */
function authenticationWhoseFirstCredentialsFail() {
  const credentials = new ConfigurationServiceClientCredentialFactory({});
  const createCredentials = credentials.createCredentials.bind(credentials);
  let failures = 1;
  credentials.createCredentials = (...args: Parameters<typeof createCredentials>) =>
    failures-- > 0 ? Promise.reject(new Error('no token service')) : createCredentials(...args);
  return reusingConnectorClients(createBotFrameworkAuthenticationFromConfiguration(null, credentials));
}

describe('Bot Connector clients', () => {
  it('are made once per service URL and reused by later turns and proactive sends', async () => {
    const authentication = reusingConnectorClients(
      createBotFrameworkAuthenticationFromConfiguration(
        null,
        new ConfigurationServiceClientCredentialFactory({}),
      ),
    );
    const emea = 'https://smba.trafficmanager.net/emea/';
    const first = await clientForTurn(authentication, emea);
    expect(await clientForTurn(authentication, emea)).toBe(first);
    const other = await clientForTurn(authentication, 'https://smba.trafficmanager.net/amer/');
    expect(other).not.toBe(first);
    expect(baseUriOf(other)).toBe('https://smba.trafficmanager.net/amer/');

    // A reminder later: the adapter asks for a factory with the same (anonymous) claims.
    const result = await authentication.authenticateRequest(activity(emea), '');
    const proactive = authentication.createConnectorFactory(result.claimsIdentity);
    expect(await proactive.create(emea, result.audience)).toBe(first);
  });

  it('keeps no client that could not be made: the next turn tries again', async () => {
    const authentication = authenticationWhoseFirstCredentialsFail();
    const url = 'https://smba.trafficmanager.net/emea/';
    await expect(clientForTurn(authentication, url)).rejects.toThrow('no token service');
    const client = await clientForTurn(authentication, url);
    expect(baseUriOf(client)).toBe(url);
    expect(await clientForTurn(authentication, url)).toBe(client);
  });

  it('user token clients are made once per bot and reused by later turns; one that failed is not kept', async () => {
    const authentication = authenticationWhoseFirstCredentialsFail();
    const url = 'https://smba.trafficmanager.net/emea/';
    const claimsOfTurn = async () =>
      (await authentication.authenticateRequest(activity(url), '')).claimsIdentity;
    await expect(authentication.createUserTokenClient(await claimsOfTurn())).rejects.toThrow(
      'no token service',
    );
    const client = await authentication.createUserTokenClient(await claimsOfTurn());
    expect(client.constructor.name).toBe('UserTokenClientImpl');
    expect(await authentication.createUserTokenClient(await claimsOfTurn())).toBe(client);
  });
});
