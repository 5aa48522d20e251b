import type { CaseSearch } from '../../casework/ports.js';
import type { PackedCase } from './packed-case.js';

// The compose box's search on the embedded store: candidates from the index, each
// tested on its summary and household key only.

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
