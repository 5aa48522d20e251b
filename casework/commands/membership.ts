import { requireCoordinator, type Actor } from '../access.js';
import type { CaseworkContext } from '../context.js';
import type { Member } from '../ports.js';
import { orThrow } from './decisions/decision.js';
import {
  decideMembershipAnswer,
  decideMembershipRequest,
  decideOperatorGrant,
  type OperatorGrant,
} from './decisions/membership-decisions.js';

// Onboarding: an unknown user asks to work for a partner; the covenant's coordinator decides.
// The rules are in decisions/membership-decisions.ts; here the members store and the audit log.

export async function requestMembership(
  ctx: CaseworkContext,
  user: { userId: string; name: string },
  covenantId: string,
  partnerId: string,
): Promise<{ member: Member; coordinators: Member[] }> {
  const covenant = ctx.covenants().find((c) => c.id === covenantId);
  const existing = covenant && (await ctx.deps.members.get(user.userId));
  const member = orThrow(decideMembershipRequest(covenant, existing, { ...user, partnerId }));
  await ctx.deps.members.put(member);
  await ctx.audit({
    userId: user.userId,
    partnerId,
    action: 'change',
    caseId: null,
    detail: `asked to join ${covenantId}`,
  });
  const coordinatorRole = covenant!.coordinator_role;
  const coordinators = (await ctx.deps.members.list(covenantId)).filter((m) =>
    m.memberships.some(
      (s) => s.covenantId === covenantId && s.status === 'active' && s.roles.includes(coordinatorRole),
    ),
  );
  return { member, coordinators };
}

export async function decideMembership(
  ctx: CaseworkContext,
  actor: Actor,
  requestUserId: string,
  covenantId: string,
  approve: boolean,
): Promise<{ member: Member; partnerId: string; changed: boolean }> {
  const covenant = ctx.covenant(covenantId);
  requireCoordinator(actor, covenant, 'approve members');
  const member = await ctx.deps.members.get(requestUserId);
  const answer = orThrow(decideMembershipAnswer(member, covenantId, approve, actor.userId));
  if (!answer.changed) return answer;
  await ctx.deps.members.put(answer.member);
  await ctx.audit({
    userId: actor.userId,
    partnerId: null,
    action: 'change',
    caseId: null,
    detail: `${approve ? 'approved' : 'rejected'} ${requestUserId} for ${answer.partnerId} in ${covenantId}`,
  });
  return answer;
}

/**
 * The operator approves a user from the command line (the first coordinator of a covenant), with
 * the same store and audit log as a coordinator's click; the audit names the operator.
 */
export async function grantMembershipAsOperator(
  ctx: CaseworkContext,
  userId: string,
  covenantId: string,
  grant: OperatorGrant,
): Promise<{ member: Member; partnerId: string; changed: boolean }> {
  const covenant = ctx.covenants().find((c) => c.id === covenantId);
  const member = await ctx.deps.members.get(userId);
  const answer = decideOperatorGrant(covenant, covenantId, userId, member, grant);
  if ('problem' in answer) throw new Error(answer.problem);
  if (!answer.changed) return answer;
  await ctx.deps.members.put(answer.member);
  const roles = answer.member.memberships.find((m) => m.covenantId === covenantId)!.roles;
  await ctx.audit({
    userId: `operator:${grant.operator}`,
    partnerId: null,
    action: 'change',
    caseId: null,
    detail: `approved ${userId} for ${answer.partnerId} in ${covenantId} from the command line (roles: ${roles.join(', ') || 'none'})`,
  });
  return answer;
}
