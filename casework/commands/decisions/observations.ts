import type { ObservationField, SignalObservation } from '../../case/types.js';
import type { ObservationPolicy } from '../../covenant/covenant.js';
import type { FieldError } from '../../errors.js';
import type { RegisterSignal } from '../inputs.js';

// What a creditor may share (Besluit gemeentelijke schuldhulpverlening art. 2): contact details and
// the arrears. Household size, children and welfare concerns are its own observation: the
// covenant's `signals.observations` decides whether they need the tenant's consent, are left to
// the partner who makes contact, or are allowed.

/** Where each observation sits in the register input: the field path an error is shown at. */
const PATHS: Record<ObservationField, string> = {
  adults: 'household.adults',
  children: 'household.children',
  children_flag: 'flags.children',
  welfare_concern: 'flags.welfare_concern',
};

type ObservationInput = Pick<RegisterSignal, 'flags' | 'observationConsent'> & {
  household: Pick<RegisterSignal['household'], 'adults' | 'children'>;
};

/** The observations the input holds, in a fixed order. */
export function observationsIn(input: ObservationInput): ObservationField[] {
  const present: Record<ObservationField, boolean> = {
    adults: input.household.adults !== undefined,
    children: input.household.children !== undefined,
    children_flag: input.flags.includes('children'),
    welfare_concern: input.flags.includes('welfare_concern'),
  };
  return (Object.keys(PATHS) as ObservationField[]).filter((field) => present[field]);
}

/** A field error at every observation the policy does not let through; empty when all may be shared. */
export function observationErrors(
  policy: ObservationPolicy,
  input: ObservationInput,
): Record<string, FieldError> {
  if (policy === 'allowed' || (policy === 'consent_required' && input.observationConsent)) return {};
  const code = policy === 'not_shared' ? 'observation_not_shared' : 'observation_needs_consent';
  return Object.fromEntries(observationsIn(input).map((field) => [PATHS[field], { code }]));
}

/** The observation fact stored with the signal; undefined when the signal holds none. */
export function signalObservation(
  policy: ObservationPolicy,
  input: ObservationInput,
  recorded: { at: Date; partnerId: string },
): SignalObservation | undefined {
  const fields = observationsIn(input);
  if (fields.length === 0) return undefined;
  // Consent is stored when it was given, also where the covenant would not have required it.
  if (!input.observationConsent) return policy === 'allowed' ? { fields } : undefined;
  return {
    fields,
    consent: {
      tenantAgreed: true,
      recordedAt: recorded.at.toISOString(),
      recordedByPartnerId: recorded.partnerId,
    },
  };
}
