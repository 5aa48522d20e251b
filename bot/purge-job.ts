import type { Logger } from 'pino';
import type { Casework } from '../casework/casework.js';

// The retention promise (README, /privacy): personal data of closed cases is removed when the
// covenant's retention period ends. A legal duty, so this job runs whatever AANZET_REMINDERS
// says: at start-up and then once a day. Which cases are due follows the injected clock; a
// second instance doing the same at the same moment is harmless (versions decide, the loser
// skips the case).

const DAY_MS = 24 * 60 * 60_000;

export class PurgeJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<string[]> | undefined;

  constructor(private readonly deps: { casework: Casework; logger: Logger; intervalMs?: number }) {}

  start(): void {
    const run = () =>
      void this.run().catch((error: unknown) => this.deps.logger.error({ err: error }, 'purge failed'));
    run();
    this.timer = setInterval(run, this.deps.intervalMs ?? DAY_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One run; a run still going is joined, never overlapped. Returns the purged case ids. */
  run(): Promise<string[]> {
    this.running ??= this.deps.casework
      .purgeExpired()
      .then((purged) => {
        if (purged.length > 0) this.deps.logger.info({ cases: purged }, 'personal data purged (retention)');
        return purged;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
