import { randomBytes, randomUUID } from 'node:crypto';
import type { Member } from '../../casework/ports.js';
import { startRunningBot, type RunningBot } from './running-bot.js';
import type { TokenKeys } from './token-keys.js';

// The personal tab's API as the tab calls it: the real app with an app id, a tenant it serves
// and Entra's signing keys replaced by a local key set (tests/helpers/token-keys.ts).

export const TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';
export const DOMAIN = 'aanzet.example.org';

export interface TabBot {
  bot: RunningBot;
  appId: string;
  /** Claims of a valid v2 access token for this app, for `oid`, to change field by field. */
  claims(oid: string, overrides?: Record<string, unknown>): Record<string, unknown>;
  /** A GET or POST with a valid token for `oid` (or the given Authorization header). */
  call(
    path: string,
    options?: { oid?: string; authorization?: string; body?: unknown; language?: string },
  ): Promise<{ status: number; body: unknown; text: string }>;
}

export async function startTabBot(keys: TokenKeys, clock: () => Date): Promise<TabBot> {
  const appId = randomUUID();
  const bot = await startRunningBot({
    connectorUrl: 'http://127.0.0.1:9',
    clock,
    env: {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: randomBytes(24).toString('base64url'),
      AANZET_ALLOWED_TENANTS: TENANT,
      AANZET_DOMAIN: DOMAIN,
      AANZET_TAB_JWKS_URL: keys.jwksUrl,
    },
    app: { openIdMetadataUrl: keys.metadataUrl },
  });
  const claims = (oid: string, overrides: Record<string, unknown> = {}) => {
    // jose checks the times against the real clock.
    const seconds = Math.floor(Date.now() / 1000);
    return {
      iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      aud: `api://${DOMAIN}/${appId}`,
      tid: TENANT,
      oid,
      iat: seconds - 60,
      nbf: seconds - 60,
      exp: seconds + 3600,
      ...overrides,
    };
  };
  return {
    bot,
    appId,
    claims,
    call: (path, options = {}) =>
      callApi(bot.app.server.url, path, {
        ...options,
        headers: {
          authorization: options.authorization ?? `Bearer ${keys.signed(claims(options.oid ?? ''))}`,
        },
      }),
  };
}

export async function callApi(
  base: string,
  path: string,
  options: { body?: unknown; language?: string; headers?: Record<string, string> },
): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(`${base}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: {
      ...options.headers,
      ...(options.language ? { 'accept-language': options.language } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export function lekstroomMember(oid: string, name: string, partnerId: string, roles: string[] = []): Member {
  return {
    userId: oid,
    name,
    memberships: [{ covenantId: 'lekstroom', partnerId, roles, status: 'active' }],
  };
}
