import { CaseClosed, InvalidInput } from '../casework/errors.js';
import { contactAttemptInput, outcomeInput, parseInput } from '../casework/commands/inputs.js';
import type { CaseView } from '../casework/reads/views.js';
import type { LoadedCase } from '../casework/casework.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { caseCard, contactFormCard, outcomeFormCard, statusCard } from '../cards/index.js';
import { fieldErrorTexts } from '../cards/field-errors.js';
import { withRefresh } from '../cards/refresh.js';
import { parseCaseId } from '../casework/case/case-id.js';
import { stringField, toggleField, type DialogScope, type Submitted, type MemberScope } from './scope.js';

// Who is responsible, status in a channel, and the contact-attempt and outcome forms.

export function caseIdFrom(scope: DialogScope, text: string | undefined, command: string): string {
  const id = text ? parseCaseId(text) : undefined;
  if (!id) throw new InvalidInput({ caseId: { code: 'need_case_id', params: { command } } });
  return id;
}

/** The coordinator, in a personal chat: may undo a joined signal from the case card. */
function coordinatorHere(scope: DialogScope, view: CaseView): boolean {
  return scope.conversation.kind === 'personal' && view.viewerIsCoordinator === true;
}

/** The case card for this viewer: the step's buttons only for those the domain lets act on it. */
function caseCardOf(scope: DialogScope, view: CaseView): AdaptiveCard {
  return caseCard(scope.locale, {
    view,
    canAct: canAct(view),
    coordinator: coordinatorHere(scope, view),
    tabLink: scope.tabLink,
  });
}

function canAct(view: CaseView): boolean {
  return view.status === 'open' && view.mayAct === true;
}

/** "wie is aan zet": personal data only in a personal chat, and only for those allowed. */
export async function showCase(scope: MemberScope, caseId: string): Promise<AdaptiveCard> {
  const view = await scope.casework.caseView(scope.actor, caseId, viewOptions(scope));
  return caseCardOf(scope, view);
}

/** The case card after a command, from the case the command returned: no second load. */
export async function showCaseAfter(scope: MemberScope, after: LoadedCase): Promise<AdaptiveCard> {
  return caseCardOf(scope, await scope.casework.viewAfter(scope.actor, after, viewOptions(scope)));
}

/** Personal data only in a personal chat (and only for those allowed: the domain decides). */
function viewOptions(scope: MemberScope) {
  const personal = scope.conversation.kind === 'personal';
  return { locale: scope.locale, withPersonalData: personal, sharedPlace: !personal };
}

/** The compact status for channels: never personal data. */
export async function showStatus(scope: MemberScope, caseId: string): Promise<AdaptiveCard> {
  const shared = scope.conversation.kind !== 'personal';
  const view = await scope.casework.caseStatus(scope.actor, caseId, scope.locale, shared);
  const card = statusCard(scope.locale, { view, tabLink: scope.tabLink });
  // Where others read along, the card stays current (cards/refresh.ts); a personal chat asks again.
  if (!shared) return card;
  // The view names the partners involved: their members are found without reading the case again.
  const about = view.involvedPartnerIds
    ? { covenantId: view.covenantId, partnerIds: view.involvedPartnerIds }
    : { caseId: view.caseId };
  return withRefresh(scope.locale, card, view.caseId, await scope.refreshAudience?.(about));
}

async function openView(scope: MemberScope, caseId: string): Promise<CaseView> {
  const view = await scope.casework.caseView(scope.actor, caseId, {
    locale: scope.locale,
    withPersonalData: false,
  });
  if (view.status !== 'open') throw new CaseClosed(view.caseId);
  // The forms are for those who may act on the step: the domain refuses (and audits) the others.
  if (!canAct(view)) await scope.casework.checkStepActor(scope.actor, view.caseId, 'act on this step');
  return view;
}

export async function contactForm(
  scope: MemberScope,
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
  scope: MemberScope,
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

export async function submitContact(scope: MemberScope, data: Submitted): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'contact');
  const values = {
    kind: stringField(data, 'kind'),
    reached: toggleField(data, 'reached'),
    date: stringField(data, 'date'),
    daypart: stringField(data, 'daypart'),
  };
  let after;
  try {
    const input = parseInput(contactAttemptInput, values);
    after = await scope.casework.logContactAttempt(scope.actor, caseId, data.version ?? -1, input);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return contactForm(scope, caseId, values, fieldErrorTexts(scope.locale, error.fieldErrors), data.version);
  }
  return showCaseAfter(scope, after);
}

export async function submitOutcome(scope: MemberScope, data: Submitted): Promise<AdaptiveCard> {
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
    after = await scope.casework.logOutcome(scope.actor, caseId, data.version ?? -1, input);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return outcomeForm(scope, caseId, values, fieldErrorTexts(scope.locale, error.fieldErrors), data.version);
  }
  // The notices as the domain decided them.
  const card = await showCaseAfter(scope, after);
  await scope.notify.tell(after.notices);
  return card;
}
