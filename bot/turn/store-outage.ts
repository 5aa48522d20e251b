import type { Logger } from 'pino';
import { messageCard } from '../../cards/index.js';
import { texts } from '../../cards/texts.js';
import { StoreUnavailable } from '../../casework/ports.js';
import type { Middleware } from './chain.js';
import { isRequest, type Turn } from './turn.js';

/**
 * While the store cannot be reached (the database restarts), a request is answered in the
 * user's language with "try again in a few minutes" instead of a fault, and a click keeps its
 * card: Teams shows the line and leaves what the user filled in on the card, to send again.
 * Early in the chain, because every later step may read or write the store.
 */
export function storeOutage(logger: Logger): Middleware<Turn> {
  return async (turn, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof StoreUnavailable) || !isRequest(turn) || turn.replied) throw error;
      logger.warn({ reason: error.message, turn: turn.event.kind }, 'a turn could not reach the store');
      const m = texts(turn.locale).messages;
      if (turn.event.kind === 'cardAction')
        return turn.keepCardAndSay(`${m.storeDownTitle}. ${m.storeDownClick}`);
      if (turn.event.kind === 'message')
        return turn.reply(
          messageCard(turn.locale, { title: m.storeDownTitle, text: m.storeDownMessage, tone: 'attention' }),
        );
      throw error; // a search or a pasted link: errorsToCards answers those (nothing found)
    }
  };
}
