import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
} from 'botbuilder';
import pino from 'pino';
import restify from 'restify';
import { startApp } from '../bot/app.js';
import { readConfig } from '../bot/config.js';

// One bot under load, in its own process: `aanzet <dataDir>` (the real app on lowdb, or on the
// PostgreSQL of DATABASE_URL when that is set) or `echo` (a bare botbuilder bot on the same
// restify + CloudAdapter stack). Prints "listening <url>".

const [mode, dataDir] = process.argv.slice(2);
if (mode === 'aanzet') {
  const databaseUrl = process.env.DATABASE_URL;
  const config = readConfig(
    {
      PORT: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { AANZET_DATA_DIR: dataDir }),
      LOG_LEVEL: 'error',
      AANZET_REMINDERS: 'off',
    },
    { localModeWithDatabaseForTests: true },
  );
  const app = await startApp(config, { logger: pino({ level: 'error' }) });
  console.log(`listening ${app.server.url}`);
} else {
  const adapter = new CloudAdapter(
    createBotFrameworkAuthenticationFromConfiguration(
      null,
      new ConfigurationServiceClientCredentialFactory({}),
    ),
  );
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => adapter.process(req, res, (context) => bot.run(context)));
  server.listen(0, '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}`));
}
