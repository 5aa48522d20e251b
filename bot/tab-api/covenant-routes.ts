import { isCoordinator, type Actor } from '../../casework/access.js';
import type { Casework } from '../../casework/casework.js';
import { reportContent } from '../../cli/report-content.js';
import { Download, type TabRoutes } from './tab-routes.js';
import { exportQuery, figuresQuery, parse, queryOf, tasksQuery } from './requests.js';
import { tasksQueryOf } from './tasks.js';

// Who I am, my covenants (the filters' choices), my tasks, and a covenant's figures and export.

export function addCovenantRoutes({ server, deps, answer, knownCovenant }: TabRoutes): void {
  const { casework } = deps;

  server.get(
    '/api/tab/me',
    answer(async (_req, actor, locale) => ({
      userId: actor.userId,
      name: actor.name,
      locale,
      memberships: actor.memberships.map((m) => {
        const covenant = casework.covenants().find((c) => c.id === m.covenantId);
        return {
          covenantId: m.covenantId,
          covenantName: covenant?.name ?? m.covenantId,
          partnerId: m.partnerId,
          partnerName: covenant?.partners.find((p) => p.id === m.partnerId)?.name ?? m.partnerId,
          status: m.status,
          coordinator: covenant ? isCoordinator(covenant, m) : false,
        };
      }),
    })),
  );

  server.get(
    '/api/tab/covenants',
    answer(async (_req, actor) => covenantsOf(casework, actor)),
  );

  server.get(
    '/api/tab/tasks',
    answer(async (req, actor, locale) => {
      const query = parse(tasksQuery, queryOf(req));
      // A covenant named: its overview (all partners for a coordinator); none: my organisation's steps.
      const covenant = query.covenant === undefined ? {} : { covenant: knownCovenant(query.covenant) };
      return casework.tasksPage(actor, tasksQueryOf({ ...query, ...covenant }), locale);
    }),
  );

  server.get(
    '/api/tab/figures',
    answer(async (req, actor) => {
      const query = parse(figuresQuery, queryOf(req));
      return casework.figures(actor, knownCovenant(query.covenant), { from: query.from, to: query.to });
    }),
  );

  server.get(
    '/api/tab/export',
    answer(async (req, actor) => {
      const query = parse(exportQuery, queryOf(req));
      const period = { from: query.from, to: query.to };
      // Coordinators only, audited (and a refusal too) by the use case.
      const data = await casework.exportReport(actor, knownCovenant(query.covenant), period, query.format);
      const cases = query.format === 'csv' && query.cases === 'true';
      const what = query.format === 'json' ? 'ddas' : cases ? 'casussen' : 'cijfers';
      return new Download(
        `aanzet-${query.covenant}-${what}-${query.from}-${query.to}.${query.format}`,
        query.format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
        reportContent(data, query.format, cases),
      );
    }),
  );
}

/** The covenants the member is an active member of, with their partners; coordinator if any role says so. */
function covenantsOf(casework: Casework, actor: Actor) {
  const active = actor.memberships.filter((m) => m.status === 'active');
  return casework
    .covenants()
    .filter((c) => active.some((m) => m.covenantId === c.id))
    .map((c) => ({
      id: c.id,
      name: c.name,
      partners: c.partners.map((p) => ({ id: p.id, name: p.name })),
      coordinator: active.some((m) => m.covenantId === c.id && isCoordinator(c, m)),
    }));
}
