import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
} from 'botbuilder';
import pino from 'pino';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import restify from 'restify';
import { startApp } from '../bot/app.js';
import { readConfig } from '../bot/config.js';

// One bot under load, in its own process: `aanzet <dataDir>` (the real app on lowdb, or on the
// PostgreSQL of DATABASE_URL when that is set) or `echo` (a bare botbuilder bot on the same
// restify + CloudAdapter stack). Prints "listening <url>".

const [mode, dataDir] = process.argv.slice(2);
const profileFile = process.env.AANZET_BENCH_CPU_PROF_FILE;

// With AANZET_BENCH_CPU_PROF_FILE: SIGUSR2 (sent after the warm-up) starts V8's CPU profiler, so
// the profile holds the measured turns only, not the start-up; it is written before the exit.
let profiler: Session | undefined;
if (profileFile)
  process.on('SIGUSR2', () => {
    if (profiler) return; // already profiling (a second kind of turn): one profile per process
    profiler = new Session();
    profiler.connect();
    // Every 200 µs rather than V8's 1 ms: a turn takes 2–3 ms, and the items compared are small.
    void profiler
      .post('Profiler.enable')
      .then(() => profiler!.post('Profiler.setSamplingInterval', { interval: 200 }))
      .then(() => profiler!.post('Profiler.start'));
  });
async function exitWithProfile(): Promise<never> {
  if (profiler && profileFile) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
  }
  process.exit(0);
}
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
  process.once('SIGTERM', () => void app.stop().then(exitWithProfile));
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
  process.once('SIGTERM', () => server.close(() => void exitWithProfile()));
  server.listen(0, '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}`));
}
