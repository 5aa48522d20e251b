import type { Logger } from 'pino';
import { admitActivity, type AdmissionRules } from '../admission.js';
import type { Middleware } from './chain.js';
import type { Turn } from './turn.js';

/**
 * The HTTP edge (server.ts) already refuses what these rules refuse, with a 403. Checked again
 * here so that the chain stays safe behind any other shell (another Teams SDK, a test adapter).
 */
export function admitted(rules: AdmissionRules, logger: Logger): Middleware<Turn> {
  return async (turn, next) => {
    const verdict = admitActivity(turn.envelope, rules);
    if (!verdict.admitted) {
      logger.warn({ reason: verdict.reason, channelId: turn.envelope.channelId }, 'turn refused');
      return;
    }
    await next();
  };
}
