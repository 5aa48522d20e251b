import restify from 'restify';
import type { Logger } from 'pino';
import { texts } from '../../cards/texts.js';
import { isCoordinator, type Actor } from '../../casework/access.js';
import type { Casework } from '../../casework/casework.js';
import { contactAttemptInput, outcomeInput, parseInput } from '../../casework/commands/inputs.js';
import type { Members } from '../../casework/ports.js';
import type { Locale } from '../../cards/texts.js';
import type { OutboxNotifier } from '../notifier.js';
import { isJsonContentType } from '../admission.js';
import { localeOf, sendDomainError, sendError } from './answers.js';
import {
  BadRequest,
  caseIdOf,
  figuresQuery,
  parse,
  queryOf,
  tasksQuery,
  UnknownCovenant,
  versioned,
} from './requests.js';
import type { TabSignIn } from './sign-in.js';

// The personal tab's API under /api/tab/: JSON from the same Casework use cases as the cards,
// with the same access rules, refusal codes and audit. The tab is personal (like the personal
// chat), so a case shows personal data wherever the domain lets this member see it.

export interface TabApiDeps {
  casework: Casework;
  members: Members;
  notifier: OutboxNotifier;
  logger: Logger;
  /** Checks the tab's bearer token; undefined in local mode, where the demo header is used. */
  signIn: TabSignIn | undefined;
}

const MAX_BODY_BYTES = 100_000;
type Handler = (req: restify.Request, actor: Actor, locale: Locale) => Promise<unknown>;

export function addTabApi(server: restify.Server, deps: TabApiDeps): void {
  const { casework, logger } = deps;

  /** Who asks: a signed-in member, or a refusal sent (401 without detail, 403 for a non-member). */
  async function whoAsks(req: restify.Request, res: restify.Response, locale: Locale) {
    let userId: string;
    if (deps.signIn) {
      const result = await deps.signIn(req.headers.authorization);
      if (!result.signedIn && 'unavailable' in result) {
        logger.warn(
          { status: 503, reason: result.why },
          "tab API: Entra's signing keys could not be fetched",
        );
        sendError(res, 503, { code: 'sign_in_unavailable', message: texts(locale).tabApi.signInUnavailable });
        return undefined;
      }
      if (!result.signedIn) {
        logger.warn({ status: 401, reason: result.why, url: req.url }, 'tab API: not signed in');
        res.send(401);
        return undefined;
      }
      userId = result.userId;
    } else {
      // Local mode only (this machine only, see server.ts): one of the demo members by id.
      const demo = req.headers['x-aanzet-demo-user'];
      if (typeof demo !== 'string' || demo === '') {
        logger.warn({ status: 401, url: req.url }, 'tab API: no demo user named (local mode)');
        res.send(401);
        return undefined;
      }
      userId = demo;
    }
    const member = await deps.members.get(userId);
    if (!member || member.memberships.length === 0) {
      sendError(res, 403, { code: 'no_covenant', message: texts(locale).tabApi.notMember });
      return undefined;
    }
    return member;
  }

  const answer =
    (handler: Handler): restify.RequestHandler =>
    async (req, res) => {
      const locale = localeOf(req);
      try {
        const actor = await whoAsks(req, res, locale);
        if (!actor) return;
        res.send(200, await handler(req, actor, locale));
      } catch (error) {
        if (error instanceof BadRequest)
          return sendError(res, 400, {
            code: 'bad_request',
            message: texts(locale).tabApi.badRequest(error.fields.join(', ')),
            fields: error.fields,
          });
        if (error instanceof UnknownCovenant)
          return sendError(res, 404, {
            code: 'unknown_covenant',
            message: texts(locale).tabApi.unknownCovenant(error.covenantId),
          });
        sendDomainError(res, locale, error, logger);
      }
    };

  const knownCovenant = (id: string) => {
    if (!casework.covenants().some((c) => c.id === id)) throw new UnknownCovenant(id);
    return id;
  };

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
    '/api/tab/tasks',
    answer(async (req, actor, locale) => {
      const query = parse(tasksQuery, queryOf(req));
      const lateOnly = query.late === 'true';
      // A covenant named: its overview (all partners for a coordinator); none: my organisation's steps.
      const steps = query.covenant
        ? await casework.overview(actor, knownCovenant(query.covenant), { locale, lateOnly })
        : (await casework.myTasks(actor, locale)).filter((step) => !lateOnly || step.late);
      const start = (query.page - 1) * query.pageSize;
      return {
        total: steps.length,
        page: query.page,
        pageSize: query.pageSize,
        items: steps.slice(start, start + query.pageSize),
      };
    }),
  );

  server.get(
    '/api/tab/cases/:id',
    answer((req, actor, locale) =>
      casework.caseView(actor, caseIdOf(req), { locale, withPersonalData: true, sharedPlace: false }),
    ),
  );

  const jsonBody: restify.RequestHandler[] = [
    (req, res, next) => {
      if (!isJsonContentType(req.headers['content-type'])) {
        logger.warn({ status: 415, url: req.url }, 'tab API: body is not JSON');
        res.send(415, { code: 'unsupported_media_type', message: 'application/json' });
        return next(false);
      }
      return next();
    },
    ...(restify.plugins.jsonBodyParser({
      mapParams: false,
      maxBodySize: MAX_BODY_BYTES,
    } as restify.plugins.JsonBodyParserOptions) as unknown as restify.RequestHandler[]),
  ];

  server.post(
    '/api/tab/cases/:id/contact',
    ...jsonBody,
    answer(async (req, actor, locale) => {
      const { version, ...rest } = parse(versioned, req.body);
      const after = await casework.logContactAttempt(
        actor,
        caseIdOf(req),
        version,
        parseInput(contactAttemptInput, rest),
      );
      return casework.viewAfter(actor, after, { locale, withPersonalData: true, sharedPlace: false });
    }),
  );

  server.post(
    '/api/tab/cases/:id/outcome',
    ...jsonBody,
    answer(async (req, actor, locale) => {
      const { version, ...rest } = parse(versioned, req.body);
      const after = await casework.logOutcome(actor, caseIdOf(req), version, parseInput(outcomeInput, rest));
      // The same notices as after the card's outcome form.
      await deps.notifier.tell(after.notices);
      return casework.viewAfter(actor, after, { locale, withPersonalData: true, sharedPlace: false });
    }),
  );

  server.get(
    '/api/tab/figures',
    answer(async (req, actor) => {
      const query = parse(figuresQuery, queryOf(req));
      return casework.figures(actor, knownCovenant(query.covenant), { from: query.from, to: query.to });
    }),
  );
}
