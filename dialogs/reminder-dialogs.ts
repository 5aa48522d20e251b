import { InvalidInput, NotAllowed } from '../casework/errors.js';
import { fieldErrorTexts } from '../cards/field-errors.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { messageCard, noteFormCard, postponeFormCard } from '../cards/index.js';
import { texts } from '../cards/texts.js';
import { caseIdFrom, showCaseAfter } from './case-dialogs.js';
import { stringField, type MemberScope, type Submitted } from './scope.js';

// What a reminder card offers besides the outcome form: take the step over, postpone it with a
// reason; and `koppel kanaal`, which sends a partner's reminders and digest to a team channel.

export async function takeOver(scope: MemberScope, data: Submitted): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  return showCaseAfter(scope, await scope.casework.takeOverStep(scope.actor, caseId, data.version ?? -1));
}

export async function postponeForm(
  scope: MemberScope,
  data: Submitted,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const view = await scope.casework.caseStatus(scope.actor, caseId, scope.locale);
  // The card keeps the version the user started from, so a change in between is still refused.
  return postponeFormCard(scope.locale, {
    view: { ...view, version: data.version ?? view.version },
    values,
    errors,
  });
}

export async function submitPostpone(scope: MemberScope, data: Submitted): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const values = { until: stringField(data, 'until') ?? '', reason: stringField(data, 'reason') ?? '' };
  let after;
  try {
    after = await scope.casework.postponeStep(scope.actor, caseId, data.version ?? -1, values);
  } catch (error) {
    if (error instanceof InvalidInput)
      return postponeForm(scope, data, values, fieldErrorTexts(scope.locale, error.fieldErrors));
    throw error;
  }
  return showCaseAfter(scope, after);
}

/** `koppel kanaal` in a team channel: this channel gets the reminders of the user's organisation. */
export async function linkChannel(scope: MemberScope): Promise<AdaptiveCard> {
  const linked = await scope.casework.linkChannel(scope.actor, scope.conversation);
  const r = texts(scope.locale).reminders;
  const lines = linked.map((l) => r.linked(l.partnerName, l.covenantName));
  return messageCard(scope.locale, { title: r.linkedTitle, text: lines.join(' '), tone: 'good' });
}

/** The form for a confidential note; only where personal data may be shown. */
export async function noteForm(
  scope: MemberScope,
  data: Submitted,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
): Promise<AdaptiveCard> {
  if (scope.conversation.kind !== 'personal')
    throw new NotAllowed('add a note', 'only in a personal chat', { code: 'personal_chat_only' });
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const view = await scope.casework.caseStatus(scope.actor, caseId, scope.locale);
  return noteFormCard(scope.locale, {
    caseId: view.caseId,
    version: data.version ?? view.version,
    values,
    errors,
  });
}

export async function submitNote(scope: MemberScope, data: Submitted): Promise<AdaptiveCard> {
  if (scope.conversation.kind !== 'personal')
    throw new NotAllowed('add a note', 'only in a personal chat', { code: 'personal_chat_only' });
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const values = { text: stringField(data, 'text') ?? '' };
  let after;
  try {
    after = await scope.casework.addConfidentialNote(scope.actor, caseId, data.version ?? -1, values);
  } catch (error) {
    if (error instanceof InvalidInput)
      return noteForm(scope, data, values, fieldErrorTexts(scope.locale, error.fieldErrors));
    throw error;
  }
  return showCaseAfter(scope, after);
}
