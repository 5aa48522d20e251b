// What the bot tells OpenTelemetry, behind a small interface: the turn chain and the scheduler
// call it, and without an OTLP endpoint it is `noTelemetry`, which does nothing and loads nothing.
// Like the request log (bot/turn/request-log.ts) it carries no personal data: kinds, command or
// verb names, outcomes, durations, HTTP statuses; never a user, a conversation id or a case.

/** What the request log tells about a turn, and nothing more. */
export interface TurnFacts {
  turn: string;
  route?: string;
  conversation: string;
  outcome: 'answered' | 'no answer' | 'failed';
}

export type DeliveryResult = 'sent' | 'gone' | 'failed';

export interface Telemetry {
  /** A turn starts now; call the result once it ended. */
  turnStarted(): (facts: TurnFacts) => void;
  /** One send of an outbox message (one request to Teams): a span, and a 429 counted. */
  delivery(messageKind: string, send: () => Promise<void>): Promise<void>;
  /** How a message's delivery ended, after the deliverer's retries. */
  delivered(result: DeliveryResult): void;
  /** Sends what is still buffered and stops. */
  shutdown(): Promise<void>;
}

export const noTelemetry: Telemetry = {
  turnStarted: () => () => undefined,
  delivery: (_kind, send) => send(),
  delivered: () => undefined,
  shutdown: async () => undefined,
};

export interface TelemetrySources {
  /** Outbox entries waiting (planned) and being sent (sending), read when metrics are collected. */
  outboxDepth(): Promise<{ planned: number; sending: number }>;
}
