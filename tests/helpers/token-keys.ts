import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for the Bot Framework's OpenID metadata and signing keys, so that a bot
// with an app id checks tokens without the network: tokens signed with `trusted` pass,
// tokens signed with any other key are forged.

export interface TokenKeys {
  /** Give this to startApp's openIdMetadataUrl. */
  metadataUrl: string;
  /** A Bot Framework channel token for this app and serviceUrl, signed with the trusted key. */
  trusted(appId: string, serviceUrl: string): string;
  /** The same claims signed with a key nobody published, under the trusted key's id. */
  forged(appId: string, serviceUrl: string): string;
  /** The signing keys themselves (a JWKS), as Entra publishes them: for the tab's sign-in. */
  jwksUrl: string;
  /**
   * Any claims as a token: signed RS256 with the trusted key, or with `other` (a key nobody
   * published), or `none` (unsigned), or HS256 with the given secret.
   */
  signed(claims: object, how?: 'trusted' | 'other' | 'none' | { hs256: string }): string;
  close(): Promise<void>;
}

const KID = 'aanzet-test-key';

export async function startTokenKeys(): Promise<TokenKeys> {
  const trustedKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    } else if (req.url === '/keys') {
      const jwk = trustedKey.publicKey.export({ format: 'jwk' });
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: KID, use: 'sig', alg: 'RS256' }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/openid`,
    trusted: (appId, serviceUrl) => token(trustedKey.privateKey, appId, serviceUrl),
    forged: (appId, serviceUrl) => token(otherKey.privateKey, appId, serviceUrl),
    jwksUrl: `${base}/keys`,
    signed: (claims, how = 'trusted') => {
      if (how === 'none') return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
      if (typeof how === 'object') {
        const head = `${encode({ alg: 'HS256', typ: 'JWT', kid: KID })}.${encode(claims)}`;
        return `${head}.${createHmac('sha256', how.hs256).update(head).digest('base64url')}`;
      }
      return signRs256(how === 'trusted' ? trustedKey.privateKey : otherKey.privateKey, claims);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signRs256(key: KeyObject, claims: object): string {
  const signed = `${encode({ alg: 'RS256', typ: 'JWT', kid: KID })}.${encode(claims)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
}

function token(key: KeyObject, appId: string, serviceUrl: string): string {
  // The token's own times follow the real clock: botbuilder checks them against Date.now().
  const seconds = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'https://api.botframework.com',
    aud: appId,
    serviceurl: serviceUrl,
    nbf: seconds - 60,
    exp: seconds + 3600,
  };
  return signRs256(key, claims);
}
