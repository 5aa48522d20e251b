import { DateTime } from 'luxon';
import { activeMembership, type Actor } from '../access.js';
import { toIsoDate, ZONE, type IsoDate } from '../covenant/calendar.js';
import {
  householdKey,
  type CaseEventBody,
  type CaseRecord,
  type PersonalData,
  type Signal,
} from '../case/types.js';
import { deriveState } from '../case/state.js';
import { authorOf, type CaseworkContext, type LoadedCase } from '../context.js';
import { municipalities, type Covenant } from '../covenant/covenant.js';
import { InvalidInput, NotAllowed, StaleVersion } from '../errors.js';
import {
  parseInput,
  registerSignalInput,
  signalInput,
  type RegisterSignal,
  type RegisterSignalInput,
} from './inputs.js';
import { DuplicateCase } from '../ports.js';
import { startStep } from '../covenant/step-plan.js';
import { summarize } from '../case/summary.js';

export interface RegisteredSignal {
  caseId: string;
  /** True when the household already had an open case and the signal joined it. */
  joined: boolean;
  loaded: LoadedCase;
}

/** Days of arrears the national data model requires before a signal (DDAS thresholds). */
const MIN_DAYS_OF_ARREARS = 30;
const MAX_DAYS_HEALTH_INSURANCE = 100;

export async function registerSignal(
  ctx: CaseworkContext,
  actor: Actor,
  raw: RegisterSignalInput,
): Promise<RegisteredSignal> {
  const parsed = parseInput(registerSignalInput, raw);
  // Children in the household are a covenant condition whether or not the box was ticked.
  const withChildren = (parsed.household.children ?? 0) > 0 && !parsed.flags.includes('children');
  const input: RegisterSignal = withChildren ? { ...parsed, flags: [...parsed.flags, 'children'] } : parsed;
  const covenant = ctx.covenant(input.covenantId);
  const membership = activeMembership(actor, covenant, 'register a signal');
  const signaller = covenant.partners.find((p) => p.id === membership.partnerId)!;
  if (!signaller.signals.includes(input.signal.type))
    throw new NotAllowed(
      'register a signal',
      `${signaller.name} does not send signals of type ${input.signal.type}`,
      { code: 'sends_no_signals', partner: signaller.name, type: input.signal.type },
    );
  checkSignalRules(ctx, input);
  const municipalityId = chooseMunicipality(covenant, input.municipalityId, input.household.city);
  const by = authorOf(actor, membership.partnerId);
  const signal: Signal = { ...input.signal, signallerPartnerId: membership.partnerId };
  const key = householdKey(input.household);

  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await ctx.deps.cases.findOpenByHousehold(covenant.id, key);
    if (open) {
      const loaded = { record: open, covenant, state: deriveState(covenant, open.id, open.events) };
      // The flags travel with the joined signal, so undoing the join takes them back too.
      const newFlags = input.flags.filter((f) => !loaded.state.flags.includes(f));
      const bodies: CaseEventBody[] = [
        { type: 'signal_joined', signal, ...(newFlags.length > 0 ? { flags: newFlags } : {}) },
      ];
      try {
        const saved = await ctx.commit(
          loaded,
          bodies,
          by,
          {
            userId: actor.userId,
            partnerId: by.partnerId,
            action: 'change',
            detail: 'signal joined an open case of the household',
          },
          withJoinedEntry(loaded, by.partnerId, input, ctx.now().toISOString()),
        );
        return { caseId: open.id, joined: true, loaded: saved };
      } catch (error) {
        // Someone else wrote to the case at the same moment: read it again and join then.
        if (!(error instanceof StaleVersion) || attempt === 2) throw error;
        continue;
      }
    }
    try {
      const loaded = await openCase(ctx, covenant, input, signal, municipalityId, by, key);
      return { caseId: loaded.record.id, joined: false, loaded };
    } catch (error) {
      if (!(error instanceof DuplicateCase && error.reason === 'household') || attempt === 2) throw error;
    }
  }
  throw new Error('unreachable');
}

async function openCase(
  ctx: CaseworkContext,
  covenant: Covenant,
  input: RegisterSignal,
  signal: Signal,
  municipalityId: string,
  by: ReturnType<typeof authorOf>,
  key: string,
): Promise<LoadedCase> {
  const year = DateTime.fromJSDate(ctx.now(), { zone: ZONE }).year;
  const number = await ctx.deps.cases.nextCaseNumber(covenant.id, year);
  const caseId = `${covenant.case_prefix}-${year}-${String(number).padStart(4, '0')}`;
  const opening: CaseEventBody[] = [{ type: 'signal_received', signal, municipalityId }];
  if (input.flags.length > 0) opening.push({ type: 'flags_set', flags: input.flags });
  const draft = ctx.stamp(covenant, caseId, [], opening, by);
  const first = startStep(
    covenant,
    ctx.calendar(covenant),
    deriveState(covenant, caseId, draft),
    covenant.first_step,
    ctx.now(),
    'first_step',
  );
  const events = [...draft, ...ctx.stamp(covenant, caseId, draft, [first], { system: 'stappenplan' })];
  const state = deriveState(covenant, caseId, events);
  const { address, ...rest } = splitHousehold(input);
  const personal: PersonalData = { ...rest, address, notes: [] };
  const record: CaseRecord = {
    id: caseId,
    covenantId: covenant.id,
    version: events.length,
    householdKey: key,
    personal,
    events,
    summary: summarize(covenant, state),
  };
  const audit = {
    userId: by.userId,
    partnerId: by.partnerId,
    action: 'change',
    detail: 'signal registered, case opened',
  } as const;
  await ctx.deps.cases.create(record, [ctx.auditEntry(caseId, audit)]);
  return { record, covenant, state };
}

/**
 * What the joining partner entered, kept in the personal part under that partner: it sees this
 * entry, not the personal data others entered (unless a step of the case is its own).
 */
function withJoinedEntry(
  loaded: LoadedCase,
  partnerId: string,
  input: RegisterSignal,
  at: string,
): PersonalData | undefined {
  const personal = loaded.record.personal;
  if (!personal) return undefined;
  const entry = { seq: loaded.record.version + 1, partnerId, at, household: splitHousehold(input) };
  return { ...personal, joined: [...(personal.joined ?? []), entry] };
}

function splitHousehold(input: RegisterSignal): Omit<PersonalData, 'notes'> {
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

function chooseMunicipality(covenant: Covenant, chosen: string | undefined, city: string): string {
  const options = municipalities(covenant);
  if (chosen !== undefined) {
    if (!options.some((m) => m.id === chosen))
      throw new InvalidInput({ municipalityId: 'kies een gemeente uit het convenant' });
    return chosen;
  }
  if (options.length === 1) return options[0]!.id;
  // "Gemeente Nieuwegein" serves a household in Nieuwegein; otherwise the caseworker chooses.
  const byCity = options.filter((m) => m.name.toLowerCase().includes(city.trim().toLowerCase()));
  if (byCity.length === 1) return byCity[0]!.id;
  throw new InvalidInput({ municipalityId: 'kies de gemeente waar het huishouden woont' });
}

/**
 * The signal on its own: its fields and the national rules (30 days of arrears, dates in order),
 * so a form that asks for the arrears before the rest can show the errors on that step.
 * Field paths are relative to the signal ("arisingDate", "preChecks.reminderSentOn").
 */
export function checkSignal(ctx: CaseworkContext, raw: unknown): RegisterSignal['signal'] {
  const signal = parseInput(signalInput, raw);
  const errors = signalRuleErrors(toIsoDate(ctx.now()), signal);
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  return signal;
}

function checkSignalRules(ctx: CaseworkContext, input: RegisterSignal): void {
  const errors = signalRuleErrors(toIsoDate(ctx.now()), input.signal);
  if (Object.keys(errors).length > 0)
    throw new InvalidInput(
      Object.fromEntries(Object.entries(errors).map(([path, message]) => [`signal.${path}`, message])),
    );
}

function signalRuleErrors(today: IsoDate, signal: RegisterSignal['signal']): Record<string, string> {
  const errors: Record<string, string> = {};
  if (signal.signalDate > today) errors['signalDate'] = 'de signaaldatum ligt in de toekomst';
  if (signal.arisingDate > signal.signalDate)
    errors['arisingDate'] = 'de achterstand kan niet na de signaaldatum zijn ontstaan';
  const days = DateTime.fromISO(signal.signalDate).diff(DateTime.fromISO(signal.arisingDate), 'days').days;
  if (signal.arisingDate <= signal.signalDate && days < MIN_DAYS_OF_ARREARS)
    errors['arisingDate'] = `een signaal mag pas na ${MIN_DAYS_OF_ARREARS} dagen achterstand (nu ${days})`;
  if (signal.type === 'Zorg' && days > MAX_DAYS_HEALTH_INSURANCE)
    errors['arisingDate'] =
      `zorgpremie wordt tussen 30 en ${MAX_DAYS_HEALTH_INSURANCE} dagen gesignaleerd (nu ${days})`;
  if (signal.preChecks.reminderSentOn > signal.signalDate)
    errors['preChecks.reminderSentOn'] = 'de herinnering moet vóór het signaal zijn verstuurd';
  return errors;
}
