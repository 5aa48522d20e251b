import { isCoordinator, type Actor } from '../access.js';
import type { LoadedCase } from '../context.js';
import type { Member, PlannedMessage } from '../ports.js';
import { approvalNotice, caseNotice, joinNotice, membershipNotice } from './notices.js';

// Who is told of what a colleague just did. The use cases return these notices with their
// result; the bot only plans them into the outbox. Nobody is told of their own organisation's act.

function actorPartner(actor: Actor, covenantId: string): string | undefined {
  return actor.memberships.find((m) => m.covenantId === covenantId)?.partnerId;
}

/** After an outcome: the next responsible partner, or every signaller when it closed the case. */
export function afterOutcome(actor: Actor, after: LoadedCase, now: Date): PlannedMessage[] {
  const { covenant, state } = after;
  const step = state.step;
  const own = actorPartner(actor, covenant.id);
  const told = new Set<string>();
  if (step && step.responsiblePartnerId !== own) told.add(step.responsiblePartnerId);
  if (!step) state.signals.forEach((s) => s.signallerPartnerId !== own && told.add(s.signallerPartnerId));
  return [...told].map((partnerId) =>
    caseNotice(
      {
        kind: step ? 'handover' : 'closed',
        covenantId: covenant.id,
        caseId: state.caseId,
        version: state.version,
        partnerId,
        stepId: step?.id ?? null,
      },
      now,
    ),
  );
}

/**
 * After a registration: the responsible partner of the (new or joined) case, unless it is the
 * registering organisation; and when the signal joined an open case, each coordinator (one
 * notice per coordinator, not the registering user).
 * `members`: the covenant's members (only read for a joined signal).
 */
export function afterRegistration(
  actor: Actor,
  registered: { caseId: string; joined: boolean; loaded: LoadedCase },
  members: Member[],
  now: Date,
): PlannedMessage[] {
  const { covenant, state } = registered.loaded;
  const notices: PlannedMessage[] = [];
  const responsible = state.step?.responsiblePartnerId;
  if (
    responsible &&
    !actor.memberships.some((m) => m.covenantId === covenant.id && m.partnerId === responsible)
  )
    notices.push(
      caseNotice(
        {
          kind: 'registered',
          covenantId: covenant.id,
          caseId: registered.caseId,
          version: state.version,
          partnerId: responsible,
          stepId: state.step?.id ?? null,
          joined: registered.joined,
        },
        now,
      ),
    );
  const join = state.joins.at(-1);
  if (!registered.joined || !join) return notices;
  for (const member of members) {
    if (member.userId === actor.userId) continue;
    const held = member.memberships.find(
      (s) => s.covenantId === covenant.id && s.status === 'active' && isCoordinator(covenant, s),
    );
    if (held)
      notices.push(
        joinNotice(
          { covenantId: covenant.id, caseId: registered.caseId, joinSeq: join.seq },
          { userId: member.userId, partnerId: held.partnerId },
          now,
        ),
      );
  }
  return notices;
}

/** A request to join: each coordinator of the covenant is asked to approve it. */
export function afterMembershipRequest(
  request: { covenantId: string; partnerId: string; userId: string },
  coordinators: Member[],
  now: Date,
): PlannedMessage[] {
  return coordinators.map((coordinator) =>
    approvalNotice(
      request,
      {
        userId: coordinator.userId,
        partnerId: coordinator.memberships.find((m) => m.covenantId === request.covenantId)!.partnerId,
      },
      now,
    ),
  );
}

/** A decision on a request: the requester hears it, once (a repeated click decides nothing). */
export function afterMembershipDecision(
  decision: { covenantId: string; partnerId: string; userId: string; approved: boolean; byUserId: string },
  changed: boolean,
  now: Date,
): PlannedMessage[] {
  return changed ? [membershipNotice(decision, now)] : [];
}
