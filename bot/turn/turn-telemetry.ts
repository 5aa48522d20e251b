import type { Telemetry } from '../telemetry/telemetry.js';
import type { Middleware } from './chain.js';
import { turnFacts } from './request-log.js';
import type { Turn } from './turn.js';

/** A span and a duration per admitted turn, with the request log's facts (no personal data). */
export function turnTelemetry(telemetry: Telemetry): Middleware<Turn> {
  return async (turn, next) => {
    const ended = telemetry.turnStarted();
    try {
      await next();
    } catch (error) {
      ended(turnFacts(turn, 'failed'));
      throw error;
    }
    ended(turnFacts(turn, turn.replied ? 'answered' : 'no answer'));
  };
}
