import restify from 'restify';
import { texts } from '../../cards/texts.js';
import type { Locale } from '../../cards/texts.js';
import { isJsonContentType } from '../admission.js';
import { localeOf, sendDomainError, sendError } from './answers.js';
import { addCaseRoutes } from './case-routes.js';
import { addCovenantRoutes } from './covenant-routes.js';
import { addDemoMemberRoutes } from './demo-member-routes.js';
import { BadRequest, UnknownCovenant } from './requests.js';
import { Download, type Handler, type TabApiDeps, type TabRoutes } from './tab-routes.js';

export type { TabApiDeps } from './tab-routes.js';

// The personal tab's API under /api/tab/: JSON from the same Casework use cases as the cards,
// with the same access rules, refusal codes and audit. The tab is personal (like the personal
// chat), so a case shows personal data wherever the domain lets this member see it.

const MAX_BODY_BYTES = 100_000;

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
        const result = await handler(req, actor, locale);
        if (result instanceof Download) return sendDownload(res, result);
        res.send(200, result);
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

  const knownCovenant = (id: string) => {
    if (!casework.covenants().some((c) => c.id === id)) throw new UnknownCovenant(id);
    return id;
  };

  const routes: TabRoutes = { server, deps, answer, jsonBody, knownCovenant };
  addCovenantRoutes(routes);
  addCaseRoutes(routes);
  addDemoMemberRoutes(routes);
}

function sendDownload(res: restify.Response, download: Download): void {
  res.setHeader('content-type', download.contentType);
  res.setHeader('content-disposition', `attachment; filename="${download.filename}"`);
  // An export holds a coordinator's figures: not for a shared cache.
  res.setHeader('cache-control', 'no-store');
  res.sendRaw(200, download.content);
}
