import type { createBotFrameworkAuthenticationFromConfiguration } from 'botbuilder';

type Authentication = ReturnType<typeof createBotFrameworkAuthenticationFromConfiguration>;
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;
type Claims = Parameters<Authentication['createConnectorFactory']>[0];

/** Enough for every service URL (a region of the Bot Connector) of one bot, and its audiences. */
const MAX_CLIENTS = 100;

/**
 * CloudAdapter builds a new Bot Connector client and a new user token client, each with its
 * HTTP pipeline and credentials, for every turn (the token client even though AanZet never asks
 * it for a token: 0.17 ms of a status turn's CPU in the turns bench's profile). Here one client
 * per bot, audience and service URL serves all turns and proactive sends, as botbuilder's older
 * BotFrameworkAdapter did (its client cache), and one token client per bot. A client keeps no
 * state of a turn; its credentials fetch and renew their own token. A client that could not be
 * made is not kept. Changes `authentication` in place (the factories of incoming turns and of
 * proactive sends, and the token clients) and returns it.
 */
export function reusingConnectorClients(authentication: Authentication): Authentication {
  const connectorClients = keptPromises<ConnectorClient>();
  const reusing = (factory: ConnectorFactory, claims: Claims): ConnectorFactory => {
    const appId = appIdOf(claims);
    return {
      create: (serviceUrl: string, audience?: string) =>
        connectorClients([appId, audience ?? null, serviceUrl], () => factory.create(serviceUrl, audience)),
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

  // botbuilder makes a token client from the claims' app id alone (and its own configuration).
  const tokenClients = keptPromises<UserTokenClient>();
  const createTokenClient = authentication.createUserTokenClient.bind(authentication);
  authentication.createUserTokenClient = (claims) =>
    tokenClients([appIdOf(claims)], () => createTokenClient(claims));
  return authentication;
}

/**
 * Who the bot is for a turn, as botbuilder's own factories read it: the token's audience, or the
 * emulator's appid; neither without authentication.
 */
function appIdOf(claims: Claims): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/** Promises kept by key, at most MAX_CLIENTS (the oldest goes first); one that fails is forgotten. */
function keptPromises<T>(): (key: unknown[], make: () => Promise<T>) => Promise<T> {
  const kept = new Map<string, Promise<T>>();
  return (keyParts, make) => {
    const key = JSON.stringify(keyParts);
    let promise = kept.get(key);
    if (!promise) {
      if (kept.size >= MAX_CLIENTS) kept.delete(kept.keys().next().value as string);
      promise = make();
      kept.set(key, promise);
      promise.catch(() => kept.delete(key));
    }
    return promise;
  };
}
