import type { Covenant } from '../../covenant/covenant.js';
import { NotAllowed } from '../../errors.js';
import type { Member } from '../../ports.js';
import { refuseField, type Decision } from './decision.js';

// Onboarding rules: who may ask to work for a partner, and what the coordinator's answer changes.

/** The member with a pending membership for the partner, replacing any earlier request there. */
export function decideMembershipRequest(
  covenant: Covenant | undefined,
  existing: Member | undefined,
  request: { userId: string; name: string; partnerId: string },
): Decision<Member> {
  if (!covenant || !covenant.partners.some((p) => p.id === request.partnerId))
    return refuseField('organisation', 'organisation_not_in_list');
  if (existing?.memberships.some((m) => m.covenantId === covenant.id && m.status === 'active'))
    return {
      refused: new NotAllowed('ask to join', `you are already a member of ${covenant.name}`, {
        code: 'already_member',
        covenant: covenant.name,
      }),
    };
  return {
    userId: request.userId,
    name: request.name,
    memberships: [
      ...(existing?.memberships.filter((m) => m.covenantId !== covenant.id) ?? []),
      { covenantId: covenant.id, partnerId: request.partnerId, roles: [], status: 'pending' },
    ],
  };
}

export interface MembershipAnswer {
  member: Member;
  partnerId: string;
  changed: boolean;
}

/** Approving activates the request, rejecting removes it; a request already approved stays as it is. */
export function decideMembershipAnswer(
  member: Member | undefined,
  covenantId: string,
  approve: boolean,
  coordinatorUserId: string,
): Decision<MembershipAnswer> {
  const request = member?.memberships.find((m) => m.covenantId === covenantId);
  if (!member || !request)
    return {
      refused: new NotAllowed('approve members', 'there is no such request', { code: 'no_such_request' }),
    };
  // A second click (approve or reject) on a request already approved changes nothing.
  if (request.status === 'active') return { member, partnerId: request.partnerId, changed: false };
  const updated: Member = {
    ...member,
    memberships: approve
      ? member.memberships.map((m) =>
          m === request ? { ...m, status: 'active' as const, approvedBy: coordinatorUserId } : m,
        )
      : member.memberships.filter((m) => m !== request),
  };
  return { member: updated, partnerId: request.partnerId, changed: true };
}
