// Case ids as AanZet writes them (LEK-2026-0031) and as caseworkers type them.

export function normaliseCaseId(caseId: string): string {
  return parseCaseId(caseId) ?? caseId.trim().toUpperCase();
}

/** A case id as caseworkers type it: "lek-2026-31" → "LEK-2026-0031"; undefined if it is none. */
export function parseCaseId(text: string): string | undefined {
  const match = /^([A-Za-z]{2,5})-(\d{4})-(\d{1,6})$/.exec(text.trim());
  if (!match) return undefined;
  return `${match[1]!.toUpperCase()}-${match[2]}-${match[3]!.padStart(4, '0')}`;
}
