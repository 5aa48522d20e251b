import type { CaseSearch } from '../../casework/ports.js';
import type { CaseIndex } from './case-index.js';
import type { PackedCase } from './packed-case.js';

// The compose box's search on the embedded store: candidates from the index, each
// tested on its summary and household key only.

/**
 * Which case ids can match at all, known before a record is looked at: an id that contains the
 * text, or an open case whose step one of the named partners holds. A search for a rare id part
 * then costs a walk over id strings, not over 100,000 records. Undefined: any case may match (a
 * postcode without a holder matches closed cases too, and no index keeps postcodes).
 */
export function searchCandidates(
  search: CaseSearch,
  index: CaseIndex,
): ((caseId: string) => boolean) | undefined {
  if (search.postcode !== undefined && search.postcode.heldBy === undefined) return undefined;
  const needle = search.caseIdContains?.toLowerCase();
  const holders = new Set(search.responsiblePartnerIds);
  if (search.openStepsOf !== undefined) holders.add(search.openStepsOf);
  if (search.postcode?.heldBy !== undefined) holders.add(search.postcode.heldBy);
  const held = [...holders].map((partnerId) =>
    index.candidates({ covenantId: search.covenantId, status: 'open', responsiblePartnerId: partnerId })!,
  );
  return (caseId) =>
    (needle !== undefined && needle !== '' && caseId.toLowerCase().includes(needle)) ||
    held.some((ids) => ids.has(caseId));
}

/**
 * Whether a stored case matches the search (the index only narrows the candidates): made once
 * per search, so what does not change per case is worked out once.
 */
export function searchMatcher(search: CaseSearch): (record: PackedCase) => boolean {
  const needle = search.caseIdContains?.toLowerCase();
  const responsible = new Set(search.responsiblePartnerIds ?? []);
  return (record) => {
    const s = record.summary;
    if (s.covenantId !== search.covenantId) return false;
    if (search.participantPartnerId !== undefined && !s.participants.includes(search.participantPartnerId))
      return false;
    if (needle && s.caseId.toLowerCase().includes(needle)) return true;
    if (s.status === 'open' && s.responsiblePartnerId !== null) {
      if (responsible.has(s.responsiblePartnerId)) return true;
      if (search.openStepsOf !== undefined && s.responsiblePartnerId === search.openStepsOf) return true;
    }
    return search.postcode !== undefined && postcodeMatches(record, search.postcode);
  };
}

function postcodeMatches(record: PackedCase, postcode: NonNullable<CaseSearch['postcode']>): boolean {
  if (record.householdKey === null || record.householdKey.split('|')[0] !== postcode.value) return false;
  if (postcode.heldBy === undefined) return true;
  return record.summary.status === 'open' && record.summary.responsiblePartnerId === postcode.heldBy;
}
