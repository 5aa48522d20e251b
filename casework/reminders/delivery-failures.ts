import type { MessageKind } from '../ports.js';

// Why an outbox entry ended failed. Stored as a short technical line (Outbox.finish takes a
// string, and the log reads it); written and read only here, so the overview can put it in
// the reader's words.

export type DeliveryFailure =
  /** The chat refused the bot for good (or was forgotten); the message went on to `to` others. */
  | { type: 'rerouted'; code: string; to: number }
  /** Refused, and no channel, chat or coordinator left to take it. */
  | { type: 'undeliverable'; code: string }
  /** Refused, but another conversation of the same recipient has (or is getting) the message. */
  | { type: 'reached'; code: string }
  /** Anything else: retries used up, an unexpected answer. */
  | { type: 'failed'; detail: string };

/** A failed entry as the coordinator's overview lists it. */
export interface FailedDelivery {
  kind: MessageKind;
  /** The case id, or the partner of a message without a case. */
  subject: string;
  forDate: string;
  failure: DeliveryFailure;
}

export function goneError(code: string, fallbacks: number): string {
  return fallbacks > 0
    ? `gone (${code}), rerouted to ${fallbacks}`
    : `gone (${code}), undeliverable: no linked channel and no coordinator chat`;
}

export function reachedError(code: string): string {
  return `gone (${code}), reached through another conversation`;
}

export function readFailure(lastError: string): DeliveryFailure {
  const gone = /^gone \((.*)\), (?:rerouted to (\d+)|(undeliverable)|reached)\b/.exec(lastError);
  if (!gone) return { type: 'failed', detail: lastError };
  if (gone[2] !== undefined) return { type: 'rerouted', code: gone[1]!, to: Number(gone[2]) };
  return gone[3] ? { type: 'undeliverable', code: gone[1]! } : { type: 'reached', code: gone[1]! };
}
