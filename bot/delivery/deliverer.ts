import type { SendPace } from '../../casework/ports.js';
import { realClock, type Clock } from './clock.js';
import { MinHeap } from './min-heap.js';
import {
  SlidingWindowLimiter,
  TEAMS_CONVERSATION_LIMITS,
  tenantLimits,
  type RateWindow,
} from './rate-limits.js';
import { classifyHttpError, isGone, isTransient, type SendFailure } from './send-failure.js';

export { classifyHttpError, type SendFailure } from './send-failure.js';

export interface DeliveryJob {
  /** Identifies the message in the results (an outbox id). */
  key: string;
  conversationId: string;
  /** A conversation's first job decides its tenant. */
  tenantId: string;
  /**
   * Posts the message; throws on failure (anything `classifyHttpError` reads). Must settle: give
   * it a time-out. One call should be one request: retries inside it (botbuilder's ConnectorClient
   * retries 429/5xx itself) are requests the limiter cannot see.
   */
  send(): Promise<void>;
}

export interface DeliveryResult {
  key: string;
  /** 'gone': the conversation refuses the bot for good; the caller reroutes the message. */
  outcome: 'sent' | 'gone' | 'failed';
  /** Sends made for this job (0 when its conversation was already gone). */
  attempts: number;
  error?: SendFailure;
}

export interface DeliveryStats {
  sent: number;
  /** 429 answers. */
  throttled: number;
  /** Retries after 412/502/503/504/time-outs. */
  retried: number;
  gone: number;
  failed: number;
}

export interface DelivererOptions {
  clock?: Clock;
  conversationLimits?: readonly RateWindow[];
  tenantLimits?: readonly RateWindow[];
  /** Sends per job that may end in a transient failure before it is 'failed' (429s not counted). */
  maxAttempts?: number;
  /** 429s per job before it is 'failed' anyway, so a service that always throttles cannot hang a batch. */
  maxThrottled?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** In [0, 1); injected so tests can fix the jitter. */
  random?: () => number;
}

interface Conversation {
  id: string;
  tenantId: string;
  /** Indexes of its jobs still to do, in order; the head is being sent or waits. */
  queue: number[];
  /** Not before this time (Retry-After, back-off). */
  notBefore: number;
}

/**
 * Sends a batch as fast as the Teams limits allow and never faster. Every conversation sends
 * in order, one at a time; conversations run in parallel. Idle conversations wait in a heap per
 * tenant keyed by the time their windows open, so one waiting for its window never blocks the
 * others, and the tenant's window caps them all. The limiters live on the instance, so
 * consecutive (or concurrent) batches share the windows.
 */
export class Deliverer {
  readonly stats: DeliveryStats = { sent: 0, throttled: 0, retried: 0, gone: 0, failed: 0 };
  private readonly clock: Clock;
  private readonly conversationLimiter: SlidingWindowLimiter;
  private readonly tenantLimiter: SlidingWindowLimiter;
  private readonly maxAttempts: number;
  private readonly maxThrottled: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly random: () => number;
  /** Loops of running batches waiting for any send to settle. */
  private readonly waiters = new Set<() => void>();

  constructor(options: DelivererOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.conversationLimiter = new SlidingWindowLimiter(
      options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS,
    );
    this.tenantLimiter = new SlidingWindowLimiter(options.tenantLimits ?? tenantLimits());
    this.maxAttempts = options.maxAttempts ?? 5;
    this.maxThrottled = options.maxThrottled ?? 10;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.backoffCapMs = options.backoffCapMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  async deliver(jobs: readonly DeliveryJob[]): Promise<DeliveryResult[]> {
    const results: DeliveryResult[] = new Array<DeliveryResult>(jobs.length);
    const sends = jobs.map(() => 0);
    const failures = jobs.map(() => 0);
    const throttles = jobs.map(() => 0);
    const start = this.clock.now();
    this.conversationLimiter.prune(start);
    this.tenantLimiter.prune(start);

    const conversations = new Map<string, Conversation>();
    jobs.forEach((job, index) => {
      let c = conversations.get(job.conversationId);
      if (!c) {
        c = { id: job.conversationId, tenantId: job.tenantId, queue: [], notBefore: -Infinity };
        conversations.set(c.id, c);
      }
      c.queue.push(index);
    });
    const ready = new Map<string, MinHeap<Conversation>>();
    const makeReady = (c: Conversation, now: number): void => {
      if (c.queue.length === 0) return;
      let heap = ready.get(c.tenantId);
      if (!heap) ready.set(c.tenantId, (heap = new MinHeap()));
      heap.push(c, this.readyAt(c, now));
    };
    for (const c of conversations.values()) makeReady(c, start);

    const finish = (index: number, outcome: DeliveryResult['outcome'], error?: SendFailure): void => {
      results[index] = {
        key: jobs[index]!.key,
        outcome,
        attempts: sends[index]!,
        ...(error ? { error } : {}),
      };
      this.stats[outcome]++;
    };

    /** What to do with the head of `c` after a send settled at `at`. */
    const settle = (c: Conversation, index: number, failure: SendFailure | undefined, at: number): void => {
      if (!failure) return finish(c.queue.shift()!, 'sent');
      if (isGone(failure)) {
        // Never again in this batch: the rest of the conversation is gone without a send.
        for (const i of c.queue.splice(0)) finish(i, 'gone', failure);
        return;
      }
      if (failure.status === 429) {
        this.stats.throttled++;
        if (++throttles[index]! <= this.maxThrottled) {
          c.notBefore = at + (failure.retryAfterMs ?? this.backoff(throttles[index]!));
          return;
        }
      } else if (isTransient(failure) && ++failures[index]! < this.maxAttempts) {
        this.stats.retried++;
        c.notBefore = at + this.backoff(failures[index]!);
        return;
      }
      finish(c.queue.shift()!, 'failed', failure);
    };

    let inFlight = 0;
    const dispatch = (c: Conversation): void => {
      const index = c.queue[0]!;
      sends[index]!++;
      inFlight++;
      this.conversationLimiter.begin(c.id);
      this.tenantLimiter.begin(c.tenantId);
      void Promise.resolve()
        .then(() => jobs[index]!.send())
        .then(
          () => undefined,
          (error: unknown) => classifyHttpError(error, this.clock.now()),
        )
        .then((failure) => {
          // Recorded at completion: the service saw the send at or before this moment.
          const at = this.clock.now();
          this.conversationLimiter.end(c.id, at);
          this.tenantLimiter.end(c.tenantId, at);
          inFlight--;
          settle(c, index, failure, at);
          makeReady(c, at);
          this.notify();
        });
    };

    for (;;) {
      const now = this.clock.now();
      let wake = Infinity;
      for (const [tenantId, heap] of ready) {
        while (heap.size > 0) {
          const due = Math.max(heap.peekPriority()!, this.tenantLimiter.earliest(tenantId, now));
          if (due > now) {
            wake = Math.min(wake, due);
            break;
          }
          const c = heap.pop()!;
          const at = this.readyAt(c, now); // another batch may have sent there meanwhile
          if (at > now) heap.push(c, at);
          else dispatch(c);
        }
      }
      if (inFlight === 0 && [...ready.values()].every((heap) => heap.size === 0)) break;
      await this.waitUntil(wake, now);
    }
    return results;
  }

  /**
   * The sends its windows still count, for the next instance that sends (the sender's turn,
   * bot/reminders/sender-turn.ts): with them it continues this pace instead of starting afresh.
   */
  pace(by: string): SendPace {
    const now = this.clock.now();
    return {
      by,
      conversations: this.conversationLimiter.times(now),
      tenants: this.tenantLimiter.times(now),
    };
  }

  /** Continues the pace another instance left: its windows replace this one's. */
  adoptPace(pace: SendPace): void {
    const now = this.clock.now();
    this.conversationLimiter.replaceTimes(pace.conversations ?? {}, now);
    this.tenantLimiter.replaceTimes(pace.tenants ?? {}, now);
  }

  private readyAt(c: Conversation, now: number): number {
    return Math.max(c.notBefore, this.conversationLimiter.earliest(c.id, now));
  }

  /** Full jitter: uniform in [0, min(cap, base · 2^(n-1))). */
  private backoff(n: number): number {
    return this.random() * Math.min(this.backoffCapMs, this.backoffBaseMs * 2 ** (n - 1));
  }

  /** Until `wake` or until any send settles, whichever comes first. */
  private async waitUntil(wake: number, now: number): Promise<void> {
    const abort = new AbortController();
    let wakeUp!: () => void;
    const settled = new Promise<void>((resolve) => (wakeUp = resolve));
    this.waiters.add(wakeUp);
    await Promise.race(
      Number.isFinite(wake) ? [settled, this.clock.sleep(wake - now, abort.signal)] : [settled],
    );
    this.waiters.delete(wakeUp);
    abort.abort();
  }

  private notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wakeUp of waiters) wakeUp();
  }
}
