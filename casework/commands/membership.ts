import { requireCoordinator, type Actor } from '../access.js';
import type { CaseworkContext } from '../context.js';
import { InvalidInput, NotAllowed } from '../errors.js';
import type { Member } from '../ports.js';

// Onboarding: an unknown user asks to work for a partner; the covenant's coordinator decides.

export async function requestMembership(
  ctx: CaseworkContext,
  user: { userId: string; name: string },
  covenantId: string,
  partnerId: string,
): Promise<{ member: Member; coordinators: Member[] }> {
  const covenant = ctx.covenants().find((c) => c.id === covenantId);
  if (!covenant || !covenant.partners.some((p) => p.id === partnerId))
    throw new InvalidInput({ organisation: 'kies je organisatie uit de lijst' });
  const existing = await ctx.deps.members.get(user.userId);
  if (existing?.memberships.some((m) => m.covenantId === covenantId && m.status === 'active'))
    throw new NotAllowed('ask to join', `you are already a member of ${covenant.name}`, {
      code: 'already_member',
      covenant: covenant.name,
    });
  const member: Member = {
    userId: user.userId,
    name: user.name,
    memberships: [
      ...(existing?.memberships.filter((m) => m.covenantId !== covenantId) ?? []),
      { covenantId, partnerId, roles: [], status: 'pending' },
    ],
  };
  await ctx.deps.members.put(member);
  await ctx.audit({
    userId: user.userId,
    partnerId,
    action: 'change',
    caseId: null,
    detail: `asked to join ${covenantId}`,
  });
  const coordinators = (await ctx.deps.members.list(covenantId)).filter((m) =>
    m.memberships.some(
      (s) =>
        s.covenantId === covenantId && s.status === 'active' && s.roles.includes(covenant.coordinator_role),
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
  const request = member?.memberships.find((m) => m.covenantId === covenantId);
  if (!member || !request)
    throw new NotAllowed('approve members', 'there is no such request', { code: 'no_such_request' });
  // A second click (approve or reject) on a request already approved changes nothing.
  if (request.status === 'active') return { member, partnerId: request.partnerId, changed: false };
  const updated: Member = {
    ...member,
    memberships: approve
      ? member.memberships.map((m) =>
          m === request ? { ...m, status: 'active' as const, approvedBy: actor.userId } : m,
        )
      : member.memberships.filter((m) => m !== request),
  };
  await ctx.deps.members.put(updated);
  await ctx.audit({
    userId: actor.userId,
    partnerId: null,
    action: 'change',
    caseId: null,
    detail: `${approve ? 'approved' : 'rejected'} ${requestUserId} for ${request.partnerId} in ${covenantId}`,
  });
  return { member: updated, partnerId: request.partnerId, changed: true };
}
