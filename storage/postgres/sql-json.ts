/** JSON for a `$n::text::jsonb` parameter (see sql-client.ts on how values cross to the driver). */
export const json = (value: unknown): string => JSON.stringify(value) ?? 'null';
