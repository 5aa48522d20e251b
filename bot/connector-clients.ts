import type { createBotFrameworkAuthenticationFromConfiguration } from 'botbuilder';

type Authentication = ReturnType<typeof createBotFrameworkAuthenticationFromConfiguration>;
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type Claims = Parameters<Authentication['createConnectorFactory']>[0];

/** Enough for every service URL (a region of the Bot Connector) of one bot, and its audiences. */
const MAX_CLIENTS = 100;

/**
 * CloudAdapter builds a new Bot Connector client, with its HTTP pipeline and credentials, for
 * every turn and every proactive send. Here one client per bot, audience and service URL serves
 * all of them, as botbuilder's older BotFrameworkAdapter did (its client cache). A client keeps
 * no state of a turn; its credentials fetch and renew their own token. A client that could not
 * be made is not kept. Changes `authentication` in place (the factories of incoming turns and of
 * proactive sends) and returns it.
 */
export function reusingConnectorClients(authentication: Authentication): Authentication {
  const clients = new Map<string, Promise<ConnectorClient>>();
  const reusing = (factory: ConnectorFactory, claims: Claims): ConnectorFactory => {
    // Who the bot is for this turn, as botbuilder's own factory reads it: the token's audience,
    // or the emulator's appid; neither without authentication.
    const appId = claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
    return {
      create: (serviceUrl: string, audience?: string) => {
        const key = JSON.stringify([appId, audience ?? null, serviceUrl]);
        let client = clients.get(key);
        if (!client) {
          if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
          client = factory.create(serviceUrl, audience);
          clients.set(key, client);
          client.catch(() => clients.delete(key));
        }
        return client;
      },
    } as ConnectorFactory;
  };
  const authenticate = authentication.authenticateRequest.bind(authentication);
  authentication.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: reusing(factory, result.claimsIdentity) } : result;
  };
  const createFactory = authentication.createConnectorFactory.bind(authentication);
  authentication.createConnectorFactory = (claims) => reusing(createFactory(claims), claims);
  return authentication;
}
