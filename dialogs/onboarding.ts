import { InvalidInput } from '../casework/errors.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { approvalNotice, membershipNotice } from '../casework/reminders/notices.js';
import { approvalResultCard, messageCard, onboardingCard } from '../cards/index.js';
import { stringField, type DialogScope, type Submitted } from './scope.js';
import { texts } from '../cards/texts.js';

// An unknown user picks their organisation; the covenant's coordinator approves with one click.

export function onboardingPrompt(
  scope: DialogScope,
  errors: Record<string, string> = {},
  values = {},
): AdaptiveCard {
  const covenants = scope.casework.ctx.covenants().map((c) => ({
    id: c.id,
    name: c.name,
    partners: c.partners.map((p) => ({ id: p.id, name: p.name })),
  }));
  return onboardingCard(scope.locale, { covenants, values, errors });
}

export async function requestMembership(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  const m = texts(scope.locale).messages;
  const organisation = stringField(data, 'organisation') ?? '';
  const [covenantId = '', partnerId = ''] = organisation.split('|');
  let result;
  try {
    result = await scope.casework.requestMembership(
      { userId: scope.user.id, name: scope.user.name },
      covenantId,
      partnerId,
    );
  } catch (error) {
    if (error instanceof InvalidInput) return onboardingPrompt(scope, error.fieldErrors, { organisation });
    throw error;
  }
  const covenant = scope.casework.ctx.covenant(covenantId);
  const partnerName = covenant.partners.find((p) => p.id === partnerId)!.name;
  const now = scope.casework.ctx.now();
  await scope.notify.tell(
    result.coordinators.map((coordinator) =>
      approvalNotice(
        { covenantId, partnerId, userId: scope.user.id },
        {
          userId: coordinator.userId,
          partnerId: coordinator.memberships.find((m) => m.covenantId === covenantId)!.partnerId,
        },
        now,
      ),
    ),
  );
  const text = result.coordinators.length > 0 ? m.requestedText(partnerName) : m.noCoordinator;
  return messageCard(scope.locale, { title: m.requestedTitle, text });
}

export async function decideMembership(
  scope: DialogScope,
  data: Submitted,
  approve: boolean,
): Promise<AdaptiveCard> {
  const requestUserId = data.requestUserId ?? '';
  const covenantId = data.covenantId ?? '';
  const { member, partnerId, changed } = await scope.casework.decideMembership(
    scope.actor!,
    requestUserId,
    covenantId,
    approve,
  );
  const partnerName =
    scope.casework.ctx.covenant(covenantId).partners.find((p) => p.id === partnerId)?.name ?? partnerId;
  if (!changed) {
    // Approved by an earlier click: show who did, and tell the requester nothing twice.
    const approvedBy = member.memberships.find((m) => m.covenantId === covenantId)?.approvedBy ?? '';
    const by = (await scope.members.get(approvedBy))?.name ?? approvedBy;
    return approvalResultCard(scope.locale, { approved: true, requesterName: member.name, partnerName, by });
  }
  const result = approvalResultCard(scope.locale, {
    approved: approve,
    requesterName: member.name,
    partnerName,
    by: scope.user.name,
  });
  await scope.notify.tell([
    membershipNotice(
      { covenantId, partnerId, userId: requestUserId, approved: approve, byUserId: scope.user.id },
      scope.casework.ctx.now(),
    ),
  ]);
  return result;
}
