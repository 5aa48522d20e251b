import type { StepView } from '../casework/reads/views.js';
import type { AdaptiveCard, CardAction } from './card-types.js';
import { statusCard } from './case.js';
import { card, execute, heading, text } from './elements.js';
import type { TabLink } from './tab-link.js';
import { texts, type Locale } from './texts.js';
import { action, type ActionData } from './verbs.js';

// Cards that stay current. A status card in a channel or group chat carries an Adaptive Card
// `refresh` (schema 1.4, Universal Actions): when someone opens the conversation, Teams invokes
// its Action.Execute (adaptiveCard/action, trigger 'automatic') and shows the card the bot
// answers, for that reader only. AanZet answers with the shared status as it is now (step,
// partner, deadline, on time / late / closed; never personal data), with the step's buttons for
// those who hold it. Personal chats get no refresh: the card there already has its actions, and
// "wie is aan zet" shows the whole case.

/** The verb of a status card's refresh; its data is `{ caseId }`. */
export const REFRESH_VERB = 'status.refresh';

/**
 * Teams refreshes by itself for at most 60 listed users (more are not allowed). Microsoft's
 * docs (Universal Actions, "user IDs in refresh"): with `userIds` listed, those users' cards
 * refresh by themselves; with `userIds: []` nobody's does (only the "Refresh card" menu);
 * without `userIds`, everyone's in a chat or channel of up to 60 people, and in a bigger one
 * only by that menu. So: the involved members when there are 1 to 60 of them; otherwise no list
 * (not an empty one, which would switch the automatic refresh off in small chats too).
 */
export const MAX_REFRESH_USERS = 60;

/**
 * Any card that shows one case's status, made to stay current. `userIds`: the Teams user ids of
 * the members involved in the case (bot/refresh-audience.ts); over 60 or none: not listed.
 */
export function withRefresh(
  locale: Locale,
  shown: AdaptiveCard,
  caseId: string,
  userIds: readonly string[] = [],
): AdaptiveCard {
  return refreshing(locale, shown, action(REFRESH_VERB, { caseId }), userIds);
}

/** The verb of a digest's refresh; its data is `{ covenantId, partnerId }`. */
export const DIGEST_REFRESH_VERB = 'digest.refresh';

/** A partner's digest in its channel, made to stay current; `userIds`: the partner's members. */
export function withDigestRefresh(
  locale: Locale,
  shown: AdaptiveCard,
  digest: { covenantId: string; partnerId: string },
  userIds: readonly string[] = [],
): AdaptiveCard {
  const data = action(DIGEST_REFRESH_VERB, { covenantId: digest.covenantId, partnerId: digest.partnerId });
  return refreshing(locale, shown, data, userIds);
}

function refreshing(
  locale: Locale,
  shown: AdaptiveCard,
  data: ActionData,
  userIds: readonly string[],
): AdaptiveCard {
  const unique = [...new Set(userIds)];
  return {
    ...shown,
    refresh: {
      action: execute(texts(locale).refresh.action, data),
      ...(unique.length > 0 && unique.length <= MAX_REFRESH_USERS ? { userIds: unique } : {}),
    },
  };
}

/**
 * The answer to a refresh: the compact status (statusCard: no personal data), with the buttons
 * to the contact and outcome forms for a reader who holds the open step.
 */
export function refreshedStatusCard(
  locale: Locale,
  model: { view: StepView; mayAct: boolean; tabLink?: TabLink; userIds?: readonly string[] },
): AdaptiveCard {
  const t = texts(locale);
  const { view } = model;
  const shown = statusCard(locale, { view, tabLink: model.tabLink });
  const context = { caseId: view.caseId, version: view.version };
  const stepActions: CardAction[] =
    model.mayAct && view.status === 'open' && view.stepId !== null
      ? [
          execute(t.case.contact, action('case.contactForm', context)),
          execute(t.case.outcome, action('case.outcomeForm', context)),
        ]
      : [];
  const actions = [...stepActions, ...(shown.actions ?? [])];
  const { actions: _none, ...rest } = shown;
  return withRefresh(
    locale,
    { ...rest, ...(actions.length > 0 ? { actions } : {}) },
    view.caseId,
    model.userIds,
  );
}

/**
 * The answer to a refresh by someone who may not see the case or digest (another covenant, not
 * a member, an unknown id): only that it is not for them, nothing of the case. A case's keeps
 * its refresh, unlisted, so that the card comes back once they may see it.
 */
export function statusNotAvailableCard(locale: Locale, caseId: string | undefined): AdaptiveCard {
  const t = texts(locale);
  const title = caseId ? t.case.statusTitle(caseId) : t.refresh.unavailableTitle;
  const shown = card([heading(title), text(t.refresh.notAvailable)], [], title);
  return caseId ? withRefresh(locale, shown, caseId) : shown;
}
