import pino from 'pino';
import { startApp } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';

// A bot process for the crash test: opens the store in <dataDir>, runs one reminder tick at the
// given moment, prints the tick's report and exits. The test kills it with SIGKILL mid-batch.

const [dataDir, now] = process.argv.slice(2) as [string, string];
const app = await startApp(readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off' }), {
  clock: () => new Date(now),
  logger: pino({ level: 'silent' }),
});
console.log('ready');
const report = await app.scheduler.tick();
console.log(`report ${JSON.stringify(report)}`);
await app.stop();
