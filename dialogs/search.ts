import { parseCaseId } from '../casework/case/case-id.js';
import { CaseNotFound, NotAllowed } from '../casework/errors.js';
import { caseResult, type CaseResult } from '../cards/search.js';
import { texts } from '../cards/texts.js';
import type { DialogScope, MemberScope } from './scope.js';

// The compose box: searching cases (a message extension's query command) and a pasted link to a
// case (link unfurling). Both answer with cases to pick, each as the compact status card.

/** What a search or a pasted link answers: cases to pick, or one line of text instead. */
export type ResultList = { kind: 'results'; items: CaseResult[] } | { kind: 'message'; text: string };

export const NO_RESULTS: ResultList = { kind: 'results', items: [] };

/** The text typed in the compose box (empty: the searcher's own open steps) and Teams' page. */
export interface SearchQuery {
  text: string;
  skip?: number;
  count?: number;
}

export async function searchCases(scope: MemberScope, query: SearchQuery): Promise<ResultList> {
  const views = await scope.casework.searchCases(scope.actor, query.text, {
    locale: scope.locale,
    ...(query.skip !== undefined ? { skip: query.skip } : {}),
    ...(query.count !== undefined ? { count: query.count } : {}),
  });
  return { kind: 'results', items: views.map((view) => caseResult(scope.locale, view, scope.tabLink)) };
}

/**
 * A pasted link to a case: the card when the reader may look the case up (as `status <id>`),
 * otherwise nothing at all, so a link never tells whether a case exists.
 */
export async function unfurlCase(scope: MemberScope, caseId: string | undefined): Promise<ResultList> {
  const id = caseId === undefined ? undefined : parseCaseId(caseId);
  if (id === undefined) return NO_RESULTS;
  try {
    // Shared: the card lands in a conversation others read.
    const view = await scope.casework.caseStatus(scope.actor, id, scope.locale, true);
    return { kind: 'results', items: [caseResult(scope.locale, view, scope.tabLink)] };
  } catch (error) {
    if (error instanceof CaseNotFound || error instanceof NotAllowed) return NO_RESULTS;
    throw error;
  }
}

/** Someone who is not (yet) an active member: a search says why it finds nothing, a link shows nothing. */
export function notForNonMembers(scope: DialogScope, what: 'search' | 'unfurl'): ResultList {
  if (what === 'unfurl') return NO_RESULTS;
  const t = texts(scope.locale).search;
  const pending = scope.actor?.memberships.some((m) => m.status === 'pending') === true;
  return { kind: 'message', text: pending ? t.pending : t.notMember };
}

/** A search that failed: said in a line, in the searcher's language; a link shows nothing. */
export function searchFailed(scope: Pick<DialogScope, 'locale'>, what: 'search' | 'unfurl'): ResultList {
  return what === 'unfurl' ? NO_RESULTS : { kind: 'message', text: texts(scope.locale).search.failed };
}
