// The Teams sign-in token, kept until shortly before it expires, so not every API call asks Teams.

const MARGIN_MS = 5 * 60_000;

/** The token's `exp` in ms since the epoch, or undefined when it is not a readable JWT. */
export function tokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export class TokenCache {
  private token: string | undefined;
  private expiresAt = 0;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly fetchToken: () => Promise<string>,
    private readonly now: () => number = Date.now,
    private readonly marginMs = MARGIN_MS,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.now() < this.expiresAt - this.marginMs) return this.token;
    // Calls at the same moment share one request to Teams.
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    const token = await this.pending;
    this.token = token;
    // A token without a readable expiry is used once, not kept.
    this.expiresAt = tokenExpiry(token) ?? 0;
    return token;
  }

  /** The server refused the token: the next get() asks Teams for a fresh one. */
  forget(): void {
    this.token = undefined;
    this.expiresAt = 0;
  }
}
