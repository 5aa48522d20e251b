import { InvalidInput, NotAllowed } from '../casework/errors.js';
import { fieldErrorTexts } from '../cards/field-errors.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { messageCard, noteFormCard, postponeFormCard } from '../cards/index.js';
import { texts } from '../cards/texts.js';
import { caseIdFrom, showCase } from './case-dialogs.js';
import { stringField, type DialogScope, type Submitted } from './scope.js';

// What a reminder card offers besides the outcome form: take the step over, postpone it with a
// reason; and `koppel kanaal`, which sends a partner's reminders and digest to a team channel.

export async function takeOver(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  await scope.casework.takeOverStep(scope.actor!, caseId, data.version ?? -1);
  return showCase(scope, caseId);
}

export async function postponeForm(
  scope: DialogScope,
  data: Submitted,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const view = await scope.casework.caseStatus(scope.actor!, caseId, scope.locale);
  // The card keeps the version the user started from, so a change in between is still refused.
  return postponeFormCard(scope.locale, {
    view: { ...view, version: data.version ?? view.version },
    values,
    errors,
  });
}

export async function submitPostpone(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const values = { until: stringField(data, 'until') ?? '', reason: stringField(data, 'reason') ?? '' };
  try {
    await scope.casework.postponeStep(scope.actor!, caseId, data.version ?? -1, values);
  } catch (error) {
    if (error instanceof InvalidInput)
      return postponeForm(scope, data, values, fieldErrorTexts(scope.locale, error.fieldErrors));
    throw error;
  }
  return showCase(scope, caseId);
}

/** `koppel kanaal` in a team channel: this channel gets the reminders of the user's organisation. */
export async function linkChannel(scope: DialogScope): Promise<AdaptiveCard> {
  if (scope.conversation.kind !== 'channel')
    throw new NotAllowed('link a channel', 'only in a team channel', { code: 'channel_only' });
  const memberships = (scope.actor?.memberships ?? []).filter((m) => m.status === 'active');
  const target = await scope.conversations.get(scope.conversation.id);
  if (!target) throw new Error(`no conversation reference for ${scope.conversation.id}`);
  const links = [...(target.links ?? [])];
  for (const m of memberships)
    if (!links.some((l) => l.covenantId === m.covenantId && l.partnerId === m.partnerId))
      links.push({ covenantId: m.covenantId, partnerId: m.partnerId });
  await scope.conversations.put({ ...target, links });
  const r = texts(scope.locale).reminders;
  const lines = memberships.map((m) => {
    const covenant = scope.casework.ctx.covenant(m.covenantId);
    return r.linked(covenant.partners.find((p) => p.id === m.partnerId)?.name ?? m.partnerId, covenant.name);
  });
  return messageCard(scope.locale, { title: r.linkedTitle, text: lines.join(' '), tone: 'good' });
}

/** The form for a confidential note; only where personal data may be shown. */
export async function noteForm(
  scope: DialogScope,
  data: Submitted,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
): Promise<AdaptiveCard> {
  if (scope.conversation.kind !== 'personal')
    throw new NotAllowed('add a note', 'only in a personal chat', { code: 'personal_chat_only' });
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const view = await scope.casework.caseStatus(scope.actor!, caseId, scope.locale);
  return noteFormCard(scope.locale, {
    caseId: view.caseId,
    version: data.version ?? view.version,
    values,
    errors,
  });
}

export async function submitNote(scope: DialogScope, data: Submitted): Promise<AdaptiveCard> {
  if (scope.conversation.kind !== 'personal')
    throw new NotAllowed('add a note', 'only in a personal chat', { code: 'personal_chat_only' });
  const caseId = caseIdFrom(scope, data.caseId, 'wie is aan zet');
  const values = { text: stringField(data, 'text') ?? '' };
  try {
    await scope.casework.addConfidentialNote(scope.actor!, caseId, data.version ?? -1, values);
  } catch (error) {
    if (error instanceof InvalidInput)
      return noteForm(scope, data, values, fieldErrorTexts(scope.locale, error.fieldErrors));
    throw error;
  }
  return showCase(scope, caseId);
}
