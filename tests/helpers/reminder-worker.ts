import pino from 'pino';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';

// A bot process for the reminder tests: opens the store (lowdb in <dataDir>, or PostgreSQL when
// a database URL is given), runs one reminder tick at the given moment, prints the tick's
// report and exits. The crash test kills it with SIGKILL mid-batch; the two-instance test runs
// two at once on one database.

const [dataDir, now, databaseUrl] = process.argv.slice(2) as [string, string, string | undefined];
const env = {
  PORT: '0',
  AANZET_DATA_DIR: dataDir,
  AANZET_REMINDERS: 'off',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
};
// Local mode on a database is for tests only: readConfig refuses it unless asked in code.
const app = await startApp(readConfig(env, { localModeWithDatabaseForTests: true }), {
  clock: () => new Date(now),
  logger: pino({ level: 'silent' }),
});
console.log('ready');
const report = await app.scheduler.tick();
console.log(`report ${JSON.stringify(report)}`);
await app.stop();
