import type { Logger } from 'pino';
import { cleanLine } from '../../casework/commands/clean-text.js';
import { helpCard } from '../../cards/index.js';
import { actionDataSchema } from '../../cards/verbs.js';
import { parseCommand } from '../../dialogs/commands.js';
import { commandHandlers, isOpenCommand, isOpenVerb, verbHandlers } from '../../dialogs/handlers.js';
import type { Middleware } from './chain.js';
import type { Route } from './route.js';
import { earlier, type Turn } from './turn.js';

/** Finds the command or card verb this turn asks for; turns that ask nothing end here. */
export function resolveRoute(logger: Logger): Middleware<Turn> {
  return async (turn, next) => {
    const event = turn.event;
    if (event.kind === 'message') turn.route = commandRoute(event.text);
    else if (event.kind === 'cardAction') turn.route = verbRoute(event.verb, event.data, logger);
    else return;
    await next();
  };
}

function commandRoute(text: string): Route {
  // A case id pasted from Outlook or a PDF often carries invisible characters: clean like any input.
  const parsed = parseCommand(cleanLine(text));
  if (parsed.kind === 'unknown')
    return {
      open: true,
      run: async (scope) =>
        helpCard(scope.locale, { suggestion: parsed.suggestion, unknownText: parsed.text }),
    };
  const { name, argument } = parsed;
  if (isOpenCommand(name)) return { open: true, run: (scope) => commandHandlers[name](scope, argument) };
  return { open: false, run: (scope) => commandHandlers[name](scope, argument) };
}

function verbRoute(verb: string | undefined, data: Record<string, unknown>, logger: Logger): Route {
  const parsed = actionDataSchema.safeParse({ ...data, verb });
  if (!parsed.success) {
    logger.warn({ verb }, 'card action with an unknown verb or bad data');
    return { open: true, run: async (scope) => helpCard(scope.locale, {}) };
  }
  const submitted = { ...data, ...parsed.data };
  const name = submitted.verb;
  if (isOpenVerb(name)) return { open: true, run: (scope) => verbHandlers[name](scope, submitted) };
  return { open: false, run: (scope) => verbHandlers[name](scope, submitted) };
}

/** Runs the route with the scope it needs and answers with its card. */
export const dispatch: Middleware<Turn> = async (turn) => {
  const route = earlier(turn.route, 'route');
  // Only the membership gate sets the member scope: without it, a member route never runs.
  const card = route.open
    ? await route.run(earlier(turn.scope, 'scope'))
    : await route.run(earlier(turn.member, 'member scope (membership gate)'));
  await turn.reply(card);
};
