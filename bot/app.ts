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
import { seedDemoHistory } from './demo-history/seed.js';
import { loadDemoMembers } from './demo-members.js';
import { OutboxNotifier } from './notifier.js';
import { PurgeJob } from './purge-job.js';
import { ReminderScheduler } from './reminders/scheduler.js';
import { startServer, type RunningServer } from './server.js';
import { StoreStorage } from './store-storage.js';
import { forgettingStore, turnMemos } from './turn-memos.js';
import { logMemberWord } from './member-word-log.js';
import { tabLinkFor } from './tab-link.js';
import { caseOfLinkFor } from './case-link.js';
import { addTabApi } from './tab-api/routes.js';
import { addTabStatic, defaultTabDistDir } from './tab-static.js';
import { tabSignIn } from './tab-api/sign-in.js';
import { startTelemetry } from './telemetry/start-telemetry.js';
import { noTelemetry } from './telemetry/telemetry.js';

export interface App {
  server: RunningServer;
  store: Store;
  casework: Casework;
  logger: Logger;
  scheduler: ReminderScheduler;
  /** Purges personal data whose retention ended: at start-up and daily, also with reminders off. */
  purge: PurgeJob;
  stop(): Promise<void>;
}

/** An expired covenant still runs (its cases go on), but the operator and coordinator should know. */
function logCovenantStandings(casework: Casework, logger: Logger): void {
  for (const standing of casework.covenantStandings()) {
    if (standing.expiredOn)
      logger.warn(
        { covenant: standing.covenantId, until: standing.expiredOn },
        'covenant has expired: the coordinator should agree a renewal or a new covenant',
      );
    for (const date of standing.evaluationsDue)
      logger.info({ covenant: standing.covenantId, date }, 'covenant evaluation due soon');
  }
}

/** Wires the bot together: covenants, store, casework, adapter, bot, HTTP server. */
export async function startApp(
  config: BotConfig,
  options: {
    clock?: () => Date;
    logger?: Logger;
    reminders?: boolean;
    reminderIntervalMs?: number;
    /** How often dialog state past its expiry is deleted (default hourly). */
    sweepIntervalMs?: number;
    /** An open store to use instead of the one the configuration names (tests inject faults). */
    store?: Store;
    /** Tests only: where the token check finds its signing keys (default: Microsoft's). */
    openIdMetadataUrl?: string;
    /** How often personal data past its retention is purged (default daily). */
    purgeIntervalMs?: number;
    /** Where the personal tab's built files are (default tab/dist in the project folder). */
    tabDistDir?: string;
  } = {},
): Promise<App> {
  const logger = options.logger ?? pino({ level: config.logLevel, name: 'aanzet' });
  const covenants = loadCovenants(config.covenantDir ?? DEFAULT_COVENANT_DIR);
  // Reads a busy chat would repeat every turn are kept a short while; this store's writes forget them.
  const memos = turnMemos(() => (options.clock ?? (() => new Date()))().getTime());
  const opened =
    options.store ??
    (await openStore(
      {
        AANZET_DATA_DIR: config.dataDir,
        ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
      },
      logger,
    ));
  const store = forgettingStore(opened, memos);
  if (opened.memberChanges) logMemberWord(opened.memberChanges, logger);
  let telemetry = noTelemetry;
  try {
    // Demo people are members without any check: on a laptop only (readConfig refuses them otherwise).
    if (config.demoMembersFile && config.localMode) {
      const count = await loadDemoMembers(resolve(config.demoMembersFile), covenants, store.members);
      logger.warn({ file: config.demoMembersFile, count }, 'demo members loaded: for a local demo only');
    }
    if (config.demoHistory) {
      const report = await seedDemoHistory({
        covenants,
        store,
        today: (options.clock ?? (() => new Date()))(),
      });
      logger.info(
        { ...report },
        report.seeded
          ? 'demo history seeded: a year of anonymous Lekstroom cases'
          : 'demo history not seeded',
      );
    }
    telemetry = await startTelemetry(config.telemetry, { outboxDepth: () => store.outbox.depth() }, logger);
    const casework = new Casework({ covenants, ...store, clock: options.clock ?? (() => new Date()) });
    logCovenantStandings(casework, logger);
    const adapter = createAdapter(config, logger, {
      ...(options.openIdMetadataUrl ? { openIdMetadataUrl: options.openIdMetadataUrl } : {}),
    });
    // Notices are delivered by the scheduler's passes, woken right after the turn that planned them.
    const notifier = new OutboxNotifier(casework, store, () => scheduler.kick());
    const clock = options.clock ?? (() => new Date());
    const state = new PrivateConversationState(new StoreStorage(store.keyValues, clock));
    const rules = {
      localMode: config.localMode,
      allowedTenants: config.allowedTenants.map((t) => t.toLowerCase()),
    };
    // The port is read when a link is made: with PORT=0 it is only known once the server listens.
    const tabLink = tabLinkFor({
      appId: config.appId,
      localMode: config.localMode,
      localPort: () => Number(new URL(server.url).port),
    });
    const bot = new AanZetBot({
      casework,
      tabLink,
      // A link pasted in the compose box that leads to a case (link unfurling).
      caseOfLink: caseOfLinkFor({
        domain: config.tabSignIn.domain,
        appId: config.appId,
        localMode: config.localMode,
      }),
      store,
      state,
      notifier,
      logger,
      admission: rules,
      localMode: config.localMode,
      telemetry,
      memos,
    });
    // Without authentication, only this machine may talk to the bot.
    const host = config.localMode ? '127.0.0.1' : '0.0.0.0';
    const server = await startServer({
      adapter,
      bot,
      logger,
      port: config.port,
      host,
      rules,
      ready: () => store.check(),
      addRoutes: (restifyServer) => {
        addTabStatic(restifyServer, {
          distDir: options.tabDistDir ?? defaultTabDistDir(),
          logger,
        });
        addTabApi(restifyServer, {
          casework,
          members: store.members,
          notifier,
          logger,
          signIn: config.localMode
            ? undefined
            : tabSignIn({
                appId: config.appId,
                domain: config.tabSignIn.domain,
                jwksUrl: config.tabSignIn.jwksUrl,
                issuerTemplates: config.tabSignIn.issuerTemplates,
                allowedTenants: rules.allowedTenants,
              }),
        });
      },
    });
    const scheduler = new ReminderScheduler({
      casework,
      store,
      adapter,
      appId: config.appId,
      logger,
      tabLink,
      telemetry,
      ...(options.reminderIntervalMs ? { intervalMs: options.reminderIntervalMs } : {}),
    });
    if (options.reminders ?? config.reminders) scheduler.start();
    const sweeper = startDialogStateSweeper(store, clock, logger, options.sweepIntervalMs);
    const purge = new PurgeJob({
      casework,
      logger,
      ...(options.purgeIntervalMs ? { intervalMs: options.purgeIntervalMs } : {}),
    });
    purge.start();
    if (!config.localMode && !config.tabSignIn.domain)
      logger.warn(
        'AANZET_DOMAIN is not set: the personal tab signs in only with tokens for the bare app id, not api://<domain>/<app id>',
      );
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
      purge,
      stop: () =>
        (stopping ??= (async () => {
          await purge.stop();
          await sweeper.stop();
          await scheduler.stop();
          await server.close();
          // Before the store closes: the last collection reads the outbox depth.
          await telemetry.shutdown();
          await store.close();
        })()),
    };
  } catch (error) {
    await telemetry.shutdown();
    await store.close();
    throw error;
  }
}

/** Deletes dialog state past its expiry now and then, also of users who never come back. */
function startDialogStateSweeper(
  store: Store,
  clock: () => Date,
  logger: Logger,
  intervalMs = 60 * 60 * 1000,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const sweep = () =>
    (running = store.keyValues.sweepExpired(clock()).then(
      (removed) => {
        if (removed > 0) logger.info({ removed }, 'expired dialog state deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'could not delete expired dialog state'),
    ));
  void sweep();
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
