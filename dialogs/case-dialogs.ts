import { isCoordinator } from '../casework/access.js';
import { CaseClosed, InvalidInput } from '../casework/errors.js';
import { contactAttemptInput, outcomeInput, parseInput } from '../casework/commands/inputs.js';
import type { CaseView } from '../casework/reads/views.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { caseCard, contactFormCard, outcomeFormCard, statusCard } from '../cards/index.js';
import { caseNotice } from '../casework/reminders/notices.js';
import { parseCaseId } from '../casework/case/case-id.js';
import { stringField, toggleField, type DialogScope, type Submitted } from './scope.js';
import { texts } from '../cards/texts.js';

// Who is responsible, status in a channel, and the contact-attempt and outcome forms.

export function caseIdFrom(scope: DialogScope, text: string | undefined, command: string): string {
  const id = text ? parseCaseId(text) : undefined;
  if (!id) throw new InvalidInput({ caseId: texts(scope.locale).messages.needCaseId(command) });
  return id;
}

/** The coordinator, in a personal chat: may undo a joined signal from the case card. */
function coordinatorHere(scope: DialogScope, view: CaseView): boolean {
  if (scope.conversation.kind !== 'personal') return false;
  const membership = scope.actor?.memberships.find(
    (m) => m.covenantId === view.covenantId && m.status === 'active',
  );
  return membership !== undefined && isCoordinator(scope.casework.ctx.covenant(view.covenantId), membership);
}

function canAct(scope: DialogScope, view: CaseView): boolean {
  if (view.status !== 'open' || !view.responsible) return false;
  const covenant = scope.casework.ctx.covenant(view.covenantId);
  const membership = scope.actor?.memberships.find(
    (m) => m.covenantId === view.covenantId && m.status === 'active',
  );
  if (!membership) return false;
  return (
    isCoordinator(covenant, membership) ||
    membership.partnerId === view.responsible.id ||
    view.jointPartners.some((p) => p.id === membership.partnerId)
  );
}

/** "wie is aan zet": personal data only in a personal chat, and only for those allowed. */
export async function showCase(scope: DialogScope, caseId: string): Promise<AdaptiveCard> {
  const view = await scope.casework.caseView(scope.actor!, caseId, {
    locale: scope.locale,
    withPersonalData: scope.conversation.kind === 'personal',
  });
  return caseCard(scope.locale, {
    view,
    canAct: canAct(scope, view),
    coordinator: coordinatorHere(scope, view),
  });
}

/** The compact status for channels: never personal data. */
export async function showStatus(scope: DialogScope, caseId: string): Promise<AdaptiveCard> {
  const view = await scope.casework.caseStatus(scope.actor!, caseId, scope.locale);
  return statusCard(scope.locale, { view });
}

async function openView(scope: DialogScope, caseId: string): Promise<CaseView> {
  const view = await scope.casework.caseView(scope.actor!, caseId, {
    locale: scope.locale,
    withPersonalData: false,
  });
  if (view.status !== 'open') throw new CaseClosed(view.caseId);
  // The forms are for those who may act on the step: the domain refuses (and audits) the others.
  if (!canAct(scope, view))
    await scope.casework.checkStepActor(scope.actor!, view.caseId, 'act on this step');
  return view;
}

export async function contactForm(
  scope: DialogScope,
  caseId: string,
  values: Record<string, string | boolean | undefined> = {},
  errors: Record<string, string> = {},
  version?: number,
): Promise<AdaptiveCard> {
  const view = await openView(scope, caseId);
  return contactFormCard(scope.locale, {
    caseId: view.caseId,
    version: version ?? view.version,
    stepName: view.stepName ?? '',
    values,
    errors,
  });
}

export async function outcomeForm(
  scope: DialogScope,
  caseId: string,
  values: Record<string, string | boolean | undefined> = {},
  errors: Record<string, string> = {},
  version?: number,
): Promise<AdaptiveCard> {
  const view = await openView(scope, caseId);
  return outcomeFormCard(scope.locale, {
    caseId: view.caseId,
    version: version ?? view.version,
    stepName: view.stepName ?? '',
    outcomes: view.outcomes,
    solutions: view.solutions,
    values,
    errors,
  });
}

export async function submitContact(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'contact');
  const values = {
    kind: stringField(data, 'kind'),
    reached: toggleField(data, 'reached'),
    date: stringField(data, 'date'),
    daypart: stringField(data, 'daypart'),
  };
  try {
    const input = parseInput(contactAttemptInput, values);
    await scope.casework.logContactAttempt(scope.actor!, caseId, data.version ?? -1, input);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return contactForm(scope, caseId, values, error.fieldErrors, data.version);
  }
  return showCase(scope, caseId);
}

export async function submitOutcome(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'uitkomst');
  const solutionsText = stringField(data, 'solutions') ?? '';
  const values = { outcomeId: stringField(data, 'outcomeId') ?? '', solutions: solutionsText };
  let after;
  try {
    const input = parseInput(outcomeInput, {
      outcomeId: values.outcomeId,
      solutions: solutionsText
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    });
    after = await scope.casework.logOutcome(scope.actor!, caseId, data.version ?? -1, input);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return outcomeForm(scope, caseId, values, error.fieldErrors, data.version);
  }
  const card = await showCase(scope, caseId);
  // The next responsible partner is told; so is the signaller when it closes (after the turn).
  const step = after.state.step;
  const actorPartner = scope.actor!.memberships.find((m) => m.covenantId === after.covenant.id)?.partnerId;
  const tell = new Set<string>();
  if (step && step.responsiblePartnerId !== actorPartner) tell.add(step.responsiblePartnerId);
  if (!step)
    after.state.signals.forEach(
      (s) => s.signallerPartnerId !== actorPartner && tell.add(s.signallerPartnerId),
    );
  const now = scope.casework.ctx.now();
  await scope.notify.tell(
    [...tell].map((partnerId) =>
      caseNotice(
        {
          kind: step ? 'handover' : 'closed',
          covenantId: after.covenant.id,
          caseId: after.state.caseId,
          version: after.state.version,
          partnerId,
          stepId: step?.id ?? null,
        },
        now,
      ),
    ),
  );
  return card;
}
