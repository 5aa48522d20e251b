import { isCoordinator, type Actor } from '../access.js';
import { parseCaseId } from '../case/case-id.js';
import { cleanLine } from '../commands/clean-text.js';
import type { CaseSummary } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import type { Membership } from '../ports.js';
import { stepOrder } from './step-order.js';
import { stepViewOfSummary, type Locale, type StepView } from './views.js';

// The search of Teams' compose box: cases the searcher may see, found by case id, partner or
// postcode, as compact views without personal data (the card lands where others read along).

/** Deadline ascending, steps without one last, then case id as Mijn taken orders them: the store's 'soonest'. */
const soonestFirst = stepOrder<CaseSummary>(
  (s) => s.deadline,
  (s) => s.caseId,
  'asc',
);

/** Teams asks for pages of 25 at most; a page further than this is not worth the work. */
export const SEARCH_PAGE_MAX = 25;
const SEARCH_WINDOW_MAX = 500;
/** Longer than any case id, partner name or postcode: what is beyond it cannot match. */
const SEARCH_TEXT_MAX = 100;

export interface SearchPage {
  skip?: number;
  count?: number;
  locale: Locale;
}

/**
 * Who searches sees what the overview shows them: the coordinator every case of the covenant, a
 * partner the cases it takes part in. Matches a case id (part of it, in any case), the
 * responsible partner (its name or id, part of it) or, for those who may see the household's
 * address, a full postcode: the coordinator, and the partner holding the open case's current
 * step. A match by postcode is a read of personal data: it is audited. An empty text gives the
 * searcher's own open steps, soonest deadline first. Members awaiting approval find nothing.
 */
export async function searchCases(
  ctx: CaseworkContext,
  actor: Actor,
  text: string,
  page: SearchPage,
): Promise<StepView[]> {
  const count = Math.min(Math.max(Math.trunc(page.count ?? SEARCH_PAGE_MAX), 0), SEARCH_PAGE_MAX);
  const skip = Math.max(Math.trunc(page.skip ?? 0), 0);
  const known = new Set(ctx.covenants().map((c) => c.id));
  const active = actor.memberships.filter((m) => m.status === 'active' && known.has(m.covenantId));
  if (count === 0 || active.length === 0 || skip + count > SEARCH_WINDOW_MAX) return [];
  // Cleaned like any input: invisible characters, controls (a NUL the database refuses) out.
  const query = cleanLine(text).slice(0, SEARCH_TEXT_MAX);
  const found: Found[] =
    query === ''
      ? (await ownOpenSteps(ctx, active, skip + count)).map((summary) => ({ summary }))
      : await matching(ctx, active, query, skip + count);
  const shown = found.slice(skip, skip + count);
  // Found by the postcode alone: the searcher learns where the household lives.
  for (const { summary, byPostcodeOf } of shown)
    if (byPostcodeOf !== undefined)
      await ctx.audit({
        userId: actor.userId,
        partnerId: byPostcodeOf,
        action: 'read_personal',
        caseId: summary.caseId,
        detail: 'found by postcode search',
      });
  // A summary is shown as to whoever reads the conversation later: no viewer's partner.
  return shown.map(({ summary }) => stepViewOfSummary(ctx, summary, page.locale, null));
}

/** A case found, and when only its postcode matched, the searcher's partner that found it. */
interface Found {
  summary: CaseSummary;
  byPostcodeOf?: string;
}

async function ownOpenSteps(
  ctx: CaseworkContext,
  active: Membership[],
  limit: number,
): Promise<CaseSummary[]> {
  const lists = await Promise.all(
    active.map((m) =>
      ctx.deps.cases.searchSummaries({
        covenantId: m.covenantId,
        openStepsOf: m.partnerId,
        order: 'soonest',
        limit,
      }),
    ),
  );
  return lists.flat().sort(soonestFirst);
}

async function matching(
  ctx: CaseworkContext,
  active: Membership[],
  query: string,
  limit: number,
): Promise<Found[]> {
  const caseId = parseCaseId(query) ?? query;
  const postcode = postcodeOf(query);
  const needle = query.toLowerCase();
  const perMembership = await Promise.all(
    active.map(async (m): Promise<Found[]> => {
      const covenant = ctx.covenant(m.covenantId);
      const coordinator = isCoordinator(covenant, m);
      const partnerIds = covenant.partners
        .filter((p) => p.id.toLowerCase().includes(needle) || p.name.toLowerCase().includes(needle))
        .map((p) => p.id);
      const found = await ctx.deps.cases.searchSummaries({
        covenantId: m.covenantId,
        ...(coordinator ? {} : { participantPartnerId: m.partnerId }),
        caseIdContains: caseId,
        responsiblePartnerIds: partnerIds,
        ...(postcode
          ? { postcode: { value: postcode, ...(coordinator ? {} : { heldBy: m.partnerId }) } }
          : {}),
        limit,
      });
      const byIdOrPartner = (s: CaseSummary) =>
        s.caseId.toLowerCase().includes(caseId.toLowerCase()) ||
        (s.responsiblePartnerId !== null && partnerIds.includes(s.responsiblePartnerId));
      return found.map((summary) =>
        byIdOrPartner(summary) ? { summary } : { summary, byPostcodeOf: m.partnerId },
      );
    }),
  );
  return perMembership
    .flat()
    .sort((a, b) => (a.summary.caseId < b.summary.caseId ? 1 : a.summary.caseId > b.summary.caseId ? -1 : 0));
}

/** "3437ab", "3437 AB" → "3437AB", as the household key holds it; undefined for anything else. */
function postcodeOf(query: string): string | undefined {
  const match = /^([1-9]\d{3}) ?([A-Za-z]{2})$/.exec(query);
  return match ? `${match[1]}${match[2]!.toUpperCase()}` : undefined;
}
