import { DateTime } from 'luxon';
import type { IsoDate } from '../../covenant/calendar.js';
import type { OutsideCriteria, PersonalData, Signal } from '../../case/types.js';
import type { CaseState } from '../../case/state.js';
import { municipalities, type Covenant } from '../../covenant/covenant.js';
import { InvalidInput, NotAllowed, type FieldError } from '../../errors.js';
import type { RegisterSignal } from '../inputs.js';
import { refuseField, type Decided, type Decision, type Facts } from './decision.js';
import { observationErrors, signalObservation } from './observations.js';

// The rules of registering a signal: who may send it, the national rules, the municipality,
// and what joining an open case of the household writes.

/** Days of arrears the national data model requires before a signal (DDAS thresholds). */
const MIN_DAYS_OF_ARREARS = 30;
const MAX_DAYS_HEALTH_INSURANCE = 100;

/**
 * A signal that may be registered: the input with its implied flags, the signal and its
 * municipality; `outsideCriteria` when it is recorded and closed at once as an unjustified signal.
 */
export interface Registration {
  input: RegisterSignal;
  signal: Signal;
  municipalityId: string;
  outsideCriteria: OutsideCriteria | null;
}

export function decideRegistration(parsed: RegisterSignal, facts: Facts): Decision<Registration> {
  // Checked on what the user entered, before the children count implies the children flag.
  const policy = facts.covenant.signals.observations;
  const refusedObservations = observationErrors(policy, parsed);
  if (Object.keys(refusedObservations).length > 0) return { refused: new InvalidInput(refusedObservations) };
  // Children in the household are a covenant condition whether or not the box was ticked.
  const withChildren = (parsed.household.children ?? 0) > 0 && !parsed.flags.includes('children');
  const input: RegisterSignal = withChildren ? { ...parsed, flags: [...parsed.flags, 'children'] } : parsed;
  const { covenant, membership } = facts;
  const signaller = covenant.partners.find((p) => p.id === membership.partnerId)!;
  if (!signaller.signals.includes(input.signal.type))
    return {
      refused: new NotAllowed(
        'register a signal',
        `${signaller.name} does not send signals of type ${input.signal.type}`,
        { code: 'sends_no_signals', partner: signaller.name, type: input.signal.type },
      ),
    };
  const errors = signalInputErrors(facts.today, input.signal);
  if (Object.keys(errors).length > 0)
    return {
      refused: new InvalidInput(
        Object.fromEntries(Object.entries(errors).map(([path, error]) => [`signal.${path}`, error])),
      ),
    };
  const municipality = chooseMunicipality(covenant, input.municipalityId, input.household.city);
  if (typeof municipality !== 'string') return municipality;
  const observation = signalObservation(policy, parsed, { at: facts.now, partnerId: membership.partnerId });
  const signal: Signal = {
    ...input.signal,
    signallerPartnerId: membership.partnerId,
    ...(observation ? { observation } : {}),
  };
  return { input, signal, municipalityId: municipality, outsideCriteria: outsideCriteria(input.signal) };
}

/** The signal joins the household's open case; the flags travel with it, so an undo takes them back. */
export function decideJoin(state: CaseState, registration: Registration): Decided {
  const newFlags = registration.input.flags.filter((f) => !state.flags.includes(f));
  return {
    events: [
      {
        type: 'signal_joined',
        signal: registration.signal,
        ...(newFlags.length > 0 ? { flags: newFlags } : {}),
      },
    ],
    detail: `signal joined an open case of the household${observationAudit(registration.signal)}`,
    personal: { kind: 'joined_entry', household: splitHousehold(registration.input) },
  };
}

export function splitHousehold(input: RegisterSignal): Omit<PersonalData, 'notes'> {
  const h = input.household;
  return {
    name: h.name,
    street: h.street,
    city: h.city,
    ...(h.phone ? { phone: h.phone } : {}),
    ...(h.adults !== undefined ? { adults: h.adults } : {}),
    ...(h.children !== undefined ? { children: h.children } : {}),
    address: { postcode: h.postcode, houseNumber: h.houseNumber, addition: h.addition },
  };
}

function chooseMunicipality(
  covenant: Covenant,
  chosen: string | undefined,
  city: string,
): string | Decision<never> {
  const options = municipalities(covenant);
  if (chosen !== undefined) {
    if (!options.some((m) => m.id === chosen))
      return refuseField('municipalityId', 'municipality_not_in_covenant');
    return chosen;
  }
  if (options.length === 1) return options[0]!.id;
  // "Gemeente Nieuwegein" serves a household in Nieuwegein; otherwise the caseworker chooses.
  const byCity = options.filter((m) => m.name.toLowerCase().includes(city.trim().toLowerCase()));
  if (byCity.length === 1) return byCity[0]!.id;
  return refuseField('municipalityId', 'municipality_required');
}

/**
 * Mistakes in the signal as entered, by field path relative to the signal ("arisingDate"):
 * dates that cannot be. These are refused, so the signaller corrects them.
 */
export function signalInputErrors(
  today: IsoDate,
  signal: RegisterSignal['signal'],
): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  if (signal.signalDate > today) errors['signalDate'] = { code: 'signal_date_in_future' };
  if (signal.arisingDate > signal.signalDate) errors['arisingDate'] = { code: 'arising_after_signal' };
  if (signal.preChecks.reminderSentOn > signal.signalDate)
    errors['preChecks.reminderSentOn'] = { code: 'reminder_after_signal' };
  return errors;
}

/** The audit line's note on own observations shared with the tenant's consent. */
export function observationAudit(signal: Signal): string {
  const observation = signal.observation;
  if (!observation) return '';
  const fields = observation.fields.join(', ');
  return observation.consent
    ? `; own observations with the tenant's consent: ${fields}`
    : `; own observations (the covenant allows them): ${fields}`;
}

/**
 * A correct signal that the national criteria say should not have been sent (too few days of
 * arrears; health insurance outside 30 to 100 days). DDAS records it as "Niet opgepakt:
 * onterecht signaal" and feeds that back: it is not refused. Call after signalInputErrors.
 */
export function outsideCriteria(signal: RegisterSignal['signal']): OutsideCriteria | null {
  const days = DateTime.fromISO(signal.signalDate).diff(DateTime.fromISO(signal.arisingDate), 'days').days;
  if (signal.type === 'Zorg' && (days < MIN_DAYS_OF_ARREARS || days > MAX_DAYS_HEALTH_INSURANCE))
    return {
      code: 'health_insurance_window',
      params: { min: MIN_DAYS_OF_ARREARS, max: MAX_DAYS_HEALTH_INSURANCE, days },
    };
  if (days < MIN_DAYS_OF_ARREARS)
    return { code: 'too_few_days_of_arrears', params: { min: MIN_DAYS_OF_ARREARS, days } };
  return null;
}
