import type { Locale } from '../../cards/texts.js';

// The tab's one door to the server: /api/tab/... with the sign-in the host gives (a Teams token,
// or in local mode the chosen demo member) and the reader's language for the server's messages.

/** An answer other than 2xx: the server's code and message (already in the reader's language). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface TabApi {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** The address of a download (an export), for a link; sign-in travels in a header, so see `download`. */
  download(path: string, query?: Query): Promise<Blob>;
}

/** Headers that say who asks: `Authorization: Bearer …` in Teams, `X-AanZet-Demo-User` locally. */
export type SignInHeaders = () => Promise<Record<string, string>>;

export function createApi(signIn: SignInHeaders, locale: Locale, base = ''): TabApi {
  const url = (path: string, query?: Query) => {
    const u = new URL(`${base}/api/tab${path}`, window.location.origin);
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined && value !== '') u.searchParams.set(key, String(value));
    return u.toString();
  };
  const send = async (method: 'GET' | 'POST', target: string, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = { 'Accept-Language': locale, ...(await signIn()) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(target, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      throw new ApiError(
        response.status,
        typeof answer.code === 'string' ? answer.code : `http_${response.status}`,
        typeof answer.message === 'string' ? answer.message : '',
        answer,
      );
    }
    return response;
  };
  return {
    get: async <T>(path: string, query?: Query) => (await (await send('GET', url(path, query))).json()) as T,
    post: async <T>(path: string, body: unknown) => (await (await send('POST', url(path), body)).json()) as T,
    download: async (path: string, query?: Query) => (await send('GET', url(path, query))).blob(),
  };
}

/** The server's message (already in the reader's language), or the catalogue's general one. */
export function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiError && error.message !== '' ? error.message : fallback;
}
