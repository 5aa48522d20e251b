import { isCoordinator } from '../casework/access.js';
import { NotAllowed } from '../casework/errors.js';
import type { RegisteredSignal } from '../casework/register-signal.js';
import { partnerName } from '../casework/views.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { joinNoticeCard } from '../cards/case-privacy.js';
import { caseIdFrom, showCase } from './case-dialogs.js';
import type { DialogScope, Submitted } from './scope.js';

// A signal that joined an open case: the coordinator hears of it, and may undo it.

/** Tells the members holding the coordinator role that a signal joined an open case. */
export async function tellCoordinatorsOfJoin(
  scope: DialogScope,
  registered: RegisteredSignal,
): Promise<void> {
  const { covenant, state } = registered.loaded;
  const join = state.joins.at(-1);
  if (!registered.joined || !join) return;
  const card = joinNoticeCard(scope.locale, {
    caseId: registered.caseId,
    partnerName: partnerName(covenant, join.partnerId),
    signalType: join.signalType,
  });
  const coordinators = (await scope.members.list(covenant.id)).filter((m) =>
    m.memberships.some(
      (s) => s.covenantId === covenant.id && s.status === 'active' && isCoordinator(covenant, s),
    ),
  );
  for (const member of coordinators)
    if (member.userId !== scope.actor?.userId) await scope.notify.toUser(member.userId, card);
}

/** case.undoJoin: the coordinator takes the joined signal off the case; personal chat only. */
export async function undoJoin(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  if (scope.conversation.kind !== 'personal')
    throw new NotAllowed('undo a joined signal', 'only in a personal chat', { code: 'personal_chat_only' });
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  await scope.casework.undoJoin(scope.actor!, caseId, data.version ?? -1, data.joinSeq ?? -1);
  return showCase(scope, caseId);
}
