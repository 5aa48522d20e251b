import type { Covenant, PartnerKind } from './covenant.js';
import { REASON_HIDDEN_FROM_CREDITOR, type FinalResult } from './final-results.js';

// DDAS: a creditor may learn that its signal was not taken up, never the reason behind
// "Niet opgepakt: andere reden". Every place that shows a final result asks this file.

/** What a viewer is shown: the result itself, or for a creditor only "niet-opgepakt". */
export type ShownFinalResult = FinalResult | 'niet-opgepakt';

/** Partner kinds that are creditors whether or not they send signals in this covenant. */
const CREDITOR_KINDS: ReadonlySet<PartnerKind> = new Set<PartnerKind>([
  'woningcorporatie',
  'nutsbedrijf',
  'zorgverzekeraar',
]);

/** A creditor: a corporation, energy or water company, insurer, or any partner that sends signals. */
export function isCreditor(partner: { kind: PartnerKind; signals: readonly string[] }): boolean {
  if (partner.kind === 'gemeente' || partner.kind === 'schuldhulpverlening') return false;
  return CREDITOR_KINDS.has(partner.kind) || partner.signals.length > 0;
}

/**
 * The final result as `viewer` may see it. `viewer` is the partner the result is shown to (its
 * kind and the signals it sends); null when no partner reads it (an anonymous national export).
 */
export function finalResultFor(
  viewer: { kind: PartnerKind; signals: readonly string[] } | null,
  result: FinalResult,
): ShownFinalResult {
  return viewer && isCreditor(viewer) && REASON_HIDDEN_FROM_CREDITOR.has(result) ? 'niet-opgepakt' : result;
}

/**
 * The same, for a partner of the covenant by id. null: no one organisation reads it (a channel
 * card, the agenda), so a creditor may be among the readers: hide. An unknown id hides too.
 */
export function finalResultForPartner(
  covenant: Covenant,
  partnerId: string | null,
  result: FinalResult,
): ShownFinalResult {
  const partner = partnerId === null ? undefined : covenant.partners.find((p) => p.id === partnerId);
  return finalResultFor(partner ?? { kind: 'other', signals: ['Overige'] }, result);
}
