import type { CaseSummary } from '../case/types.js';
import { findStep, type Covenant } from '../covenant/covenant.js';

// Which partners a case concerns, from its summary alone: for the readers of a shared card that
// Teams refreshes by itself (reads/refresh.ts), and for who may act on a refreshed card.

/** The partners holding the open step: its owner and its joint partners (casework/access.ts). */
export function stepPartners(covenant: Covenant, summary: CaseSummary): string[] {
  if (summary.status !== 'open' || !summary.stepId) return [];
  const step = findStep(covenant, summary.stepId);
  return [
    ...(summary.responsiblePartnerId ? [summary.responsiblePartnerId] : []),
    ...(step?.with ?? []),
    ...(step?.with_signaller ? [summary.signallerPartnerId] : []),
  ];
}

/** A step on it now or before, or a signal of their own joined to it: each partner once. */
export function involvedPartners(covenant: Covenant, summary: CaseSummary): string[] {
  return [...new Set([...summary.participants, ...stepPartners(covenant, summary)])];
}
