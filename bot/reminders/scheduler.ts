import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Casework } from '../../casework/casework.js';
import type { AddressedMessage, OutboxEntry, Store } from '../../casework/ports.js';
import { isNotice, mayDeliverAt, nextDeliveryMoment } from '../../casework/reminders/plan.js';
import type { TabLink } from '../../cards/tab-link.js';
import { localeFrom } from '../../cards/texts.js';
import { Deliverer, type DeliveryJob } from '../delivery/deliverer.js';
import { refreshAudienceFor } from '../refresh-audience.js';
import { noTelemetry, type Telemetry } from '../telemetry/telemetry.js';
import { UnrecordedSends } from './unrecorded-sends.js';
import { cardForEntry } from './reminder-cards.js';
import { reroute } from './reroute.js';
import { sendCard } from './send-card.js';
import { SenderTurns, type SenderTurn } from './sender-turn.js';
import { addressed, NOBODY } from './targets.js';

// One tick a minute in the bot process: plan what is due into the outbox (idempotent keys),
// then claim and deliver what may go out now. All state is in the store, so a restart or a
// second instance neither skips nor repeats a reminder; only a crash between the connector's
// answer and recording "sent" can repeat one, and the outbox counts those (reclaimed).
// A turn that planned notices kicks the scheduler: a delivery pass right after it, not a minute
// later. Passes run one after the other, never overlapping; across instances, one at a time
// delivers (the sender's turn, sender-turn.ts), so Teams' pace holds for them together.

const LEASE_MS = 5 * 60_000;
const BATCH = 200;
/** How soon to try again when another instance had the turn to send. */
const TURN_RETRY_MS = 1_000;

export interface TickReport {
  planned: number;
  sent: number;
  gone: number;
  failed: number;
  deferred: number;
  obsolete: number;
}

/** Claimed entries and the jobs of those that may go now. */
interface Batch {
  entries: OutboxEntry[];
  jobs: DeliveryJob[];
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  /** The passes, one after the other. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A tick or a delivery pass waiting to start: another request joins it. */
  private waitingTick: Promise<TickReport> | undefined;
  private waitingPass: Promise<TickReport> | undefined;
  private stopped = false;
  /** Sent while the store could not record it: recorded first in the next pass. */
  private readonly unrecorded = new UnrecordedSends();
  /** A pass to try when another instance had the turn to send. */
  private turnRetry: NodeJS.Timeout | undefined;
  private readonly turns: SenderTurns;

  constructor(
    private readonly deps: {
      casework: Casework;
      store: Store;
      adapter: CloudAdapter;
      appId: string;
      logger: Logger;
      deliverer?: Deliverer;
      intervalMs?: number;
      /** The case in the personal tab, for the cards' "Openen in AanZet". */
      tabLink?: TabLink;
      /** A span per send, deliveries and 429s counted (bot/telemetry); none by default. */
      telemetry?: Telemetry;
    },
    private readonly deliverer = deps.deliverer ?? new Deliverer(),
    private readonly refreshAudience = refreshAudienceFor(deps.casework, deps.store.conversations),
    private readonly telemetry = deps.telemetry ?? noTelemetry,
  ) {
    this.turns = new SenderTurns(deps.store.outbox, this.deliverer, deps.logger);
  }

  start(): void {
    const run = () =>
      void this.tick().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, 'reminder tick failed'),
      );
    run();
    this.timer = setInterval(run, this.deps.intervalMs ?? 60_000);
    this.timer.unref();
  }

  /** Stops the timer and waits for the passes under way, so shutdown leaves nothing half done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    clearTimeout(this.turnRetry);
    this.turnRetry = undefined;
    await this.queue;
    await this.unrecorded
      .record(this.deps.store.outbox)
      .catch((error: unknown) =>
        this.deps.logger.error(
          { err: error, keys: this.unrecorded.keys },
          'stopping: sent messages not recorded; their leases will send them again',
        ),
      );
  }

  /** One tick; one that has not started yet is joined, one under way is followed, never overlapped. */
  tick(): Promise<TickReport> {
    this.waitingTick ??= this.enqueue(() => {
      this.waitingTick = undefined;
      return this.runTick(true);
    });
    return this.waitingTick;
  }

  /**
   * Delivers what is due now without waiting for the next tick: called after a turn planned
   * notices. Works also when the timer is off (reminders off): notices are not reminders.
   */
  kick(): void {
    if (this.stopped || this.waitingTick || this.waitingPass) return;
    this.waitingPass = this.enqueue(() => {
      this.waitingPass = undefined;
      return this.runTick(false);
    });
    this.waitingPass.catch((error: unknown) =>
      this.deps.logger.error({ err: error }, 'delivery pass failed'),
    );
  }

  private enqueue(run: () => Promise<TickReport>): Promise<TickReport> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runTick(planDue: boolean): Promise<TickReport> {
    const report: TickReport = { planned: 0, sent: 0, gone: 0, failed: 0, deferred: 0, obsolete: 0 };
    await this.unrecorded.record(this.deps.store.outbox);
    if (planDue) report.planned = await this.plan();
    const turn = await this.turns.take();
    if (!turn) {
      // Another instance is sending: its pass claims what is due now too, unless it is just
      // ending. So try again shortly until the turn is ours; that pass takes what it left.
      this.retryWhenTurnIsFree();
      return this.logged(report);
    }
    try {
      await this.deliverDue(report, turn);
    } finally {
      await turn.end();
    }
    return this.logged(report);
  }

  /**
   * Claims and delivers until nothing is due, or until the turn to send is lost. The next batch
   * is claimed and its cards built while this one is sent, so the deliverer does not wait for
   * the store between batches (one instance sends for all: its pace is everyone's).
   */
  private async deliverDue(report: TickReport, turn: SenderTurn): Promise<void> {
    // A reroute plans fallbacks due now: after one since the latest claim began, claim again.
    let goneAtClaim = report.gone;
    const claim = (): Promise<Batch> => {
      goneAtClaim = report.gone;
      const claimed = this.claimBatch(report);
      claimed.catch(() => undefined); // awaited later: kept from an unhandled rejection
      return claimed;
    };
    let next: Promise<Batch> | undefined = claim();
    while (next) {
      const batch = await next;
      next = undefined;
      if (batch.entries.length === 0) break;
      // A full batch may have more behind it.
      if (batch.entries.length === BATCH && turn.held) next = claim();
      await this.sendBatch(batch, report);
      if (!next && turn.held && report.gone !== goneAtClaim) next = claim();
    }
  }

  private async claimBatch(report: TickReport): Promise<Batch> {
    const now = this.deps.casework.now();
    const entries = await this.deps.store.outbox.claim(now.toISOString(), BATCH, LEASE_MS);
    return { entries, jobs: await this.prepare(entries, now, report) };
  }

  private logged(report: TickReport): TickReport {
    if (report.planned + report.sent + report.failed + report.gone > 0)
      this.deps.logger.info({ ...report }, 'reminders');
    return report;
  }

  private retryWhenTurnIsFree(): void {
    if (this.stopped || this.turnRetry) return;
    this.turnRetry = setTimeout(() => {
      this.turnRetry = undefined;
      this.kick();
    }, TURN_RETRY_MS);
    this.turnRetry.unref();
  }

  private async plan(): Promise<number> {
    const { casework, store } = this.deps;
    const messages: AddressedMessage[] = [];
    for (const message of await casework.planDueMessages())
      messages.push(...(await addressed(store, casework.covenant(message.covenantId), message)));
    return messages.length > 0 ? store.outbox.plan(messages) : 0;
  }

  /** The jobs for the entries that may go now; the others are put back, failed or rerouted. */
  private async prepare(entries: OutboxEntry[], now: Date, report: TickReport): Promise<DeliveryJob[]> {
    const { casework, store } = this.deps;
    const jobs: DeliveryJob[] = [];
    for (const entry of entries) {
      const covenant = casework.covenant(entry.covenantId);
      const calendar = casework.calendar(covenant);
      // Notices answer a colleague's action: they go at once; reminders wait for working hours.
      if (!isNotice(entry.kind) && !mayDeliverAt(covenant, calendar, now)) {
        // Nothing at night, at weekends or on holidays: back to planned for the next working morning.
        const notBefore = nextDeliveryMoment(covenant, calendar, now).toISOString();
        await store.outbox.finish(entry.key, { state: 'planned', notBefore, error: 'outside working hours' });
        report.deferred++;
        continue;
      }
      const target =
        entry.conversationId === NOBODY ? undefined : await store.conversations.get(entry.conversationId);
      if (!target) {
        // Planned to nobody, or the chat was forgotten since (uninstalled, refused): reroute.
        await reroute(
          this.deps,
          entry,
          entry.conversationId === NOBODY ? 'NoConversation' : 'ConversationForgotten',
        );
        report.gone++;
        continue;
      }
      const locale = localeFrom((target.reference as { locale?: string } | undefined)?.locale);
      // A channel's card stays current (cards/refresh.ts); a personal chat's has its buttons.
      const refresh = target.kind === 'personal' ? undefined : this.refreshAudience;
      const card = await cardForEntry(casework, entry, locale, this.deps.tabLink, refresh);
      if (!card) {
        await store.outbox.finish(entry.key, { state: 'failed', error: 'obsolete' });
        report.obsolete++;
        continue;
      }
      jobs.push({
        key: entry.key,
        conversationId: target.id,
        tenantId: target.tenantId,
        send: async () => {
          await this.telemetry.delivery(entry.kind, () =>
            sendCard(
              this.deps.adapter,
              this.deps.appId,
              target.reference as Partial<ConversationReference>,
              card,
            ),
          );
          // Recorded the moment the connector said yes: a crash can repeat only this one message.
          const at = casework.now().toISOString();
          await store.outbox.finish(entry.key, { state: 'sent', at }).catch((error: unknown) => {
            this.unrecorded.note(entry.key, at);
            this.deps.logger.warn(
              { reason: (error as Error).message, key: entry.key },
              'sent, but not recorded yet: recorded on the next pass',
            );
          });
        },
      });
    }
    return jobs;
  }

  private async sendBatch({ entries, jobs }: Batch, report: TickReport): Promise<void> {
    const { store } = this.deps;
    if (jobs.length === 0) return;
    const byKey = new Map(entries.map((e) => [e.key, e]));
    for (const result of await this.deliverer.deliver(jobs)) {
      const entry = byKey.get(result.key)!;
      this.telemetry.delivered(result.outcome);
      if (result.outcome === 'sent') {
        report.sent++;
      } else if (result.outcome === 'gone') {
        await reroute(this.deps, entry, result.error?.code ?? String(result.error?.status ?? 'gone'));
        report.gone++;
      } else {
        await store.outbox.finish(entry.key, {
          state: 'failed',
          error:
            `${result.error?.status ?? ''} ${result.error?.code ?? 'failed'} after ${result.attempts} attempts`.trim(),
        });
        report.failed++;
      }
    }
  }
}
