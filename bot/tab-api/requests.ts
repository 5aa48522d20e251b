import type restify from 'restify';
import { z } from 'zod';
import { fromTo } from '../../casework/reads/period.js';

// What the tab API reads from a request, checked with zod before any use case runs.

const isoDate = z.iso.date();
const yes = z.enum(['true', 'false']).optional();
export const TASK_SORTS = ['deadline', 'caseId', 'partner', 'step'] as const;
export const tasksQuery = z.strictObject({
  covenant: z.string().min(1).optional(),
  partner: z.string().min(1).optional(),
  late: yes,
  crisis: yes,
  children: yes,
  /** A case id or part of one. */
  q: z.string().trim().max(40).optional(),
  sort: z.enum(TASK_SORTS).default('deadline'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TasksQuery = z.output<typeof tasksQuery>;
/** from not after to, at most MAX_PERIOD_YEARS apart (the rule of `rapportage` and `npm run report`). */
function aPeriod(query: { from: string; to: string }, context: z.RefinementCtx): void {
  if (!fromTo(query.from, query.to).ok) context.addIssue({ code: 'custom', path: ['to'], message: 'period' });
}
export const figuresQuery = z
  .strictObject({ covenant: z.string().min(1), from: isoDate, to: isoDate })
  .superRefine(aPeriod);
export const exportQuery = z
  .strictObject({
    covenant: z.string().min(1),
    from: isoDate,
    to: isoDate,
    format: z.enum(['csv', 'json']),
    /** With csv: the anonymous case list instead of the figures (as `npm run report -- --cases`). */
    cases: yes,
  })
  .superRefine(aPeriod);
export const versioned = z.looseObject({ version: z.number().int().min(0) });
const version = z.number().int().min(0);
// The values' content is the use case's to check (with a message per field in the reader's
// language); here only the body's shape: known fields, of the right type.
export const takeOverBody = z.strictObject({ version });
export const postponeBody = z.strictObject({
  version,
  until: z.string().default(''),
  reason: z.string().default(''),
});
export const noteBody = z.strictObject({ version, text: z.string().default('') });

/** A query or body that does not fit: the fields named (an unknown field by its own name). */
export class BadRequest extends Error {
  constructor(readonly fields: string[]) {
    super(`bad request: ${fields.join(', ')}`);
  }
}

export class UnknownCovenant extends Error {
  constructor(readonly covenantId: string) {
    super(`unknown covenant ${covenantId}`);
  }
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success)
    throw new BadRequest([
      ...new Set(
        parsed.error.issues.flatMap((i) =>
          // An unknown field is named itself, not its parent.
          i.code === 'unrecognized_keys' ? i.keys : [i.path.join('.') || 'body'],
        ),
      ),
    ]);
  return parsed.data;
}

export function caseIdOf(req: restify.Request): string {
  const id = (req.params as Record<string, unknown>).id;
  if (typeof id !== 'string' || id === '' || id.length > 40) throw new BadRequest(['id']);
  return id;
}

/** The query string as fields (the last of a repeated name); restify's query parser is not used. */
export function queryOf(req: restify.Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
}
