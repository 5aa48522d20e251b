import { authorText } from '../cards/timeline.js';
import { CaseClosed, CaseNotFound, InvalidInput, NotAllowed, StaleVersion } from '../casework/errors.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { messageCard, staleCard } from '../cards/index.js';
import { fieldErrorText } from '../cards/field-errors.js';
import type { Locale } from '../casework/reads/views.js';
import { texts } from '../cards/texts.js';

/** Named domain errors to the card the user sees, in one place. Anything else is a fault. */
export function cardForError(locale: Locale, error: unknown): AdaptiveCard | undefined {
  const m = texts(locale).messages;
  if (error instanceof StaleVersion)
    return staleCard(locale, {
      caseId: error.caseId,
      by: authorText(error.lastChangeBy, error.lastChangeSystem, locale),
      at: error.lastChangeAt,
    });
  if (error instanceof CaseNotFound)
    return messageCard(locale, { title: m.notFoundTitle, text: m.notFound(error.caseId), tone: 'attention' });
  if (error instanceof CaseClosed)
    return messageCard(locale, { title: m.closedTitle, text: m.closed(error.caseId), tone: 'attention' });
  if (error instanceof NotAllowed)
    return messageCard(locale, {
      title: m.notAllowedTitle,
      text: m.refusal(error.refusal),
      tone: 'attention',
    });
  if (error instanceof InvalidInput)
    return messageCard(locale, {
      title: m.inputTitle,
      text: Object.values(error.fieldErrors)
        .map((fieldError) => fieldErrorText(locale, fieldError))
        .join(' '),
      tone: 'attention',
    });
  return undefined;
}

export function faultCard(locale: Locale): AdaptiveCard {
  const m = texts(locale).messages;
  return messageCard(locale, { title: m.errorTitle, text: m.errorText, tone: 'attention' });
}
