import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Outbox } from '../../casework/ports.js';
import type { Deliverer } from '../delivery/deliverer.js';

// Teams counts its limits per bot, per conversation and per tenant, whichever instance sends.
// So one instance at a time sends the outbox: it takes the sender's turn (a lease in the store)
// for a delivery pass, renews it while the pass runs, and ends it with the pace of its recent
// sends, which the next sender continues from instead of starting with empty windows. An
// instance that dies mid-pass loses the turn after SENDER_TURN_MS; its claimed messages come
// back through the outbox's own lease, as before.

/** How long a turn lasts without renewal: the most another instance waits for a dead sender. */
export const SENDER_TURN_MS = 15_000;

export interface SenderTurn {
  /** False once the turn was lost (renewals missed and another instance took it): claim no more. */
  readonly held: boolean;
  /** Ends the turn and leaves the pace for the next sender. Never rejects. */
  end(): Promise<void>;
}

export class SenderTurns {
  /** This process, for the store and the log: host, pid and a random part (pids are reused). */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly outbox: Outbox,
    private readonly deliverer: Deliverer,
    private readonly logger: Logger,
    private readonly ttlMs = SENDER_TURN_MS,
  ) {}

  /** The turn to send, or undefined while another instance has it. */
  async take(): Promise<SenderTurn | undefined> {
    const { outbox, deliverer, holder, logger, ttlMs } = this;
    const taken = await outbox.leaseSender(holder, ttlMs);
    if (!taken) return undefined;
    // Its own pace it knows best (it may have sent since storing it).
    if (taken.pace && taken.pace.by !== holder) deliverer.adoptPace(taken.pace);
    let held = true;
    const renew = async (): Promise<void> => {
      if (!held) return;
      try {
        if (!(await outbox.leaseSender(holder, ttlMs, deliverer.pace(holder)))) {
          held = false;
          logger.warn({ holder }, 'the turn to send passed to another instance (renewals missed)');
        }
      } catch (error) {
        logger.error({ err: error, holder }, 'could not renew the turn to send');
      }
    };
    // One renewal at a time, and none after the end: a late one would take the turn again.
    let renewing = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = renewing.then(renew);
      },
      Math.max(1, ttlMs / 3),
    );
    timer.unref();
    return {
      get held() {
        return held;
      },
      end: async () => {
        clearInterval(timer);
        await renewing;
        if (!held) return;
        held = false;
        await outbox
          .releaseSender(holder, deliverer.pace(holder))
          .catch((error: unknown) =>
            logger.error({ err: error, holder }, 'could not end the turn to send (it expires by itself)'),
          );
      },
    };
  }
}
