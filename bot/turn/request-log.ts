import type { Logger } from 'pino';
import type { TurnFacts } from '../telemetry/telemetry.js';
import type { Middleware } from './chain.js';
import type { Turn } from './turn.js';

/**
 * One `info` line per turn for operators: what kind of turn, which command or verb, where (the
 * kind of conversation), how it ended and how long it took. Never who sent it, what they typed
 * or anything of a case: the log is read by people who may not see personal data.
 */
export function requestLog(logger: Logger): Middleware<Turn> {
  return async (turn, next) => {
    const started = performance.now();
    const line = (outcome: TurnFacts['outcome']) => ({
      ...turnFacts(turn, outcome),
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
    try {
      await next();
    } catch (error) {
      // The error itself is logged where it is handled (errorsToCards) or by the server.
      logger.info(line('failed'), 'turn');
      throw error;
    }
    logger.info(line(turn.replied ? 'answered' : 'no answer'), 'turn');
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
