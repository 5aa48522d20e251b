import type { AdaptiveCard } from '../cards/card-types.js';
import { refreshedStatusCard, statusNotAvailableCard } from '../cards/refresh.js';
import { parseCaseId } from '../casework/case/case-id.js';
import type { DialogScope, Submitted } from './scope.js';

/**
 * `status.refresh`: Teams asks for a status card again as the reader opens the conversation
 * (cards/refresh.ts). Open to anyone, so that a reader AanZet does not know gets a neutral card
 * rather than the onboarding card in the middle of a channel. The shared view from the summary
 * for those who may see the case (no personal data, nothing audited, no notices), with the
 * step's buttons for those who hold it; for anyone else only that it is not for them.
 */
export async function refreshStatus(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  const caseId = data.caseId ? parseCaseId(data.caseId) : undefined;
  const status =
    caseId && scope.actor ? await scope.casework.refreshedStatus(scope.actor, caseId, scope.locale) : null;
  if (!caseId || !status) return statusNotAvailableCard(scope.locale, caseId);
  return refreshedStatusCard(scope.locale, {
    ...status,
    tabLink: scope.tabLink,
    userIds: await scope.refreshAudience?.(status.view.caseId),
  });
}
