import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

// The personal tab signs in with the token Teams gives it (teams-js authentication.getAuthToken()):
// an Entra ID access token for our own API. It counts only when Entra's published keys signed it
// (RS256, nothing else), for our audience, from a tenant we serve, within its lifetime.

export interface TabSignInRules {
  appId: string;
  /** The bot's public host name: the audience is api://<domain>/<appId>. */
  domain: string;
  jwksUrl: string;
  /** Issuers a token may carry, {tid} standing for its tenant id (v1 and v2 tokens). */
  issuerTemplates: string[];
  /** Lower case tenant ids. */
  allowedTenants: string[];
}

export type SignInResult =
  | { signedIn: true; userId: string }
  | { signedIn: false; why: string }
  /** Entra's keys could not be fetched: not the token's fault. */
  | { signedIn: false; unavailable: true; why: string };

export type TabSignIn = (authorization: string | undefined) => Promise<SignInResult>;

export function tabSignIn(rules: TabSignInRules): TabSignIn {
  const keys = createRemoteJWKSet(new URL(rules.jwksUrl));
  const audiences = [rules.appId, ...(rules.domain ? [`api://${rules.domain}/${rules.appId}`] : [])];
  return async (authorization) => {
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) return { signedIn: false, why: authorization ? 'not a bearer token' : 'no token' };
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        audience: audiences,
        requiredClaims: ['exp', 'iss', 'tid', 'oid'],
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError))
        return { signedIn: false, unavailable: true, why: (error as Error).message };
      return { signedIn: false, why: error.code };
    }
    // The issuer names the tenant, so it is checked once the tenant is known (and served).
    const tenant = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
    if (!tenant || !rules.allowedTenants.includes(tenant))
      return { signedIn: false, why: 'tenant not served' };
    const issuers = rules.issuerTemplates.map((t) => t.replaceAll('{tid}', tenant).toLowerCase());
    if (typeof claims.iss !== 'string' || !issuers.includes(claims.iss.toLowerCase()))
      return { signedIn: false, why: 'unexpected issuer' };
    if (typeof claims.oid !== 'string' || claims.oid === '') return { signedIn: false, why: 'no oid' };
    return { signedIn: true, userId: claims.oid };
  };
}
