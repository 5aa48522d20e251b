import pino from 'pino';
import { startApp } from './app.js';
import { readConfig } from './config.js';

// `npm run bot`: the bot alone, on PORT (3978) with the store in AANZET_DATA_DIR (./data).

const logger = pino({ name: 'aanzet' });
try {
  const config = readConfig(process.env);
  const app = await startApp(config, { logger: pino({ name: 'aanzet', level: config.logLevel }) });
  const shutdown = (signal: string) => {
    app.logger.info({ signal }, 'stopping: finishing requests, closing the store');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  logger.fatal((error as Error).message);
  process.exit(1);
}
