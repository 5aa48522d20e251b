import type { Logger } from 'pino';
import type { MemberChanges } from '../casework/ports.js';

/**
 * Tells the operator when word of member changes stops coming (the listening connection to
 * PostgreSQL is lost) and when it comes again. Meanwhile every turn reads who is asking from the
 * store: slower, never out of date. Only the two changes are logged, not each try to listen again.
 */
export function logMemberWord(changes: MemberChanges, logger: Logger): () => void {
  let lost = false;
  return changes.subscribe(() => {
    if (!lost && !changes.live && changes.lostBecause !== null) {
      lost = true;
      logger.warn(
        { reason: changes.lostBecause },
        'word of member changes is lost: each turn reads its member from the store until it is back',
      );
    } else if (lost && changes.live) {
      lost = false;
      logger.info('word of member changes comes in again');
    }
  });
}
