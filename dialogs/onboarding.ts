import { InvalidInput } from '../casework/errors.js';
import { fieldErrorTexts } from '../cards/field-errors.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { approvalResultCard, messageCard, onboardingCard } from '../cards/index.js';
import { stringField, type DialogScope, type Submitted, type MemberScope } from './scope.js';
import { texts } from '../cards/texts.js';

// An unknown user picks their organisation; the covenant's coordinator approves with one click.

export function onboardingPrompt(
  scope: DialogScope,
  errors: Record<string, string> = {},
  values = {},
): AdaptiveCard {
  const covenants = scope.casework.covenants().map((c) => ({
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
    if (error instanceof InvalidInput)
      return onboardingPrompt(scope, fieldErrorTexts(scope.locale, error.fieldErrors), { organisation });
    throw error;
  }
  const partnerName = scope.casework.covenant(covenantId).partners.find((p) => p.id === partnerId)!.name;
  await scope.notify.tell(result.notices);
  const text = result.coordinators.length > 0 ? m.requestedText(partnerName) : m.noCoordinator;
  return messageCard(scope.locale, { title: m.requestedTitle, text });
}

export async function decideMembership(
  scope: MemberScope,
  data: Submitted,
  approve: boolean,
): Promise<AdaptiveCard> {
  const requestUserId = data.requestUserId ?? '';
  const covenantId = data.covenantId ?? '';
  const { member, partnerId, changed, notices, approvedByName } = await scope.casework.decideMembership(
    scope.actor,
    requestUserId,
    covenantId,
    approve,
  );
  const partnerName =
    scope.casework.covenant(covenantId).partners.find((p) => p.id === partnerId)?.name ?? partnerId;
  if (!changed) {
    // Approved by an earlier click: show who did, and tell the requester nothing twice.
    return approvalResultCard(scope.locale, {
      approved: true,
      requesterName: member.name,
      partnerName,
      by: approvedByName ?? '',
    });
  }
  const result = approvalResultCard(scope.locale, {
    approved: approve,
    requesterName: member.name,
    partnerName,
    by: scope.user.name,
  });
  await scope.notify.tell(notices);
  return result;
}
