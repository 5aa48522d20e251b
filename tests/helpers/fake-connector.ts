import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for the Bot Connector service: it records what the bot sends and can be
// told to answer with a failure (throttling, server errors, a conversation that is gone).

export interface SentActivity {
  conversationId: string;
  /** The activity id replied to, when the bot used the reply route. */
  replyToId?: string;
  activity: Record<string, unknown> & {
    type: string;
    attachments?: { contentType: string; content: unknown }[];
  };
  authorization?: string;
  /** Date.now() when it arrived. */
  receivedAt: number;
}

export interface FakeConnector {
  url: string;
  sent: SentActivity[];
  /** When each refused send arrived, and with what status. */
  refusals: { at: number; status: number }[];
  /** The next N sends get this status (and Retry-After seconds for 429). */
  failNext(count: number, status: number, retryAfterSeconds?: number, code?: string): void;
  /** From now on this conversation answers every send with this status and error code. */
  refuse(conversationId: string, status: number, code: string): void;
  /** This conversation takes sends again (the user unblocked the app). */
  accept(conversationId: string): void;
  waitFor(predicate: (sent: SentActivity[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** `delayMs`: how long each answer takes, to keep a batch in flight for a while. */
export async function startFakeConnector(options: { delayMs?: number } = {}): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const refusals: { at: number; status: number }[] = [];
  const failures: { status: number; retryAfter?: number; code?: string }[] = [];
  const refused = new Map<string, { status: number; retryAfter?: number; code?: string }>();
  let counter = 0;
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404);
      res.end();
      return;
    }
    const failure = refused.get(decodeURIComponent(match[1]!)) ?? failures.shift();
    if (failure) {
      refusals.push({ at: Date.now(), status: failure.status });
      res.writeHead(failure.status, failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {});
      res.end(
        JSON.stringify({
          error: { code: failure.code ?? 'Failure', message: `fake connector ${failure.status}` },
        }),
      );
      return;
    }
    sent.push({
      receivedAt: Date.now(),
      conversationId: decodeURIComponent(match[1]!),
      ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
      activity: JSON.parse(body || '{}') as SentActivity['activity'],
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    // Not chained: restify's dependencies patch node:http so writeHead may return nothing.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `sent-${++counter}` }));
  };
  // node:http does not wait for its handler: a request that fails (broken body, bad JSON) is
  // answered 500 instead of becoming an unhandled rejection.
  const server: Server = createServer((req, res) => {
    void answer(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    sent,
    refusals,
    failNext: (count, status, retryAfter, code) => {
      for (let i = 0; i < count; i++)
        failures.push({
          status,
          ...(retryAfter !== undefined ? { retryAfter } : {}),
          ...(code ? { code } : {}),
        });
    },
    refuse: (conversationId, status, code) => void refused.set(conversationId, { status, code }),
    accept: (conversationId) => void refused.delete(conversationId),
    async waitFor(predicate, timeoutMs = 5000) {
      const started = Date.now();
      while (!predicate(sent)) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`fake connector: waited ${timeoutMs} ms in vain`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
