import type restify from 'restify';
import type { Logger } from 'pino';
import { fieldErrorText } from '../../cards/field-errors.js';
import { texts, localeFrom, type Locale } from '../../cards/texts.js';
import { amsterdamMoment } from '../../cards/format.js';
import { authorText } from '../../cards/timeline.js';
import { CaseClosed, CaseNotFound, InvalidInput, NotAllowed, StaleVersion } from '../../casework/errors.js';
import { StoreUnavailable } from '../../casework/ports.js';

// The tab API's JSON errors: a code a program can test and a message in the user's language.

/** The first language the browser asks for; Dutch unless it is English. */
export function localeOf(req: restify.Request): Locale {
  const header = req.headers['accept-language'];
  return localeFrom(typeof header === 'string' ? header.split(',')[0]?.split(';')[0] : undefined);
}

export function sendError(
  res: restify.Response,
  status: number,
  body: { code: string; message: string; [detail: string]: unknown },
): void {
  res.send(status, body);
}

/** A domain error as its answer; anything else is a fault: logged, and a 500 without detail. */
export function sendDomainError(res: restify.Response, locale: Locale, error: unknown, logger: Logger): void {
  const m = texts(locale).messages;
  if (error instanceof NotAllowed)
    return sendError(res, 403, {
      ...error.refusal,
      code: error.refusal.code,
      message: m.refusal(error.refusal),
    });
  if (error instanceof CaseNotFound)
    return sendError(res, 404, { code: 'case_not_found', message: m.notFound(error.caseId) });
  if (error instanceof CaseClosed)
    return sendError(res, 409, { code: 'case_closed', message: m.closed(error.caseId) });
  if (error instanceof StaleVersion) {
    const by = authorText(error.lastChangeBy, error.lastChangeSystem, locale);
    const moment = amsterdamMoment(error.lastChangeAt, locale);
    return sendError(res, 409, {
      code: 'stale',
      message: `${texts(locale).stale.text(by, moment.time, moment.date)} ${texts(locale).stale.hint}`,
      by,
      at: error.lastChangeAt,
      version: error.actualVersion,
    });
  }
  if (error instanceof InvalidInput) {
    const fields = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, e]) => [field, fieldErrorText(locale, e)]),
    );
    return sendError(res, 400, { code: 'invalid_input', message: Object.values(fields).join(' '), fields });
  }
  if (error instanceof StoreUnavailable) {
    // Not a fault: the database is away for a while; the tab keeps the form open with its values.
    logger.warn({ reason: error.message }, 'tab API: the store cannot be reached');
    res.setHeader('retry-after', '60');
    return sendError(res, 503, {
      code: 'store_unavailable',
      message: `${m.storeDownTitle}. ${m.storeDownForm}`,
    });
  }
  logger.error({ err: error }, 'tab API: could not answer');
  sendError(res, 500, { code: 'error', message: m.errorText });
}
