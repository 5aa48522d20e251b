import { isCoordinator } from '../casework/access.js';
import { NotAllowed } from '../casework/errors.js';
import { joinNotice } from '../casework/reminders/notices.js';
import type { RegisteredSignal } from '../casework/commands/register-signal.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { caseIdFrom, showCase } from './case-dialogs.js';
import type { DialogScope, Submitted } from './scope.js';

// A signal that joined an open case: the coordinator hears of it, and may undo it.

/** Plans a notice to each member holding the coordinator role that a signal joined an open case. */
export async function tellCoordinatorsOfJoin(
  scope: DialogScope,
  registered: RegisteredSignal,
): Promise<void> {
  const { covenant, state } = registered.loaded;
  const join = state.joins.at(-1);
  if (!registered.joined || !join) return;
  const coordinators = (await scope.members.list(covenant.id)).flatMap((member) =>
    member.memberships
      .filter((s) => s.covenantId === covenant.id && s.status === 'active' && isCoordinator(covenant, s))
      .slice(0, 1)
      .map((s) => ({ userId: member.userId, partnerId: s.partnerId })),
  );
  const now = scope.casework.ctx.now();
  await scope.notify.tell(
    coordinators
      .filter((c) => c.userId !== scope.actor?.userId)
      .map((c) =>
        joinNotice({ covenantId: covenant.id, caseId: registered.caseId, joinSeq: join.seq }, c, now),
      ),
  );
}

/** case.undoJoin: the coordinator takes the joined signal off the case; personal chat only. */
export async function undoJoin(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  if (scope.conversation.kind !== 'personal')
    throw new NotAllowed('undo a joined signal', 'only in a personal chat', { code: 'personal_chat_only' });
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  await scope.casework.undoJoin(scope.actor!, caseId, data.version ?? -1, data.joinSeq ?? -1);
  return showCase(scope, caseId);
}
