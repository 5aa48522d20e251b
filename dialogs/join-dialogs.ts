import { NotAllowed } from '../casework/errors.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { caseIdFrom, showCaseAfter } from './case-dialogs.js';
import type { MemberScope, Submitted } from './scope.js';

// A signal that joined an open case: the coordinator hears of it (casework/reminders/who-is-told.ts),
// and may undo it.

/** case.undoJoin: the coordinator takes the joined signal off the case; personal chat only. */
export async function undoJoin(scope: MemberScope, data: Submitted): Promise<AdaptiveCard> {
  if (scope.conversation.kind !== 'personal')
    throw new NotAllowed('undo a joined signal', 'only in a personal chat', { code: 'personal_chat_only' });
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const after = await scope.casework.undoJoin(scope.actor, caseId, data.version ?? -1, data.joinSeq ?? -1);
  return showCaseAfter(scope, after);
}
