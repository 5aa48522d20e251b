import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEAMS_CONVERSATION_LIMITS, tenantLimits, type RateWindow } from '../../bot/delivery/rate-limits.js';

// A local Bot Connector that enforces the Teams rate limits like the real service: sliding
// windows per conversation and per tenant, 429 with Retry-After when a send would break one
// (refused sends are not counted). It records what it accepted, for loss/duplicate/order checks.

export interface AcceptedSend {
  conversationId: string;
  tenantId: string;
  /** Arrival time (Date.now()). */
  at: number;
  activity: Record<string, unknown>;
}

export interface ThrottlingConnector {
  url: string;
  accepted: AcceptedSend[];
  /** Every refused send, 429s included. */
  refused: { conversationId: string; status: number; at: number }[];
  readonly throttled: number;
  /** From now on answer 403 ConversationBlockedByUser (or 404 ConversationNotFound) there. */
  markGone(conversationId: string, how?: 'blocked' | 'not-found'): void;
  /** The next `count` sends (to any conversation) get this status, 503 by default. */
  failNext(count: number, status?: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

export interface ThrottlingConnectorOptions {
  conversationLimits?: readonly RateWindow[];
  tenantLimits?: readonly RateWindow[];
  now?: () => number;
}

export async function startThrottlingConnector(
  options: ThrottlingConnectorOptions = {},
): Promise<ThrottlingConnector> {
  const now = options.now ?? Date.now;
  const conversationLimits = options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS;
  const tenantWindows = options.tenantLimits ?? tenantLimits();
  const accepted: AcceptedSend[] = [];
  const refused: ThrottlingConnector['refused'] = [];
  const byConversation = new Map<string, number[]>();
  const byTenant = new Map<string, number[]>();
  const gone = new Map<string, 'blocked' | 'not-found'>();
  const failures: { status: number; retryAfter?: number }[] = [];

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return answer(res, 404, { error: { code: 'NotFound' } });
    const at = now(); // the arrival: the moment that counts in the windows
    const conversationId = decodeURIComponent(match[1]!);
    const activity = JSON.parse(body || '{}') as Record<string, unknown>;
    const refuse = (status: number, code: string, headers: Record<string, string> = {}): void => {
      refused.push({ conversationId, status, at });
      answer(res, status, { error: { code, message: `throttling connector: ${code}` } }, headers);
    };

    const how = gone.get(conversationId);
    if (how === 'blocked') return refuse(403, 'ConversationBlockedByUser');
    if (how === 'not-found') return refuse(404, 'ConversationNotFound');
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
      return refuse(failure.status, 'ServiceError', headers);
    }
    const tenantId = tenantOf(activity);
    const conversationTimes = timesFor(byConversation, conversationId);
    const tenantTimes = timesFor(byTenant, tenantId);
    const wait = Math.max(
      waitMs(conversationTimes, conversationLimits, at),
      waitMs(tenantTimes, tenantWindows, at),
    );
    if (wait > 0) return refuse(429, 'Throttled', { 'retry-after': String(Math.ceil(wait / 1000)) });
    conversationTimes.push(at);
    tenantTimes.push(at);
    accepted.push({ conversationId, tenantId, at, activity });
    answer(res, 201, { id: `activity-${accepted.length}` });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    accepted,
    refused,
    get throttled() {
      return refused.filter((r) => r.status === 429).length;
    },
    markGone: (conversationId, how = 'blocked') => void gone.set(conversationId, how),
    failNext: (count, status = 503, retryAfter) => {
      for (let i = 0; i < count; i++)
        failures.push({ status, ...(retryAfter !== undefined ? { retryAfter } : {}) });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * POSTs a message the way a job's `send` would, with a time-out; on a non-2xx answer throws
 * `{ status, headers, body }`, which `classifyHttpError` reads.
 */
export async function postMessage(
  connectorUrl: string,
  conversationId: string,
  tenantId: string,
  text: string,
  timeoutMs = 10_000,
): Promise<void> {
  const activity = {
    type: 'message',
    text,
    conversation: { id: conversationId, tenantId },
    channelData: { tenant: { id: tenantId } },
  };
  const response = await fetch(
    new URL(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, connectorUrl),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(timeoutMs),
    },
  );
  const body = await response.text();
  if (!response.ok) throw { status: response.status, headers: response.headers, body };
}

/** How long a send at `at` must wait so that no window holds `count` accepted sends ((at - perMs, at]). */
function waitMs(times: number[], windows: readonly RateWindow[], at: number): number {
  let wait = 0;
  for (const { count, perMs } of windows) {
    // times is in arrival order; walk back only as far as the window reaches.
    let inWindow = 0;
    for (let i = times.length - 1; i >= 0 && times[i]! > at - perMs; i--) {
      if (++inWindow === count) {
        wait = Math.max(wait, times[i]! + perMs - at);
        break;
      }
    }
  }
  return wait;
}

function tenantOf(activity: Record<string, unknown>): string {
  const conversation = activity.conversation as { tenantId?: string } | undefined;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return conversation?.tenantId ?? channelData?.tenant?.id ?? 'unknown-tenant';
}

function timesFor(map: Map<string, number[]>, key: string): number[] {
  let times = map.get(key);
  if (!times) map.set(key, (times = []));
  return times;
}

function answer(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  // Not chained: restify's dependencies patch node:http so writeHead may return nothing.
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
