import pino from 'pino';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';

// A bot process for the three-instance pace test: the real app on the PostgreSQL database
// given, with its reminder scheduler running as in production (a tick at start, then every
// minute), the clock fixed at the given moment. Its log (JSON lines on stdout) carries the
// scheduler's 'reminders' reports. It stops, finishing what it is sending, when its stdin closes.

const [dataDir, now, databaseUrl] = process.argv.slice(2) as [string, string, string];
const env = { PORT: '0', AANZET_DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
// Local mode on a database is for tests only: readConfig refuses it unless asked in code.
const app = await startApp(readConfig(env, { localModeWithDatabaseForTests: true }), {
  clock: () => new Date(now),
  logger: pino({ level: 'info' }, pino.destination({ dest: 1, sync: true })),
  reminders: true,
});
console.log('ready');
process.stdin.resume();
process.stdin.once('end', () => {
  void app.stop().then(() => {
    console.log('stopped');
    process.exit(0);
  });
});
