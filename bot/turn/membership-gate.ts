import { messageCard } from '../../cards/index.js';
import { texts } from '../../cards/texts.js';
import { onboardingPrompt } from '../../dialogs/onboarding.js';
import type { DialogScope, MemberScope } from '../../dialogs/scope.js';
import type { Middleware } from './chain.js';
import { earlier, type Turn } from './turn.js';

/**
 * Open routes go on for anyone. Member routes only with an active membership, and then with a
 * MemberScope; unknown users get the onboarding card, members awaiting approval are told so.
 */
export const membershipGate: Middleware<Turn> = async (turn, next) => {
  const scope = earlier(turn.scope, 'scope');
  if (earlier(turn.route, 'route').open) return next();
  const member = memberScopeOf(scope);
  if (member) {
    turn.member = member;
    return next();
  }
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
