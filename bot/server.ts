import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AanZetBot } from './aanzet-bot.js';

export interface RunningServer {
  server: restify.Server;
  url: string;
  close(): Promise<void>;
}

/** The HTTP face: Teams posts activities to /api/messages; load balancers probe /healthz. */
export async function startServer(options: {
  adapter: CloudAdapter;
  bot: AanZetBot;
  logger: Logger;
  port: number;
  host?: string;
}): Promise<RunningServer> {
  const { adapter, bot, logger } = options;
  const server = restify.createServer({ name: 'AanZet' });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1_000_000 }));
  server.get('/', (_req, res, next) => {
    res.send(200, { name: 'AanZet', messages: '/api/messages', health: '/healthz' });
    return next();
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
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
  server.post('/api/messages', async (req, res) => {
    const shape = activityShape.safeParse(req.body);
    if (!shape.success) {
      const fields = [...new Set(shape.error.issues.map((i) => i.path.join('.') || 'body'))];
      logger.warn({ fields }, 'request refused: not a Bot Framework activity');
      res.send(400, { code: 'BadRequest', message: `not a Bot Framework activity: ${fields.join(', ')}` });
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      logger.error({ err: error }, 'could not process an activity');
      if (!res.headersSent) res.send(500);
    }
  });
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

/**
 * What every activity from a channel carries and the bot relies on; anything less is refused with
 * a 400 before botbuilder or the bot touch it (botbuilder itself only checks for an object).
 */
const activityShape = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string().min(1) }),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

const PRIVACY =
  'AanZet verwerkt namens de partners van het convenant alleen de gegevens die het stappenplan nodig heeft. ' +
  'Persoonsgegevens zijn zichtbaar voor de partners met een stap in de casus, elke inzage wordt gelogd, ' +
  'en ze worden verwijderd als de bewaartermijn van het convenant na afsluiten verstrijkt.\n';
const TERMS = 'AanZet wordt gebruikt volgens de afspraken van het convenant van uw organisatie.\n';
