import type { AdaptiveCard } from '../cards/card-types.js';
import { digestCard } from '../cards/index.js';
import { refreshedStatusCard, statusNotAvailableCard, withDigestRefresh } from '../cards/refresh.js';
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
    userIds: await scope.refreshAudience?.({ caseId: status.view.caseId }),
  });
}

/**
 * `digest.refresh`: a partner's digest in its channel, as it is now (the day's late and due
 * steps: case ids, steps, partners, deadlines), for members of the covenant; for anyone else
 * only that it is not for them.
 */
export async function refreshDigest(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  const { covenantId, partnerId } = data;
  const digest =
    covenantId && partnerId && scope.actor
      ? await scope.casework.refreshedDigest(scope.actor, covenantId, partnerId, scope.locale)
      : null;
  if (!covenantId || !partnerId || !digest) return statusNotAvailableCard(scope.locale, undefined);
  return withDigestRefresh(
    scope.locale,
    digestCard(scope.locale, digest),
    { covenantId, partnerId },
    await scope.refreshAudience?.({ covenantId, partnerId }),
  );
}
