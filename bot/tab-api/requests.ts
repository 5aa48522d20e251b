import type restify from 'restify';
import { z } from 'zod';

// What the tab API reads from a request, checked with zod before any use case runs.

const isoDate = z.iso.date();
export const tasksQuery = z.strictObject({
  covenant: z.string().min(1).optional(),
  late: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const figuresQuery = z.strictObject({ covenant: z.string().min(1), from: isoDate, to: isoDate });
export const versioned = z.looseObject({ version: z.number().int().min(0) });

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
