import type { Covenant } from '../casework/covenant/covenant.js';
import { municipalities } from '../casework/covenant/covenant.js';
import { InvalidInput, NotAllowed } from '../casework/errors.js';
import { fieldErrorText, fieldErrorTexts } from '../cards/field-errors.js';
import { householdInput, parseInput, type RegisterSignalInput } from '../casework/commands/inputs.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import {
  messageCard,
  registerArrearsCard,
  registerConfirmCard,
  registerCovenantCard,
  registerHouseholdCard,
  signalRegisteredCard,
} from '../cards/index.js';
import { ARREARS_FIELDS, CONFIRM_FIELDS, HOUSEHOLD_FIELDS, TOGGLE_FIELDS } from '../cards/register-signal.js';
import { signalTypeLabel, texts } from '../cards/texts.js';
import { formatEuro } from '../cards/format.js';
import { formatDate, parseIsoDate } from '../casework/covenant/calendar.js';
import {
  stringField,
  toggleField,
  type DialogScope,
  type RegisterFlow,
  type Submitted,
  type MemberScope,
} from './scope.js';

// Register a signal: covenant (when the user's organisation is in several), household, arrears
// and the Besluit pre-checks, flags and confirmation. Each submit is checked again here; bad
// input returns the same card with the values kept and the message at the field.

type Errors = Record<string, string>;

/** Covenants in which the user's organisation may send signals. */
function signallingCovenants(scope: DialogScope): Covenant[] {
  const memberships = scope.actor?.memberships.filter((m) => m.status === 'active') ?? [];
  return scope.casework
    .covenants()
    .filter((c) =>
      memberships.some(
        (m) =>
          m.covenantId === c.id && (c.partners.find((p) => p.id === m.partnerId)?.signals.length ?? 0) > 0,
      ),
    );
}

export async function startRegisterSignal(scope: MemberScope): Promise<AdaptiveCard> {
  const covenants = signallingCovenants(scope);
  if (covenants.length === 0)
    throw new NotAllowed('register a signal', 'your organisation sends no signals in any covenant', {
      code: 'sends_no_signals',
      partner: '',
    });
  const flow: RegisterFlow = { flowId: scope.newId(), step: 'covenant', values: {} };
  if (covenants.length === 1) {
    flow.step = 'household';
    flow.covenantId = covenants[0]!.id;
  }
  await scope.flow.set(flow);
  return cardFor(scope, flow, {});
}

function cardFor(scope: MemberScope, flow: RegisterFlow, errors: Errors): AdaptiveCard {
  const { locale } = scope;
  const base = { flowId: flow.flowId, values: flow.values, errors };
  if (flow.step === 'covenant')
    return registerCovenantCard(locale, {
      ...base,
      covenants: signallingCovenants(scope).map((c) => ({ id: c.id, name: c.name })),
    });
  const covenant = scope.casework.covenant(flow.covenantId!);
  const observations = scope.casework.observationPolicy(covenant.id);
  if (flow.step === 'household')
    return registerHouseholdCard(locale, {
      ...base,
      observations,
      covenantName: covenant.name,
      municipalities: municipalities(covenant).map((m) => ({ id: m.id, name: m.name })),
    });
  if (flow.step === 'arrears') {
    const partnerId = scope.actor.memberships.find((m) => m.covenantId === covenant.id)!.partnerId;
    const signalTypes = covenant.partners.find((p) => p.id === partnerId)?.signals ?? [];
    return registerArrearsCard(locale, { ...base, signalTypes: [...signalTypes] });
  }
  return registerConfirmCard(locale, {
    ...base,
    observations,
    summary: summaryOf(scope, flow),
    outsideCriteria: outsideCriteriaOf(scope, flow),
  });
}

/** Said before confirming: such a signal is recorded as not taken up, not refused (DDAS). */
function outsideCriteriaOf(scope: DialogScope, flow: RegisterFlow): string | null {
  try {
    const outside = scope.casework.signalOutsideCriteria(signalOf(flow.values));
    return outside ? fieldErrorText(scope.locale, outside) : null;
  } catch (error) {
    // The arrears card checked these values already; a changed rule shows at the confirm click.
    if (error instanceof InvalidInput) return null;
    throw error;
  }
}

function summaryOf(scope: DialogScope, flow: RegisterFlow): { label: string; value: string }[] {
  const t = texts(scope.locale).messages;
  const v = flow.values;
  const cents = parseEuroCents(String(v.amount ?? ''));
  // As it will be stored: cleaned, postcode as "3437 AB" (step 1 already checked it).
  const parsed = householdInput.safeParse(householdOf(v));
  const h = parsed.success ? parsed.data : undefined;
  const raw = (id: string) => String(v[id] ?? '');
  const addition = h ? h.addition : raw('addition');
  const address = `${h?.street ?? raw('street')} ${h?.houseNumber ?? raw('houseNumber')}${addition ? ` ${addition}` : ''}, ${h?.postcode ?? raw('postcode')} ${h?.city ?? raw('city')}`;
  return [
    { label: t.summaryHousehold, value: `${h?.name ?? raw('name')}, ${address}` },
    {
      label: t.summaryArrears,
      value: `${signalTypeLabel(scope.locale, String(v.type ?? ''))}: ${cents === undefined ? '?' : formatEuro(cents)}`,
    },
    { label: t.summarySignalDate, value: readableDate(scope, v.signalDate) },
  ];
}

/** Checks the current card's fields and moves on, or returns the same card with the errors. */
export async function submitRegisterStep(scope: MemberScope, data: Submitted): Promise<AdaptiveCard> {
  const flow = await scope.flow.get();
  if (!flow || flow.flowId !== data.flowId)
    return messageCard(scope.locale, {
      title: texts(scope.locale).messages.expiredTitle,
      text: texts(scope.locale).messages.expiredText,
      tone: 'attention',
    });

  if (data.verb === 'signal.cancel') {
    await scope.flow.set(undefined);
    return messageCard(scope.locale, {
      title: texts(scope.locale).messages.cancelledTitle,
      text: texts(scope.locale).messages.cancelledText,
    });
  }
  if (data.verb === 'signal.back') {
    keep(scope, flow, data);
    flow.step =
      flow.step === 'confirm'
        ? 'arrears'
        : flow.step === 'arrears'
          ? 'household'
          : signallingCovenants(scope).length > 1
            ? 'covenant'
            : 'household';
    await scope.flow.set(flow);
    return cardFor(scope, flow, {});
  }
  if (data.verb === 'signal.covenant') {
    const chosen = stringField(data, 'covenantId');
    if (!signallingCovenants(scope).some((c) => c.id === chosen))
      return cardFor(scope, flow, { covenantId: texts(scope.locale).messages.chooseCovenant });
    flow.covenantId = chosen;
    flow.step = 'household';
    await scope.flow.set(flow);
    return cardFor(scope, flow, {});
  }
  if (data.verb === 'signal.household') {
    flow.step = 'household'; // also when an earlier card of this flow is submitted again
    const tooLong = keep(scope, flow, data);
    const errors = withTooLong(
      fieldErrors(
        scope,
        () => {
          const { adults, children } = parseInput(householdInput, householdOf(flow.values));
          scope.casework.checkObservations(flow.covenantId!, {
            ...(adults !== undefined ? { adults } : {}),
            ...(children !== undefined ? { children } : {}),
            observationConsent: flow.values.observationConsent === true,
          });
        },
        (path) => path.split('.').at(-1)!,
      ),
      tooLong,
    );
    if (!errors) flow.step = 'arrears';
    await scope.flow.set(flow);
    return cardFor(scope, flow, errors ?? {});
  }
  if (data.verb === 'signal.arrears') {
    flow.step = 'arrears';
    const tooLong = keep(scope, flow, data);
    // The national rules too (30 days of arrears), so they show here and not only after step 3.
    const errors = withTooLong(
      fieldErrors(scope, () => scope.casework.checkSignal(signalOf(flow.values)), arrearsField),
      tooLong,
    );
    if (!errors) flow.step = 'confirm';
    await scope.flow.set(flow);
    return cardFor(scope, flow, errors ?? {});
  }
  // signal.confirm
  flow.step = 'confirm';
  const tooLong = keep(scope, flow, data);
  if (tooLong) {
    await scope.flow.set(flow);
    return cardFor(scope, flow, tooLong);
  }
  return confirm(scope, flow);
}

async function confirm(scope: MemberScope, flow: RegisterFlow): Promise<AdaptiveCard> {
  const v = flow.values;
  const input: RegisterSignalInput = {
    covenantId: flow.covenantId!,
    ...(v.municipalityId ? { municipalityId: String(v.municipalityId) } : {}),
    household: householdOf(v),
    signal: signalOf(v),
    flags: [
      ...(v.familyWithChildren === true ? ['children' as const] : []),
      ...(v.welfareConcern === true ? ['welfare_concern' as const] : []),
    ],
    observationConsent: v.observationConsent === true,
  };
  try {
    const registered = await scope.casework.registerSignal(scope.actor, input);
    await scope.flow.set(undefined);
    const view = await scope.casework.viewAfter(scope.actor, registered.loaded, {
      locale: scope.locale,
      withPersonalData: false,
    });
    await scope.notify.tell(registered.notices);
    return signalRegisteredCard(scope.locale, {
      view,
      joined: registered.joined,
      outsideCriteria: registered.outsideCriteria,
      tabLink: scope.tabLink,
    });
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    // Send the user back to the card that holds the first wrong field, with every message.
    const errors: Errors = {};
    let step: RegisterFlow['step'] = 'confirm';
    for (const [path, message] of Object.entries(fieldErrorTexts(scope.locale, error.fieldErrors))) {
      const [head, ...rest] = path.split('.');
      if (head === 'household' || head === 'municipalityId') {
        errors[rest.at(-1) ?? head] = message;
        step = 'household';
      } else if (head === 'signal') {
        errors[arrearsField(rest.join('.'))] = message;
        if (step !== 'household') step = 'arrears';
      } else errors[FLAG_FIELDS[path] ?? path] = message;
    }
    flow.step = step;
    await scope.flow.set(flow);
    return cardFor(scope, flow, errors);
  }
}

/** The confirm card's toggles by the flag path a refusal names. */
const FLAG_FIELDS: Record<string, string> = {
  'flags.children': 'familyWithChildren',
  'flags.welfare_concern': 'welfareConcern',
};

function readableDate(scope: DialogScope, value: string | boolean | undefined): string {
  const date = typeof value === 'string' ? parseIsoDate(value) : undefined;
  return date ? formatDate(date, scope.locale) : String(value ?? '');
}

const FIELDS_OF_STEP: Record<RegisterFlow['step'], readonly string[]> = {
  covenant: [],
  household: HOUSEHOLD_FIELDS,
  arrears: ARREARS_FIELDS,
  confirm: CONFIRM_FIELDS,
};
const TOGGLES: ReadonlySet<string> = new Set(TOGGLE_FIELDS);

/**
 * Longest text kept for one field: far above any real name, address or note, far below what
 * would make the stored dialog state large.
 */
export const MAX_FIELD_CHARS = 500;

/**
 * Keeps what the current card sent. Teams leaves empty inputs out: missing means emptied.
 * A value over MAX_FIELD_CHARS is not kept: its field gets a message, the others are kept.
 */
function keep(scope: DialogScope, flow: RegisterFlow, data: Submitted): Errors | undefined {
  const tooLong: Errors = {};
  for (const id of FIELDS_OF_STEP[flow.step]) {
    if (TOGGLES.has(id)) {
      flow.values[id] = toggleField(data, id);
      continue;
    }
    const value = stringField(data, id)?.trim() ?? '';
    if (value.length > MAX_FIELD_CHARS) {
      delete flow.values[id];
      tooLong[id] = texts(scope.locale).messages.tooLong(MAX_FIELD_CHARS);
    } else flow.values[id] = value;
  }
  return Object.keys(tooLong).length > 0 ? tooLong : undefined;
}

/** The size refusals win over the rules' messages for the same field. */
function withTooLong(errors: Errors | undefined, tooLong: Errors | undefined): Errors | undefined {
  return errors || tooLong ? { ...errors, ...tooLong } : undefined;
}

function householdOf(v: RegisterFlow['values']): RegisterSignalInput['household'] {
  const optional = (id: string) => (v[id] === undefined || v[id] === '' ? undefined : String(v[id]));
  return {
    name: String(v.name ?? ''),
    street: String(v.street ?? ''),
    houseNumber: v.houseNumber === undefined || v.houseNumber === '' ? Number.NaN : Number(v.houseNumber),
    addition: String(v.addition ?? ''),
    postcode: String(v.postcode ?? ''),
    city: String(v.city ?? ''),
    ...(optional('phone') ? { phone: optional('phone')! } : {}),
    ...(optional('adults') ? { adults: Number(optional('adults')) } : {}),
    ...(optional('children') ? { children: Number(optional('children')) } : {}),
  };
}

function signalOf(v: RegisterFlow['values']): RegisterSignalInput['signal'] {
  return {
    type: String(v.type ?? '') as RegisterSignalInput['signal']['type'],
    amountCents: parseEuroCents(String(v.amount ?? '')) ?? Number.NaN,
    arisingDate: String(v.arisingDate ?? ''),
    signalDate: String(v.signalDate ?? ''),
    crisis: v.crisis === true,
    warmHandover: v.warmHandover === true,
    preChecks: {
      personalContactAttempted: v.personalContactAttempted === true,
      pointedToDebtHelp: v.pointedToDebtHelp === true,
      reminderSentOn: String(v.reminderSentOn ?? ''),
      offeredToShareWithoutObjection: v.offeredToShareWithoutObjection === true,
    } as RegisterSignalInput['signal']['preChecks'],
  };
}

/** "712,50", "€ 712", "1.250,00" or "712.5" → cents; undefined when it is no amount. */
export function parseEuroCents(text: string): number | undefined {
  let cleaned = text.replace(/[€\s]/g, '');
  if (cleaned === '') return undefined;
  if (/,\d{1,2}$/.test(cleaned)) cleaned = cleaned.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(cleaned)) cleaned = cleaned.replace(/\./g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * 100);
}

function arrearsField(path: string): string {
  if (path === 'amountCents') return 'amount';
  return path.replace(/^preChecks\./, '');
}

function fieldErrors(
  scope: DialogScope,
  check: () => unknown,
  name: (path: string) => string = (p) => p,
): Errors | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return Object.fromEntries(
      Object.entries(error.fieldErrors).map(([path, fieldError]) => [
        name(path),
        fieldErrorText(scope.locale, fieldError),
      ]),
    );
  }
}
