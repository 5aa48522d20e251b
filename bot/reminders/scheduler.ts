import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Casework } from '../../casework/casework.js';
import type { AddressedMessage, OutboxEntry, Store } from '../../casework/ports.js';
import { mayDeliverAt, nextDeliveryMoment } from '../../casework/reminder-plan.js';
import { Deliverer, type DeliveryJob } from '../delivery/deliverer.js';
import { cardForEntry } from './reminder-cards.js';
import { fallbackTargets, targetsFor } from './targets.js';

// One tick a minute in the bot process: plan what is due into the outbox (idempotent keys),
// then claim and deliver what may go out now. All state is in the store, so a restart or a
// second instance neither skips nor repeats a reminder; only a crash between the connector's
// answer and recording "sent" can repeat one, and the outbox counts those (reclaimed).

const LEASE_MS = 5 * 60_000;
const BATCH = 200;
const SEND_TIMEOUT_MS = 30_000;

export interface TickReport {
  planned: number;
  sent: number;
  gone: number;
  failed: number;
  deferred: number;
  obsolete: number;
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickReport> | undefined;

  constructor(
    private readonly deps: {
      casework: Casework;
      store: Store;
      adapter: CloudAdapter;
      appId: string;
      logger: Logger;
      deliverer?: Deliverer;
      intervalMs?: number;
    },
    private readonly deliverer = deps.deliverer ?? new Deliverer(),
  ) {}

  start(): void {
    const run = () =>
      void this.tick().catch((error: unknown) =>
        this.deps.logger.error({ err: error }, 'reminder tick failed'),
      );
    run();
    this.timer = setInterval(run, this.deps.intervalMs ?? 60_000);
    this.timer.unref();
  }

  /** Stops the timer and waits for a tick under way, so shutdown leaves nothing half done. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One tick; a tick still running is joined, never overlapped. */
  tick(): Promise<TickReport> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runTick(): Promise<TickReport> {
    const report: TickReport = { planned: 0, sent: 0, gone: 0, failed: 0, deferred: 0, obsolete: 0 };
    report.planned = await this.plan();
    for (;;) {
      const now = this.deps.casework.ctx.now();
      const entries = await this.deps.store.outbox.claim(now.toISOString(), BATCH, LEASE_MS);
      if (entries.length === 0) break;
      await this.deliver(entries, now, report);
      if (entries.length < BATCH) break;
    }
    if (report.planned + report.sent + report.failed + report.gone > 0)
      this.deps.logger.info({ ...report }, 'reminders');
    return report;
  }

  private async plan(): Promise<number> {
    const { casework, store } = this.deps;
    const addressed: AddressedMessage[] = [];
    for (const message of await casework.planDueMessages()) {
      const covenant = casework.ctx.covenant(message.covenantId);
      for (const target of await targetsFor(store, covenant, message))
        addressed.push({ ...message, key: `${message.key}|${target.id}`, conversationId: target.id });
    }
    return addressed.length > 0 ? store.outbox.plan(addressed) : 0;
  }

  private async deliver(entries: OutboxEntry[], now: Date, report: TickReport): Promise<void> {
    const { casework, store } = this.deps;
    const jobs: DeliveryJob[] = [];
    for (const entry of entries) {
      const covenant = casework.ctx.covenant(entry.covenantId);
      const calendar = casework.ctx.calendar(covenant);
      if (!mayDeliverAt(covenant, calendar, now)) {
        // Nothing at night, at weekends or on holidays: back to planned for the next working morning.
        const notBefore = nextDeliveryMoment(covenant, calendar, now).toISOString();
        await store.outbox.finish(entry.key, { state: 'planned', notBefore, error: 'outside working hours' });
        report.deferred++;
        continue;
      }
      const target = await store.conversations.get(entry.conversationId);
      const card = target ? await cardForEntry(casework, entry, 'nl') : undefined;
      if (!target || !card) {
        await store.outbox.finish(entry.key, {
          state: 'failed',
          error: target ? 'obsolete' : 'gone: no conversation',
        });
        report.obsolete++;
        continue;
      }
      jobs.push({
        key: entry.key,
        conversationId: target.id,
        tenantId: target.tenantId,
        send: async () => {
          await this.send(target.reference as Partial<ConversationReference>, card);
          // Recorded the moment the connector said yes: a crash can repeat only this one message.
          await store.outbox
            .finish(entry.key, { state: 'sent', at: casework.ctx.now().toISOString() })
            .catch((error: unknown) =>
              this.deps.logger.error({ err: error, key: entry.key }, 'sent, but not recorded'),
            );
        },
      });
    }
    if (jobs.length === 0) return;
    const byKey = new Map(entries.map((e) => [e.key, e]));
    for (const result of await this.deliverer.deliver(jobs)) {
      const entry = byKey.get(result.key)!;
      if (result.outcome === 'sent') {
        report.sent++;
      } else if (result.outcome === 'gone') {
        await this.reroute(entry, result.error?.code ?? String(result.error?.status ?? 'gone'));
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

  /** The target refuses the bot for good: forget it, and plan the message for the fallback. */
  private async reroute(entry: OutboxEntry, reason: string): Promise<void> {
    const { casework, store, logger } = this.deps;
    await store.conversations.remove({ id: entry.conversationId });
    const covenant = casework.ctx.covenant(entry.covenantId);
    const fallbacks = await fallbackTargets(store, covenant, entry, entry.conversationId);
    await store.outbox.plan(
      fallbacks.map((t) => ({
        key: `${entry.key}|reroute|${t.id}`,
        kind: entry.kind,
        covenantId: entry.covenantId,
        caseId: entry.caseId,
        stepId: entry.stepId,
        partnerId: entry.partnerId,
        forDate: entry.forDate,
        notBefore: entry.notBefore,
        conversationId: t.id,
      })),
    );
    await store.outbox.finish(entry.key, {
      state: 'failed',
      error: `gone (${reason}), rerouted to ${fallbacks.length}`,
    });
    logger.warn(
      { conversation: entry.conversationId, reason, fallbacks: fallbacks.length },
      'reminder target gone',
    );
  }

  private async send(reference: Partial<ConversationReference>, card: object): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('send timed out'), { code: 'ETIMEDOUT' })),
        SEND_TIMEOUT_MS,
      );
    });
    // The adapter hands errors inside the turn to onTurnError, which logs and swallows them:
    // the send's own error is kept here so the deliverer can tell throttled from gone.
    let failure: unknown;
    try {
      await Promise.race([
        this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
          try {
            await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
          } catch (error) {
            failure = error;
          }
        }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
    if (failure !== undefined) throw failure;
  }
}
