// The order of Mijn taken, in one place: the embedded store sorts by it, and PostgreSQL's ORDER BY
// (storage/postgres/open-steps.ts) gives the same order for AanZet's case ids.

/** A value sorted on: text (deadline, case id, a name) or a rank; null when missing. */
export type OrderValue = string | number | null;

/** Dutch order, numbers in text as numbers ("LEK-2026-9999" before "LEK-2026-10000"). */
export const compareText: (a: string, b: string) => number = new Intl.Collator('nl', { numeric: true })
  .compare;

/**
 * Sorted on the value `key` gives, a missing value last in either order; ties by case id
 * (ascending, or as the order asks when the case id is the value itself).
 */
export function stepOrder<T>(
  key: (item: T) => OrderValue,
  caseId: (item: T) => string,
  order: 'asc' | 'desc',
  byCaseId = false,
): (a: T, b: T) => number {
  const direction = order === 'desc' ? -1 : 1;
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const compared = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(`${x}`, `${y}`);
      if (compared !== 0) return compared * direction;
    }
    return compareText(caseId(a), caseId(b)) * (byCaseId ? direction : 1);
  };
}

/**
 * Ranks for a sort by name: each id's place among the names (compareText), per covenant; equal
 * names share a rank, so their steps go by case id as when sorted by the names themselves.
 */
export function ranksByName(
  named: { covenantId: string; id: string; name: string }[],
): Record<string, Record<string, number>> {
  const sorted = [...named].sort((a, b) => compareText(a.name, b.name));
  const ranks: Record<string, Record<string, number>> = {};
  let rank = 0;
  sorted.forEach((entry, i) => {
    if (i > 0 && compareText(sorted[i - 1]!.name, entry.name) !== 0) rank = i;
    (ranks[entry.covenantId] ??= {})[entry.id] = rank;
  });
  return ranks;
}
