import { describe, expect, it } from 'vitest';
import { registerConfirmCard, registerHouseholdCard } from '../cards/register-signal.js';
import { householdWords, observedFlags } from '../cards/case-parts.js';
import { inputOf } from './helpers/card-parts.js';
import { shown } from './fixtures/card-inputs.js';

// The register cards follow the covenant's observation policy; the case cards mark an own
// observation, and a history without the consent fact reads as before.

const form = { flowId: 'f', values: {}, errors: {} };

describe('the register cards by observation policy', () => {
  it('not_shared: no household size, children or consent on the household card', () => {
    const card = registerHouseholdCard('nl', {
      ...form,
      covenantName: 'X',
      municipalities: [],
      observations: 'not_shared',
    });
    for (const id of ['adults', 'children', 'observationConsent']) expect(inputOf(card, id)).toBeUndefined();
    expect(shown(card)).toContain('Besluit schuldhulpverlening art. 2');
  });
  it('not_shared: no family or welfare toggles on the confirm card', () => {
    const card = registerConfirmCard('en', { ...form, summary: [], observations: 'not_shared' });
    expect(inputOf(card, 'familyWithChildren')).toBeUndefined();
    expect(inputOf(card, 'welfareConcern')).toBeUndefined();
  });
  it('allowed: the observations without a consent toggle', () => {
    const card = registerHouseholdCard('en', {
      ...form,
      covenantName: 'X',
      municipalities: [],
      observations: 'allowed',
    });
    expect(inputOf(card, 'adults')).toBeDefined();
    expect(inputOf(card, 'observationConsent')).toBeUndefined();
    expect(shown(card)).toContain('this covenant lets you share it');
  });
  it('consent_required: the consent toggle next to the observations', () => {
    const card = registerHouseholdCard('en', {
      ...form,
      covenantName: 'X',
      municipalities: [],
      observations: 'consent_required',
    });
    expect(inputOf(card, 'observationConsent')).toMatchObject({ type: 'Input.Toggle' });
    expect(shown(card)).toContain('only if the tenant agrees');
  });
});

describe('own observations on the case cards', () => {
  const observation = {
    partnerName: 'Mitros',
    withConsent: true,
    fields: ['children' as const, 'welfare_concern' as const],
  };
  it('marks the household and the conditions as the signaller’s own observation, with consent', () => {
    expect(householdWords({ adults: 1, children: 2 }, observation, 'en')).toBe(
      '1 adult, 2 children (own observation of Mitros, with consent)',
    );
    expect(
      shown({ type: 'AdaptiveCard', version: '1.5', body: observedFlags({ observation }, 'en') } as never),
    ).toBe(
      "Own observation of Mitros, with the tenant's consent: number of children, concerns about welfare",
    );
  });
  it('an old history without the consent fact shows the household as before, claiming nothing', () => {
    expect(householdWords({ adults: 1, children: 2 }, undefined, 'nl')).toBe('1 volwassene, 2 kinderen');
    expect(observedFlags({}, 'nl')).toEqual([]);
  });
});
