import { NotAllowed } from '../casework/errors.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { helpCard } from '../cards/index.js';
import type { Verb } from '../cards/verbs.js';
import {
  caseIdFrom,
  contactForm,
  outcomeForm,
  showCase,
  showStatus,
  submitContact,
  submitOutcome,
} from './case-dialogs.js';
import type { CommandName } from './commands.js';
import { undoJoin } from './join-dialogs.js';
import { refreshDigest, refreshStatus } from './refresh.js';
import { agenda, myTasks, overview, report } from './lists.js';
import { decideMembership, requestMembership } from './onboarding.js';
import { startRegisterSignal, submitRegisterStep } from './register-signal.js';
import {
  linkChannel,
  noteForm,
  postponeForm,
  submitNote,
  submitPostpone,
  takeOver,
} from './reminder-dialogs.js';
import type { DialogScope, MemberScope, Submitted } from './scope.js';

// One handler per command and per card verb, registered here and nowhere else. The maps are
// exhaustive: a new command or verb does not compile until it has a handler. Only the open ones
// run for someone who is not (yet) a member; all others get a MemberScope.

type CommandHandler<S = MemberScope> = (scope: S, argument: string) => Promise<AdaptiveCard>;
type VerbHandler<S = MemberScope> = (scope: S, data: Submitted) => Promise<AdaptiveCard>;

/** Commands and verbs an unknown or not yet approved user may use. */
export type OpenCommand = 'help';
export type OpenVerb = 'onboarding.request' | 'status.refresh' | 'digest.refresh';

type CommandHandlers = {
  [N in CommandName]: N extends OpenCommand ? CommandHandler<DialogScope> : CommandHandler;
};
type VerbHandlers = { [V in Verb]: V extends OpenVerb ? VerbHandler<DialogScope> : VerbHandler };

/** Personal data may appear: only in a personal chat. */
function personalOnly(handler: CommandHandler): CommandHandler {
  return (scope, argument) => {
    if (scope.conversation.kind !== 'personal')
      throw new NotAllowed('do this here', 'only in a personal chat', { code: 'personal_chat_only' });
    return handler(scope, argument);
  };
}

export const commandHandlers: CommandHandlers = {
  help: async (scope) => helpCard(scope.locale, {}),
  'nieuw signaal': personalOnly((scope) => startRegisterSignal(scope)),
  'mijn taken': (scope) => myTasks(scope),
  status: (scope, argument) => showStatus(scope, caseIdFrom(scope, argument, 'status')),
  'wie is aan zet': (scope, argument) => showCase(scope, caseIdFrom(scope, argument, 'wie is aan zet')),
  contact: (scope, argument) => contactForm(scope, caseIdFrom(scope, argument, 'contact')),
  uitkomst: (scope, argument) => outcomeForm(scope, caseIdFrom(scope, argument, 'uitkomst')),
  overzicht: (scope) => overview(scope),
  rapportage: (scope, argument) => report(scope, argument),
  agenda: (scope) => agenda(scope),
  'koppel kanaal': (scope) => linkChannel(scope),
};

export const verbHandlers: VerbHandlers = {
  'signal.start': (scope) => commandHandlers['nieuw signaal'](scope, ''),
  'signal.covenant': submitRegisterStep,
  'signal.household': submitRegisterStep,
  'signal.arrears': submitRegisterStep,
  'signal.confirm': submitRegisterStep,
  'signal.back': submitRegisterStep,
  'signal.cancel': submitRegisterStep,
  'case.show': (scope, data) => showCase(scope, caseIdFrom(scope, data.caseId, 'wie is aan zet')),
  'case.contactForm': (scope, data) => contactForm(scope, caseIdFrom(scope, data.caseId, 'contact')),
  'case.contact': submitContact,
  'case.outcomeForm': (scope, data) => outcomeForm(scope, caseIdFrom(scope, data.caseId, 'uitkomst')),
  'case.outcome': submitOutcome,
  'case.takeOver': takeOver,
  'case.postponeForm': (scope, data) => postponeForm(scope, data),
  'case.postpone': submitPostpone,
  'case.noteForm': (scope, data) => noteForm(scope, data),
  'case.note': submitNote,
  'case.undoJoin': undoJoin,
  'status.refresh': refreshStatus,
  'digest.refresh': refreshDigest,
  'tasks.show': (scope) => myTasks(scope),
  'overview.show': (scope) => overview(scope),
  'onboarding.request': requestMembership,
  'onboarding.approve': (scope, data) => decideMembership(scope, data, true),
  'onboarding.reject': (scope, data) => decideMembership(scope, data, false),
};

const OPEN_VERBS: ReadonlySet<Verb> = new Set<OpenVerb>([
  'onboarding.request',
  'status.refresh',
  'digest.refresh',
]);
const OPEN_COMMANDS: ReadonlySet<CommandName> = new Set<OpenCommand>(['help']);

export function isOpenCommand(name: CommandName): name is OpenCommand {
  return OPEN_COMMANDS.has(name);
}

export function isOpenVerb(verb: Verb): verb is OpenVerb {
  return OPEN_VERBS.has(verb);
}
