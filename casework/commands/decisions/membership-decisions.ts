import type { Covenant } from '../../covenant/covenant.js';
import { NotAllowed } from '../../errors.js';
import type { Member, Membership } from '../../ports.js';
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

/** What the operator asks for on the command line (`npm run members -- approve`). */
export interface OperatorGrant {
  /** The partner to work for; left out: the partner the user asked for in the bot. */
  partnerId?: string;
  /** Roles of the covenant to give (added to any the member has there). */
  roles: string[];
  /** Who grants it, as the audit log and the member's notice name them. */
  operator: string;
}

/**
 * The operator's approval from the command line: how the first coordinator of a covenant gets in
 * (nobody can approve them in Teams yet). Only someone who has written to AanZet can be approved,
 * so the user id is the one Teams sends. A problem is a sentence for the operator (English, as
 * every command-line tool speaks), not a refusal card.
 */
export function decideOperatorGrant(
  covenant: Covenant | undefined,
  covenantId: string,
  userId: string,
  member: Member | undefined,
  grant: OperatorGrant,
): MembershipAnswer | { problem: string } {
  if (!covenant) return { problem: `no covenant "${covenantId}"` };
  if (!member)
    return {
      problem: `no user with id "${userId}": ask them to send AanZet a message in Teams and pick their organisation first, then see \`npm run members -- list\``,
    };
  const earlier = member.memberships.find((m) => m.covenantId === covenant.id);
  const partnerId = grant.partnerId ?? earlier?.partnerId;
  if (!partnerId)
    return {
      problem: `${member.name} has not asked to join ${covenant.id}: say which partner with --partner`,
    };
  if (!covenant.partners.some((p) => p.id === partnerId))
    return {
      problem: `covenant ${covenant.id} has no partner "${partnerId}"; known: ${covenant.partners.map((p) => p.id).join(', ')}`,
    };
  const unknownRole = grant.roles.find((r) => !covenant.roles.some((role) => role.id === r));
  if (unknownRole !== undefined)
    return {
      problem: `covenant ${covenant.id} has no role "${unknownRole}"; known: ${covenant.roles.map((r) => r.id).join(', ')}`,
    };
  const keptRoles = earlier?.partnerId === partnerId ? earlier.roles : [];
  const roles = [...new Set([...keptRoles, ...grant.roles])];
  const changed =
    earlier?.status !== 'active' || earlier.partnerId !== partnerId || roles.length !== earlier.roles.length;
  if (!changed) return { member, partnerId, changed: false };
  const granted: Membership = {
    covenantId: covenant.id,
    partnerId,
    roles,
    status: 'active',
    approvedBy: grant.operator,
  };
  return {
    member: {
      ...member,
      memberships: [...member.memberships.filter((m) => m.covenantId !== covenant.id), granted],
    },
    partnerId,
    changed: true,
  };
}
