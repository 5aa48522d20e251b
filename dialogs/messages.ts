import type { Refusal } from '../casework/errors.js';
import type { Locale } from '../casework/reads/views.js';

// The dialogs' own sentences (the cards' labels are in cards/texts.ts).

const nl = {
  expiredTitle: 'Dit formulier is verlopen',
  expiredText:
    'Het hoort bij een signaal dat al is geregistreerd of afgebroken, of het lag langer dan 24 uur stil en de ' +
    'ingevulde gegevens zijn gewist. Typ "nieuw signaal" om opnieuw te beginnen.',
  cancelledTitle: 'Signaal afgebroken',
  cancelledText: 'Er is niets geregistreerd.',
  chooseCovenant: 'Kies een convenant',
  tooLong: (max: number) => `Dit is te lang: hoogstens ${max} tekens. Het is niet bewaard.`,
  summaryHousehold: 'Huishouden',
  summaryArrears: 'Achterstand',
  summarySignalDate: 'Signaaldatum',
  notFoundTitle: 'Casus niet gevonden',
  notFound: (id: string) => `Er is geen casus ${id}. Controleer het nummer, bijvoorbeeld LEK-2026-0031.`,
  needCaseId: (command: string) => `Geef een casusnummer mee, bijvoorbeeld "${command} LEK-2026-0031".`,
  notAllowedTitle: 'Dat mag niet',
  staleTitle: 'Al gedaan',
  errorTitle: 'Er ging iets mis',
  errorText: 'AanZet kon dit niet afmaken. Er is niets half opgeslagen; probeer het opnieuw.',
  inputTitle: 'Controleer de invoer',
  pendingTitle: 'Wacht op goedkeuring',
  pendingText: 'Je aanvraag ligt bij de coördinator van het convenant.',
  requestedTitle: 'Aanvraag verstuurd',
  requestedText: (partner: string) => `De coördinator krijgt je aanvraag om namens ${partner} mee te werken.`,
  noCoordinator:
    'Er is nog geen coördinator in AanZet voor dit convenant; neem contact op met de beleidsmedewerker.',
  tasksTitle: 'Mijn taken',
  tasksEmpty: 'Je organisatie heeft geen open stappen.',
  overviewTitle: (covenant: string) => `Overzicht ${covenant}`,
  overviewEmpty: 'Geen open stappen.',
  closedTitle: 'Casus is afgesloten',
  closed: (id: string) => `Casus ${id} is al afgesloten.`,
  nextStepTitle: (id: string) => `Casus ${id}: jullie zijn aan zet`,
  refusal: (r: Refusal): string => {
    switch (r.code) {
      case 'not_member':
        return `Je bent geen lid van het convenant "${r.covenant}".`;
      case 'awaiting_approval':
        return 'Je aanmelding wacht nog op goedkeuring door de coördinator.';
      case 'coordinator_only':
        return r.role ? `Alleen de ${r.role} mag dit.` : 'Alleen de coördinator van het convenant mag dit.';
      case 'not_your_step':
        return `Deze stap is voor ${r.owner}.`;
      case 'no_open_step':
        return `Casus ${r.caseId} heeft geen open stap.`;
      case 'sends_no_signals':
        return r.type
          ? `${r.partner} registreert geen signalen van het soort ${r.type}.`
          : 'Je organisatie registreert geen signalen in een convenant.';
      case 'no_step_on_case':
        return 'Je organisatie heeft geen stap in deze casus.';
      case 'already_member':
        return `Je bent al lid van "${r.covenant}".`;
      case 'no_such_request':
        return 'Die aanvraag bestaat niet (meer).';
      case 'personal_chat_only':
        return 'Dit kan alleen in een persoonlijk gesprek met AanZet, omdat er persoonsgegevens in staan.';
      case 'channel_only':
        return 'Typ dit in het teamkanaal dat de herinneringen moet krijgen.';
      case 'no_covenant':
        return 'Je bent nog geen lid van een convenant.';
    }
  },
};

const en: typeof nl = {
  expiredTitle: 'This form has expired',
  expiredText:
    'It belongs to a signal that was already registered or cancelled, or it was left for more than 24 hours ' +
    'and what was filled in has been deleted. Type "new signal" to start again.',
  cancelledTitle: 'Signal cancelled',
  cancelledText: 'Nothing was registered.',
  chooseCovenant: 'Choose a covenant',
  tooLong: (max: number) => `This is too long: ${max} characters at most. It was not kept.`,
  summaryHousehold: 'Household',
  summaryArrears: 'Arrears',
  summarySignalDate: 'Signal date',
  notFoundTitle: 'Case not found',
  notFound: (id: string) => `There is no case ${id}. Check the number, for example LEK-2026-0031.`,
  needCaseId: (command: string) => `Add a case number, for example "${command} LEK-2026-0031".`,
  notAllowedTitle: 'Not allowed',
  staleTitle: 'Already done',
  errorTitle: 'Something went wrong',
  errorText: 'AanZet could not finish this. Nothing was half saved; please try again.',
  inputTitle: 'Please check your input',
  pendingTitle: 'Waiting for approval',
  pendingText: "Your request is with the covenant's coordinator.",
  requestedTitle: 'Request sent',
  requestedText: (partner: string) => `The coordinator gets your request to work on behalf of ${partner}.`,
  noCoordinator: 'This covenant has no coordinator in AanZet yet; please contact its policy officer.',
  tasksTitle: 'My tasks',
  tasksEmpty: 'Your organisation has no open steps.',
  overviewTitle: (covenant: string) => `Overview ${covenant}`,
  overviewEmpty: 'No open steps.',
  closedTitle: 'Case is closed',
  closed: (id: string) => `Case ${id} is already closed.`,
  nextStepTitle: (id: string) => `Case ${id}: your turn`,
  refusal: (r: Refusal): string => {
    switch (r.code) {
      case 'not_member':
        return `You are not a member of the covenant "${r.covenant}".`;
      case 'awaiting_approval':
        return 'Your membership is still waiting for approval by the coordinator.';
      case 'coordinator_only':
        return r.role ? `Only the ${r.role} may do this.` : "Only the covenant's coordinator may do this.";
      case 'not_your_step':
        return `This step is for ${r.owner}.`;
      case 'no_open_step':
        return `Case ${r.caseId} has no open step.`;
      case 'sends_no_signals':
        return r.type
          ? `${r.partner} does not register ${r.type} signals.`
          : 'Your organisation registers no signals.';
      case 'no_step_on_case':
        return 'Your organisation has no step on this case.';
      case 'already_member':
        return `You are already a member of "${r.covenant}".`;
      case 'no_such_request':
        return 'That request does not exist (any more).';
      case 'personal_chat_only':
        return 'This is only possible in a personal chat with AanZet, because it holds personal data.';
      case 'channel_only':
        return 'Type this in the team channel that should get the reminders.';
      case 'no_covenant':
        return 'You are not a member of a covenant yet.';
    }
  },
};

export function messages(locale: Locale): typeof nl {
  return locale === 'en' ? en : nl;
}
