import type { Logger } from 'pino';
import { cleanLine } from '../../casework/commands/clean-text.js';
import { helpCard } from '../../cards/index.js';
import { actionDataSchema } from '../../cards/verbs.js';
import { parseCommand } from '../../dialogs/commands.js';
import { commandHandlers, isOpenCommand, isOpenVerb, verbHandlers } from '../../dialogs/handlers.js';
import { searchCases, unfurlCase } from '../../dialogs/search.js';
import type { Middleware } from './chain.js';
import { isResultsRoute, type Route } from './route.js';
import { earlier, type Turn } from './turn.js';

/** The case a pasted link leads to, when it is a link to a case in AanZet (bot/case-link.ts). */
export type CaseOfLink = (url: string) => string | undefined;

/**
 * Finds the command, card verb, search or pasted link this turn asks for; turns that ask nothing
 * end here. Without caseOfLink no link leads to a case.
 */
export function resolveRoute(logger: Logger, caseOfLink?: CaseOfLink): Middleware<Turn> {
  return async (turn, next) => {
    const event = turn.event;
    if (event.kind === 'message') turn.route = commandRoute(event.text);
    else if (event.kind === 'cardAction') turn.route = verbRoute(event.verb, event.data, logger);
    else if (event.kind === 'search')
      turn.route = {
        name: 'search',
        open: false,
        results: 'search',
        run: (scope) => searchCases(scope, event),
      };
    else if (event.kind === 'unfurl') {
      const caseId = caseOfLink?.(event.url);
      turn.route = {
        name: 'unfurl',
        open: false,
        results: 'unfurl',
        run: (scope) => unfurlCase(scope, caseId),
      };
    } else return;
    await next();
  };
}

function commandRoute(text: string): Route {
  // A case id pasted from Outlook or a PDF often carries invisible characters: clean like any input.
  const parsed = parseCommand(cleanLine(text));
  if (parsed.kind === 'unknown')
    return {
      name: 'unknown',
      open: true,
      run: async (scope) =>
        helpCard(scope.locale, { suggestion: parsed.suggestion, unknownText: parsed.text }),
    };
  const { name, argument } = parsed;
  if (isOpenCommand(name))
    return { name, open: true, run: (scope) => commandHandlers[name](scope, argument) };
  return { name, open: false, run: (scope) => commandHandlers[name](scope, argument) };
}

function verbRoute(verb: string | undefined, data: Record<string, unknown>, logger: Logger): Route {
  const parsed = actionDataSchema.safeParse({ ...data, verb });
  if (!parsed.success) {
    logger.warn({ verb }, 'card action with an unknown verb or bad data');
    return { name: 'unknown', open: true, run: async (scope) => helpCard(scope.locale, {}) };
  }
  const submitted = { ...data, ...parsed.data };
  const name = submitted.verb;
  if (isOpenVerb(name)) return { name, open: true, run: (scope) => verbHandlers[name](scope, submitted) };
  return { name, open: false, run: (scope) => verbHandlers[name](scope, submitted) };
}

/** Runs the route with the scope it needs and answers with its card (or result list). */
export const dispatch: Middleware<Turn> = async (turn) => {
  const route = earlier(turn.route, 'route');
  // Only the membership gate sets the member scope: without it, a member route never runs.
  if (isResultsRoute(route))
    return turn.answer(await route.run(earlier(turn.member, 'member scope (membership gate)')));
  const card = route.open
    ? await route.run(earlier(turn.scope, 'scope'))
    : await route.run(earlier(turn.member, 'member scope (membership gate)'));
  await turn.reply(card);
};
