/**
 * The bot's text commands as Teams offers them in the command menu (manifest `commandLists`).
 * Titles are what the user sends, so they stay Dutch in every language; the descriptions are
 * Dutch in manifest.template.json and English in en.json. Tests keep both files in line with
 * this list.
 */
export interface BotCommand {
  title: string;
  description: { nl: string; en: string };
  /** Offered in team channels and group chats too, not only in personal chat. */
  inChannels: boolean;
}

export const BOT_COMMANDS: readonly BotCommand[] = [
  {
    title: 'help',
    description: {
      nl: 'Uitleg over AanZet en de opdrachten die je kunt geven',
      en: 'What AanZet does and the commands you can use',
    },
    inChannels: true,
  },
  {
    title: 'nieuw signaal',
    description: {
      nl: 'Een nieuw signaal van huurachterstand registreren',
      en: 'Register a new rent-arrears signal',
    },
    inChannels: false,
  },
  {
    title: 'mijn taken',
    description: {
      nl: 'De stappen waarvoor jij aan zet bent, met hun termijn',
      en: 'The steps it is your turn to take, with their deadlines',
    },
    inChannels: true,
  },
  {
    title: 'status',
    description: {
      nl: 'De stand van een casus, bijvoorbeeld: status DAL-2026-0042',
      en: 'The status of a case, for example: status DAL-2026-0042',
    },
    inChannels: true,
  },
  {
    title: 'wie is aan zet',
    description: {
      nl: 'Welke partner nu aan zet is bij een casus, en tot wanneer',
      en: "Which partner is responsible for a case's current step, and until when",
    },
    inChannels: true,
  },
  {
    title: 'contact',
    description: {
      nl: 'Een contactpoging vastleggen: brief, telefoon, huisbezoek of ander contact',
      en: 'Log a contact attempt: letter, phone call, home visit or other contact',
    },
    inChannels: false,
  },
  {
    title: 'uitkomst',
    description: {
      nl: 'De uitkomst van een stap vastleggen',
      en: 'Record the outcome of a step',
    },
    inChannels: false,
  },
  {
    title: 'overzicht',
    description: {
      nl: 'Wat binnenkort verloopt en wat over de termijn is',
      en: 'What is due soon and what is overdue',
    },
    inChannels: true,
  },
  {
    title: 'rapportage',
    description: {
      nl: 'Monitoringcijfers en de agenda voor het casuïstiekoverleg',
      en: 'Monitoring figures and the agenda for the case review meeting',
    },
    inChannels: false,
  },
];

/** Teams shows at most 10 commands per command list. */
export const MAX_COMMANDS_PER_LIST = 10;
