// The card builders: pure functions from a view model to Adaptive Card JSON (schema 1.5).
export type * from './card-types.js';
export { CARD_SCHEMA, CARD_VERSION } from './card-types.js';
export type { FieldErrors, FormValues } from './elements.js';
export { formatEuro } from './format.js';
export { localeFrom, texts, type Locale, type Texts } from './texts.js';
export { helpCard, welcomeCard } from './help.js';
export {
  registerArrearsCard,
  registerConfirmCard,
  registerCovenantCard,
  registerHouseholdCard,
  signalRegisteredCard,
} from './register-signal.js';
export { caseCard, contactFormCard, messageCard, outcomeFormCard, staleCard, statusCard } from './case.js';
export { MAX_ROWS, tasksCard } from './lists.js';
export { agendaCard, reportCard } from './report.js';
export { approvalCard, approvalResultCard, onboardingCard, organisationValue } from './onboarding.js';
export { openInAanZet, type TabLink } from './tab-link.js';
export { digestCard, noteFormCard, postponeFormCard, reminderCard } from './reminders.js';
