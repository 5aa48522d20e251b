import { cleanDisplayName } from '../../casework/commands/clean-text.js';
import type { Middleware } from './chain.js';
import type { Turn } from './turn.js';

/**
 * Teams display names are set by whoever runs the tenant, not typed here: cleaned like any
 * input, never refused. Without a usable name, a person is named by their id.
 */
export const identify: Middleware<Turn> = async (turn, next) => {
  const displayName = cleanDisplayName(turn.from.name, '');
  turn.user = { id: turn.from.id, name: displayName || turn.from.id, displayName };
  await next();
};
