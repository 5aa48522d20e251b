import type { Covenant } from './covenant/covenant.js';
import type { CaseState } from './case/state.js';
import type { ConfidentialNote } from './case/types.js';
import { NotAllowed } from './errors.js';
import type { Member, Membership } from './ports.js';

// Who may do and see what. Every use case asks here; nothing else decides access.

export type Actor = Member;

export function activeMembership(actor: Actor, covenant: Covenant, action: string): Membership {
  const membership = actor.memberships.find((m) => m.covenantId === covenant.id);
  if (!membership)
    throw new NotAllowed(action, `you are not a member of covenant "${covenant.name}"`, {
      code: 'not_member',
      covenant: covenant.name,
    });
  if (membership.status !== 'active')
    throw new NotAllowed(action, 'your membership is waiting for approval by the coordinator', {
      code: 'awaiting_approval',
    });
  return membership;
}

export function isCoordinator(covenant: Covenant, membership: Membership): boolean {
  return membership.roles.includes(covenant.coordinator_role);
}

export function requireCoordinator(actor: Actor, covenant: Covenant, action: string): Membership {
  const membership = activeMembership(actor, covenant, action);
  const role = roleName(covenant, covenant.coordinator_role);
  if (!isCoordinator(covenant, membership))
    throw new NotAllowed(action, `only the ${role} may do this`, { code: 'coordinator_only', role });
  return membership;
}

/** The current step's owner, its joint partners, and the coordinator may act on a step. */
export function requireStepActor(
  actor: Actor,
  covenant: Covenant,
  state: CaseState,
  action: string,
): Membership {
  const membership = activeMembership(actor, covenant, action);
  const step = state.step;
  if (!step)
    throw new NotAllowed(action, `case ${state.caseId} has no open step`, {
      code: 'no_open_step',
      caseId: state.caseId,
    });
  if (holdsStep(covenant, membership, state)) return membership;
  const owner =
    covenant.partners.find((p) => p.id === step.responsiblePartnerId)?.name ?? step.responsiblePartnerId;
  throw new NotAllowed(action, `this step is for ${owner}`, { code: 'not_your_step', owner });
}

/** The same rule as requireStepActor, as a yes or no: which buttons a case card offers. */
export function mayActOnStep(actor: Actor, covenant: Covenant, state: CaseState): boolean {
  const membership = actor.memberships.find((m) => m.covenantId === covenant.id && m.status === 'active');
  return membership !== undefined && state.step !== null && holdsStep(covenant, membership, state);
}

/** The coordinator, the step's owner and its joint partners (the step is open). */
function holdsStep(covenant: Covenant, membership: Membership, state: CaseState): boolean {
  return (
    isCoordinator(covenant, membership) ||
    membership.partnerId === state.step!.responsiblePartnerId ||
    jointPartners(covenant, state).includes(membership.partnerId)
  );
}

/** An active member holding the covenant's coordinator role. */
export function actsAsCoordinator(actor: Actor, covenant: Covenant): boolean {
  const membership = actor.memberships.find((m) => m.covenantId === covenant.id && m.status === 'active');
  return membership !== undefined && isCoordinator(covenant, membership);
}

/** A partner with a step on the case, or the coordinator: may add to its personal part. */
export function requireParticipant(
  actor: Actor,
  covenant: Covenant,
  state: CaseState,
  action: string,
): Membership {
  const membership = activeMembership(actor, covenant, action);
  if (!maySeePersonalData(covenant, membership, state))
    throw new NotAllowed(action, 'your organisation has no step on this case', { code: 'no_step_on_case' });
  return membership;
}

/**
 * Partners that take part in the current step besides its owner. "The signaller" is the partner
 * whose signal opened the case: a signal that joined later does not make its sender a partner
 * in the step.
 */
export function jointPartners(covenant: Covenant, state: CaseState): string[] {
  const step = state.step && covenant.steps.find((s) => s.id === state.step!.id);
  if (!step) return [];
  const signaller = step.with_signaller ? [state.signals[0]!.signallerPartnerId] : [];
  return [...new Set([...signaller, ...step.with])];
}

/**
 * Personal data only for partners with a step on the case, and for the coordinator. A partner
 * whose signal merely joined the case sees only what it entered itself (ownJoinedEntries).
 */
export function maySeePersonalData(covenant: Covenant, membership: Membership, state: CaseState): boolean {
  return isCoordinator(covenant, membership) || state.participants.includes(membership.partnerId);
}

/** A confidential note: for its writer's organisation and whoever holds the coordinator role. */
export function mayReadNote(covenant: Covenant, membership: Membership, note: ConfidentialNote): boolean {
  return isCoordinator(covenant, membership) || note.byPartnerId === membership.partnerId;
}

export function roleName(covenant: Covenant, roleId: string): string {
  return covenant.roles.find((r) => r.id === roleId)?.name ?? roleId;
}
