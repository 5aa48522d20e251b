import { describe, expect, it } from 'vitest';
import type { CaseView, Locale } from '../casework/reads/views.js';
import { caseCard } from '../cards/case.js';
import { joinNoticeCard } from '../cards/case-privacy.js';
import { shown } from './fixtures/card-inputs.js';
import { validateCard } from './helpers/validate-card.js';

// The case card's privacy parts, built from hand-made views in both languages: the card shows
// a reason only when the view carries one, a joining partner's own entry, and the undo only
// for the coordinator.

const HOUSEHOLD = {
  name: 'P. Verzonnen',
  street: 'Dukatenburg',
  city: 'Nieuwegein',
  phone: '06-99999999',
  address: { postcode: '3437 AB', houseNumber: 12, addition: '' },
};

function view(locale: Locale, overrides: Partial<CaseView> = {}): CaseView {
  return {
    caseId: 'LEK-2026-0031',
    covenantId: 'lekstroom',
    covenantName: 'Aanpak Huurachterstanden Lekstroom',
    version: 5,
    status: 'open',
    stepId: 'gezamenlijk-huisbezoek',
    stepName: locale === 'nl' ? 'Gezamenlijk huisbezoek' : 'Joint home visit',
    responsible: { id: 'wil', name: 'WIL' },
    jointPartners: [],
    deadline: '2026-03-30',
    deadlineStanding: null,
    late: false,
    because: 'Vroeg Eropaf!: corporatie en WIL gaan samen op huisbezoek.',
    labels: [],
    finalResult: null,
    people: [],
    outcomes: [],
    solutions: [],
    timeline: [],
    personal: null,
    stepChanges: [
      { kind: 'postponed', at: '2026-03-10T10:00:00Z', who: 'Ahmed', deadline: '2026-03-30', reason: null },
      {
        kind: 'taken_over',
        at: '2026-03-11T10:00:00Z',
        who: 'Carla',
        partnerName: 'Gemeente Nieuwegein',
        reason: null,
      },
    ],
    joins: [
      {
        seq: 3,
        at: '2026-03-09T10:00:00Z',
        partnerId: 'viveste',
        partnerName: 'Viveste',
        signalType: 'Huur',
      },
    ],
    ...overrides,
  };
}

describe('the case card and privacy', () => {
  it('shows referrals and postponements as facts, with the reason only when the view has it', () => {
    for (const locale of ['nl', 'en'] as const) {
      const bare = caseCard(locale, { view: view(locale), canAct: false });
      expect(validateCard(bare)).toEqual([]);
      expect(shown(bare)).toContain(
        locale === 'nl'
          ? 'Uitgesteld tot maandag 30 maart 2026 door Ahmed'
          : 'Postponed to Monday 30 March 2026 by Ahmed',
      );
      expect(shown(bare)).toContain(
        locale === 'nl'
          ? 'Stap overgenomen door Gemeente Nieuwegein (Carla)'
          : 'Step taken over by Gemeente Nieuwegein (Carla)',
      );
      const changes = view(locale).stepChanges!.map((c) => ({ ...c, reason: 'in het ziekenhuis' }));
      expect(
        shown(caseCard(locale, { view: view(locale, { stepChanges: changes }), canAct: false })),
      ).toContain(': in het ziekenhuis');
    }
  });

  it("shows a joining partner's own entry, and the undo only to the coordinator", () => {
    const own = caseCard('nl', {
      view: view('nl', {
        ownEntries: [{ seq: 3, partnerId: 'viveste', at: '2026-03-09T10:00:00Z', household: HOUSEHOLD }],
      }),
      canAct: false,
    });
    expect(validateCard(own)).toEqual([]);
    expect(shown(own)).toContain('Wat jouw organisatie invoerde');
    expect(shown(own)).toContain('Naam: P. Verzonnen');
    expect(JSON.stringify(own)).not.toContain('case.undoJoin');

    const forCoordinator = caseCard('en', { view: view('en'), canAct: true, coordinator: true });
    expect(validateCard(forCoordinator)).toEqual([]);
    expect(shown(forCoordinator)).toContain('Viveste: Rent signal');
    expect(JSON.stringify(forCoordinator)).toContain('"verb":"case.undoJoin"');
    expect(JSON.stringify(forCoordinator)).toContain('"joinSeq":3');
  });

  it('tells the coordinator of a join in the reader’s language', () => {
    for (const locale of ['nl', 'en'] as const) {
      const card = joinNoticeCard(locale, {
        caseId: 'LEK-2026-0031',
        partnerName: 'Viveste',
        signalType: 'Huur',
      });
      expect(validateCard(card)).toEqual([]);
      expect(shown(card)).toContain(
        locale === 'nl' ? 'Signaal toegevoegd aan casus' : 'Signal added to case',
      );
    }
  });
});
