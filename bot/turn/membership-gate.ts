import { messageCard } from '../../cards/index.js';
import { texts } from '../../cards/texts.js';
import { onboardingPrompt } from '../../dialogs/onboarding.js';
import type { DialogScope, MemberScope } from '../../dialogs/scope.js';
import { notForNonMembers } from '../../dialogs/search.js';
import type { Middleware } from './chain.js';
import { isResultsRoute } from './route.js';
import { earlier, type Turn } from './turn.js';

/**
 * Open routes go on for anyone. Member routes only with an active membership, and then with a
 * MemberScope; unknown users get the onboarding card, members awaiting approval are told so
 * (in a search, in one line instead of a card).
 */
export const membershipGate: Middleware<Turn> = async (turn, next) => {
  const scope = earlier(turn.scope, 'scope');
  const route = earlier(turn.route, 'route');
  if (route.open) return next();
  const member = memberScopeOf(scope);
  if (member) {
    turn.member = member;
    return next();
  }
  // A search says why it finds nothing; a pasted link shows nothing.
  if (isResultsRoute(route)) return turn.answer(notForNonMembers(scope, route.results));
  if (scope.actor?.memberships.some((m) => m.status === 'pending')) {
    const m = texts(scope.locale).messages;
    return turn.reply(messageCard(scope.locale, { title: m.pendingTitle, text: m.pendingText }));
  }
  return turn.reply(onboardingPrompt(scope));
};

function memberScopeOf(scope: DialogScope): MemberScope | undefined {
  const actor = scope.actor;
  if (!actor?.memberships.some((m) => m.status === 'active')) return undefined;
  return { ...scope, actor };
}
