/** What a failed send tells the deliverer. */
export interface SendFailure {
  status?: number;
  /** Bot Framework error code (`ConversationBlockedByUser`, …) or a network code (`ECONNRESET`). */
  code?: string;
  retryAfterMs?: number;
  /** No answer: timed out or the connection broke, so the send may be tried again. */
  timeout?: boolean;
}

/** 403/404 codes that mean the bot can no longer post in that conversation. */
const GONE_CODES: Record<number, readonly string[]> = {
  403: ['BotNotInConversationRoster', 'ConversationBlockedByUser', 'BotDisabledByAdmin'],
  404: ['ConversationNotFound'],
};
const TRANSIENT_STATUSES = new Set([412, 502, 503, 504]);
// Errors without a response: node/undici socket codes and core-rest-pipeline's REQUEST_SEND_ERROR.
const NETWORK_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'EAI_AGAIN',
  'REQUEST_SEND_ERROR',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

export const isGone = (f: SendFailure): boolean =>
  f.status !== undefined && f.code !== undefined && (GONE_CODES[f.status]?.includes(f.code) ?? false);
export const isTransient = (f: SendFailure): boolean =>
  f.timeout === true || (f.status !== undefined && TRANSIENT_STATUSES.has(f.status));

type Bag = Record<string, unknown>;
const bag = (v: unknown): Bag | undefined => (typeof v === 'object' && v !== null ? (v as Bag) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Reads the error shapes a send can throw:
 * - a `SendFailure` itself;
 * - botbuilder's ConnectorClient (@azure/core-rest-pipeline `RestError`, after its own retry
 *   policy gave up): `statusCode`, `code` (copied from the body's `error.code`), and
 *   non-enumerable `response` with `status`, `headers.get()`, `parsedBody`, `bodyAsText`;
 *   a time-out there is an `AbortError`, a dropped socket `code: 'ECONNRESET'`/REQUEST_SEND_ERROR;
 * - axios: `response.status`, `response.headers['retry-after']`, `response.data.error.code`,
 *   `code: 'ECONNABORTED'`;
 * - fetch: `TypeError('fetch failed', { cause: { code } })`, `TimeoutError` from
 *   AbortSignal.timeout; or `{ status, headers, body }` built from a non-2xx Response.
 */
export function classifyHttpError(error: unknown, now = Date.now()): SendFailure {
  const e = bag(error);
  if (!e) return {};
  const response = bag(e.response);
  const cause = bag(e.cause);
  const status = num(e.statusCode) ?? num(e.status) ?? num(response?.status) ?? num(response?.statusCode);
  const retryAfterMs = num(e.retryAfterMs) ?? retryAfter(e.headers ?? response?.headers, now);
  const bodyCode =
    errorCode(e.body) ??
    errorCode(response?.parsedBody) ??
    errorCode(response?.data) ??
    errorCode(response?.body) ??
    errorCode(response?.bodyAsText) ??
    errorCode(e.details);
  const ownCode = str(e.code) ?? str(cause?.code);
  const name = str(e.name) ?? str(cause?.name);
  const timeout =
    e.timeout === true ||
    status === 408 ||
    (status === undefined &&
      (name === 'TimeoutError' ||
        name === 'AbortError' || // core-rest-pipeline aborts a request when its time-out passes
        name === 'ConnectTimeoutError' ||
        (ownCode !== undefined && NETWORK_CODES.has(ownCode))));
  const code = bodyCode ?? ownCode;
  return {
    ...(status !== undefined ? { status } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(timeout ? { timeout } : {}),
  };
}

/** `{ error: { code } }` (Bot Framework ErrorResponse), `{ code }`, or that as JSON text. */
function errorCode(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return errorCode(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  const b = bag(body);
  return str(bag(b?.error)?.code) ?? str(b?.code);
}

function header(headers: unknown, name: string): string | undefined {
  const h = bag(headers);
  if (!h) return undefined;
  if (typeof h.get === 'function') {
    const value: unknown = (h.get as (n: string) => unknown).call(h, name);
    return value === null || value === undefined ? undefined : String(value);
  }
  for (const [key, value] of Object.entries(h))
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  return undefined;
}

/** Retry-After in seconds or as an HTTP date; Azure's retry-after-ms headers in milliseconds. */
function retryAfter(headers: unknown, now: number): number | undefined {
  const number = (v: string | undefined): number | undefined =>
    v !== undefined && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined;
  const ms = number(header(headers, 'retry-after-ms')) ?? number(header(headers, 'x-ms-retry-after-ms'));
  if (ms !== undefined) return ms;
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  const seconds = number(value);
  if (seconds !== undefined) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
