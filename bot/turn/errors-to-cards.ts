import type { Logger } from 'pino';
import { cardForError, faultCard } from '../../dialogs/errors.js';
import type { Middleware } from './chain.js';
import { isRequest, type Turn } from './turn.js';

/**
 * A named domain error becomes the card that explains it, anything else a fault card and an
 * error log line. Once a reply was attempted the error is the transport's: it goes on up.
 */
export function errorsToCards(logger: Logger): Middleware<Turn> {
  return async (turn, next) => {
    if (!isRequest(turn)) return next();
    try {
      await next();
    } catch (error) {
      if (turn.replied) throw error;
      const card = cardForError(turn.locale, error);
      if (!card) logger.error({ err: error, user: turn.from.id }, 'a turn failed');
      await turn.reply(card ?? faultCard(turn.locale));
    }
  };
}
