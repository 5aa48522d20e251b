import { resolve } from 'node:path';
import { PrivateConversationState } from 'botbuilder';
import pino, { type Logger } from 'pino';
import { Casework } from '../casework/casework.js';
import type { Store } from '../casework/ports.js';
import { DEFAULT_COVENANT_DIR, loadCovenants } from '../storage/covenant-files.js';
import { openStore } from '../storage/open-store.js';
import { AanZetBot } from './aanzet-bot.js';
import { createAdapter } from './adapter.js';
import type { BotConfig } from './config.js';
import { loadDemoMembers } from './demo-members.js';
import { OutboxNotifier } from './notifier.js';
import { ReminderScheduler } from './reminders/scheduler.js';
import { startServer, type RunningServer } from './server.js';
import { StoreStorage } from './store-storage.js';

export interface App {
  server: RunningServer;
  store: Store;
  casework: Casework;
  logger: Logger;
  scheduler: ReminderScheduler;
  stop(): Promise<void>;
}

/** Wires the bot together: covenants, store, casework, adapter, bot, HTTP server. */
export async function startApp(
  config: BotConfig,
  options: { clock?: () => Date; logger?: Logger; reminders?: boolean; reminderIntervalMs?: number } = {},
): Promise<App> {
  const logger = options.logger ?? pino({ level: config.logLevel, name: 'aanzet' });
  const covenants = loadCovenants(config.covenantDir ?? DEFAULT_COVENANT_DIR);
  const store = await openStore(
    { AANZET_DATA_DIR: config.dataDir, ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}) },
    logger,
  );
  try {
    if (config.demoMembersFile) {
      const count = await loadDemoMembers(resolve(config.demoMembersFile), covenants, store.members);
      logger.warn({ file: config.demoMembersFile, count }, 'demo members loaded: for a local demo only');
    }
    const casework = new Casework({ covenants, ...store, clock: options.clock ?? (() => new Date()) });
    const adapter = createAdapter(config, logger);
    // Notices are delivered by the scheduler's passes, woken right after the turn that planned them.
    const notifier = new OutboxNotifier(casework, store, () => scheduler.kick());
    const state = new PrivateConversationState(new StoreStorage(store.keyValues));
    const bot = new AanZetBot({
      casework,
      store,
      state,
      notifier,
      logger,
      allowedTenants: config.allowedTenants,
    });
    // Without authentication, only this machine may talk to the bot.
    const host = config.localMode ? '127.0.0.1' : '0.0.0.0';
    const server = await startServer({ adapter, bot, logger, port: config.port, host });
    const scheduler = new ReminderScheduler({
      casework,
      store,
      adapter,
      appId: config.appId,
      logger,
      ...(options.reminderIntervalMs ? { intervalMs: options.reminderIntervalMs } : {}),
    });
    if (options.reminders ?? config.reminders) scheduler.start();
    if (config.localMode)
      logger.warn(
        '*** LOCAL MODE: no MicrosoftAppId, so requests are NOT authenticated. Use this only on your own machine. ***',
      );
    logger.info(
      {
        url: server.url,
        covenants: covenants.map((c) => c.id),
        dataDir: config.dataDir,
        tenants: config.allowedTenants,
      },
      'AanZet is listening',
    );
    let stopping: Promise<void> | undefined;
    return {
      server,
      store,
      casework,
      logger,
      scheduler,
      stop: () =>
        (stopping ??= (async () => {
          await scheduler.stop();
          await server.close();
          await store.close();
        })()),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
