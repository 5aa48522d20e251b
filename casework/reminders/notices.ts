import { toIsoDate } from '../covenant/calendar.js';
import type { PlannedMessage } from '../ports.js';

// Notices: telling other people of a colleague's action. They go through the outbox like the
// reminders (never inside the turn), with keys that make a repeated turn (a double click, a
// Teams retry of an invoke) plan nothing new. Their cards are built when they are sent.
//
// Unlike reminders they are not held back to working hours: each is the answer to something a
// colleague did just now. Rate limits, retries and rerouting apply to them as to reminders.

interface CaseNotice {
  kind: 'handover' | 'closed' | 'registered';
  covenantId: string;
  caseId: string;
  /** The case version after the action: one notice per version and partner. */
  version: number;
  partnerId: string;
  stepId: string | null;
  joined?: boolean;
}

/** The next responsible partner (handover, registered) or a signaller (closed) is told. */
export function caseNotice(notice: CaseNotice, now: Date): PlannedMessage {
  return {
    key: `${notice.caseId}|${notice.kind}|v${notice.version}|${notice.partnerId}`,
    kind: notice.kind,
    covenantId: notice.covenantId,
    caseId: notice.caseId,
    stepId: notice.stepId,
    partnerId: notice.partnerId,
    forDate: toIsoDate(now),
    notBefore: now.toISOString(),
    about: { version: notice.version, ...(notice.joined ? { joined: true } : {}) },
  };
}

/**
 * A coordinator role holder hears that a signal joined an open case (and may undo it): one
 * notice per join and coordinator, so a retried turn plans nothing new.
 */
export function joinNotice(
  join: { covenantId: string; caseId: string; joinSeq: number },
  coordinator: { userId: string; partnerId: string },
  now: Date,
): PlannedMessage {
  return {
    key: `${join.caseId}|joined|${join.joinSeq}|${coordinator.userId}`,
    kind: 'joined',
    covenantId: join.covenantId,
    caseId: join.caseId,
    stepId: null,
    partnerId: coordinator.partnerId,
    userId: coordinator.userId,
    forDate: toIsoDate(now),
    notBefore: now.toISOString(),
    about: { joinSeq: join.joinSeq },
  };
}

/** A coordinator is asked to approve a request to join; one request a day per partner. */
export function approvalNotice(
  request: { covenantId: string; partnerId: string; userId: string },
  coordinator: { userId: string; partnerId: string },
  now: Date,
): PlannedMessage {
  const day = toIsoDate(now);
  return {
    key: `${request.covenantId}|approval|${request.userId}|${request.partnerId}|${day}|${coordinator.userId}`,
    kind: 'approval',
    covenantId: request.covenantId,
    caseId: null,
    stepId: null,
    partnerId: coordinator.partnerId,
    userId: coordinator.userId,
    forDate: day,
    notBefore: now.toISOString(),
    about: { userId: request.userId },
  };
}

/** The one who asked to join hears the decision. */
export function membershipNotice(
  decision: { covenantId: string; partnerId: string; userId: string; approved: boolean; byUserId: string },
  now: Date,
): PlannedMessage {
  const day = toIsoDate(now);
  const verdict = decision.approved ? 'approved' : 'rejected';
  return {
    key: `${decision.covenantId}|membership|${decision.userId}|${decision.partnerId}|${verdict}|${day}`,
    kind: 'membership',
    covenantId: decision.covenantId,
    caseId: null,
    stepId: null,
    partnerId: decision.partnerId,
    userId: decision.userId,
    forDate: day,
    notBefore: now.toISOString(),
    about: { userId: decision.userId, byUserId: decision.byUserId, approved: decision.approved },
  };
}
