import type { AdaptiveCard } from '../../cards/card-types.js';
import type { DialogScope, MemberScope } from '../../dialogs/scope.js';
import type { ResultList } from '../../dialogs/search.js';

/**
 * What a message or click asks for: open to anyone, or only to members (the gate decides). A
 * search or a pasted link (`results`) is for members only and answers with a result list.
 */
export type Route = (
  | { open: true; run(scope: DialogScope): Promise<AdaptiveCard> }
  | { open: false; run(scope: MemberScope): Promise<AdaptiveCard> }
  | ResultsRoute
) & {
  /** The command or verb's name, 'search', 'unfurl' or 'unknown', for the request log (never what was typed). */
  name?: string;
};

export interface ResultsRoute {
  open: false;
  results: 'search' | 'unfurl';
  run(scope: MemberScope): Promise<ResultList>;
}

export function isResultsRoute(route: Route): route is ResultsRoute {
  return 'results' in route;
}
