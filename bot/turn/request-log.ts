import type { Logger } from 'pino';
import { noTelemetry, type Telemetry, type TurnFacts } from '../telemetry/telemetry.js';
import type { Middleware } from './chain.js';
import type { Turn } from './turn.js';

/**
 * One `info` line per turn for operators: what kind of turn, which command or verb, where (the
 * kind of conversation), how it ended and how long it took. Never who sent it, what they typed
 * or anything of a case: the log is read by people who may not see personal data. The same
 * facts end the turn's span and duration in telemetry (bot/telemetry; nothing without an endpoint).
 */
export function requestLog(logger: Logger, telemetry: Telemetry = noTelemetry): Middleware<Turn> {
  return async (turn, next) => {
    const started = performance.now();
    const ended = telemetry.turnStarted();
    const report = (outcome: TurnFacts['outcome']) => {
      const facts = turnFacts(turn, outcome);
      ended(facts);
      logger.info({ ...facts, ms: Math.round((performance.now() - started) * 10) / 10 }, 'turn');
    };
    try {
      await next();
    } catch (error) {
      // The error itself is logged where it is handled (errorsToCards) or by the server.
      report('failed');
      throw error;
    }
    report(turn.replied ? 'answered' : 'no answer');
  };
}

/** What may be told about a turn (the request log, telemetry): kinds and names, nobody's data. */
export function turnFacts(turn: Turn, outcome: TurnFacts['outcome']): TurnFacts {
  return {
    turn: turn.event.kind,
    ...(turn.route?.name ? { route: turn.route.name } : {}),
    conversation: turn.conversation.kind,
    outcome,
  };
}
