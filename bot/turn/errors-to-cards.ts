import type { Logger } from 'pino';
import { StoreUnavailable } from '../../casework/ports.js';
import { cardForError, faultCard } from '../../dialogs/errors.js';
import { searchFailed } from '../../dialogs/search.js';
import type { Middleware } from './chain.js';
import { isResultsRoute } from './route.js';
import { isRequest, type Turn } from './turn.js';

/**
 * A named domain error becomes the card that explains it, anything else a fault card and an
 * error log line; a failed search or pasted link answers with a line saying so, or nothing.
 * Once a reply was attempted the error is the transport's: it goes on up.
 */
export function errorsToCards(logger: Logger): Middleware<Turn> {
  return async (turn, next) => {
    if (!isRequest(turn)) return next();
    try {
      await next();
    } catch (error) {
      if (turn.replied) throw error;
      const route = turn.route;
      if (route && isResultsRoute(route)) {
        // The compose box shows a line, not a card: whatever went wrong, it is logged.
        logger.error({ err: error, user: turn.from.id, what: route.results }, 'a search failed');
        return turn.answer(searchFailed(turn, route.results));
      }
      // Not a fault: storeOutage, earlier in the chain, says so and keeps the clicked card.
      if (error instanceof StoreUnavailable) throw error;
      const card = cardForError(turn.locale, error);
      if (!card) logger.error({ err: error, user: turn.from.id }, 'a turn failed');
      await turn.reply(card ?? faultCard(turn.locale));
    }
  };
}
