import { STATUS_CODES } from 'node:http';
import restify from 'restify';
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { AanZetBot } from './aanzet-bot.js';
import { hasActivityShape, shapeFaults } from './activity-shape.js';
import { TokenRefused, type AanZetAdapter } from './adapter.js';
import {
  admitActivity,
  isJsonContentType,
  isLocalHostHeader,
  isLocalUrl,
  type AdmissionRules,
} from './admission.js';

export interface RunningServer {
  server: restify.Server;
  url: string;
  close(): Promise<void>;
}

/** How long /readyz waits for the store before it calls the store unavailable. */
const READY_TIMEOUT_MS = 3_000;
const MAX_BODY_BYTES = 1_000_000;

/**
 * The HTTP face: Teams posts activities to /api/messages; load balancers probe /healthz (the
 * process answers) and /readyz (the store answers too).
 *
 * Refusals, each with one warn log line and without running the bot: 403 outside the Teams
 * channel, for a tenant not served or whose two tenant ids disagree, and in local mode for a
 * request or serviceUrl not from this machine; 415 for a body that is not application/json
 * (refused before the body is read, so no upload reaches the disk); 413 for a body over 1 MB;
 * 401 for a missing, malformed or forged token.
 */
export async function startServer(options: {
  adapter: AanZetAdapter;
  bot: AanZetBot;
  logger: Logger;
  port: number;
  host?: string;
  rules: AdmissionRules;
  /** Resolves when the store can serve; rejects with the reason otherwise. */
  ready: () => Promise<void>;
  /** More routes on the same server (the personal tab's API), behind the same local-mode guard. */
  addRoutes?: (server: restify.Server) => void;
}): Promise<RunningServer> {
  const { adapter, bot, logger, rules } = options;
  const server = restify.createServer({ name: 'AanZet' });
  const refuse = (res: restify.Response, status: number, reason: string, detail: object = {}) => {
    logger.warn({ status, reason, ...detail }, 'request refused');
    res.send(status, { code: STATUS_CODES[status] ?? 'Refused', message: reason });
  };
  if (rules.localMode)
    // No tokens are checked in local mode, so a web page must not reach the bot through the
    // user's browser: not by a DNS name that points here (rebinding), not from another origin.
    server.use((req, res, next) => {
      const { host, origin } = req.headers;
      if (!isLocalHostHeader(host)) {
        refuse(res, 403, 'local mode: Host is not this machine', { host: host ?? null });
        return next(false);
      }
      if (origin !== undefined && !isLocalUrl(origin)) {
        refuse(res, 403, 'local mode: Origin is not this machine', { origin });
        return next(false);
      }
      return next();
    });
  server.get('/', (_req, res, next) => {
    res.send(200, { name: 'AanZet', messages: '/api/messages', health: '/healthz', ready: '/readyz' });
    return next();
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  server.get('/readyz', async (_req, res) => {
    try {
      await withTimeout(options.ready(), READY_TIMEOUT_MS);
      res.send(200, { status: 'ready' });
    } catch (error) {
      logger.warn({ reason: (error as Error).message }, 'not ready: the store does not answer');
      res.send(503, { status: 'unavailable', reason: (error as Error).message });
    }
  });
  for (const page of ['privacy', 'terms'] as const) {
    server.get(`/${page}`, (_req, res, next) => {
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.sendRaw(200, page === 'privacy' ? PRIVACY : TERMS);
      return next();
    });
  }
  // The Agents Playground probes the endpoint with HEAD before it starts.
  server.head('/api/messages', (_req, res, next) => {
    res.send(200);
    return next();
  });
  server.post(
    '/api/messages',
    (req, res, next) => {
      // Before the body is read: only JSON is parsed, nothing is ever written to disk.
      const type = req.headers['content-type'];
      if (!isJsonContentType(type)) {
        refuse(res, 415, 'only application/json is accepted', { contentType: type ?? null });
        return next(false);
      }
      return next();
    },
    ...(restify.plugins.jsonBodyParser({
      mapParams: false,
      // Passed on to restify's body reader, which the typings leave out.
      maxBodySize: MAX_BODY_BYTES,
    } as restify.plugins.JsonBodyParserOptions) as unknown as restify.RequestHandler[]),
    async (req, res) => {
      const activity: unknown = req.body;
      if (!hasActivityShape(activity)) {
        const fields = shapeFaults(activity);
        logger.warn({ fields }, 'request refused: not a Bot Framework activity');
        res.send(400, { code: 'BadRequest', message: `not a Bot Framework activity: ${fields.join(', ')}` });
        return;
      }
      const verdict = admitActivity(activity, rules);
      if (!verdict.admitted) {
        refuse(res, 403, verdict.reason, {
          channelId: activity.channelId,
          tenantId: activity.conversation.tenantId ?? null,
          type: activity.type,
        });
        return;
      }
      const authorization = req.headers.authorization ?? '';
      try {
        const invokeResponse = await adapter.processIncoming(
          authorization,
          withDates(req.body as Activity),
          (context) => bot.run(context),
        );
        res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
      } catch (error) {
        if (error instanceof TokenRefused) {
          refuse(res, 401, 'not authenticated', { why: error.reason, type: activity.type });
          return;
        }
        logger.error({ err: error }, 'could not process an activity');
        if (!res.headersSent) res.send(500);
      }
    },
  );
  options.addRoutes?.(server);
  server.on('restifyError', (req, _res, error, callback) => {
    logger.warn({ url: req.url, status: error.statusCode, message: error.message }, 'request refused');
    return callback();
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${address.port}`;
  return {
    server,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** As botbuilder's own CloudAdapter.process does before a turn: timestamps as dates. */
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field]);
    }
  }
  return activity;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const PRIVACY =
  'AanZet verwerkt namens de partners van het convenant alleen de gegevens die het stappenplan nodig heeft. ' +
  'Persoonsgegevens zijn zichtbaar voor de partners met een stap in de casus, elke inzage wordt gelogd, ' +
  'en ze worden verwijderd als de bewaartermijn van het convenant na afsluiten verstrijkt.\n';
const TERMS = 'AanZet wordt gebruikt volgens de afspraken van het convenant van uw organisatie.\n';
