import { z } from 'zod';
import { currentFinalResult, FINAL_RESULT_CODES } from './final-results.js';

// The covenant is data: this schema is the contract for every file in covenants/.

const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'use lower-case letters, digits and dashes (for example "gemeente-dalfsen")',
  );

export const PARTNER_KINDS = [
  'gemeente',
  'woningcorporatie',
  'schuldhulpverlening',
  'welzijn',
  'ggd',
  'nutsbedrijf',
  'zorgverzekeraar',
  'politie',
  'huurdersorganisatie',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** DDAS EnumSignaalpartner: the kind of creditor a signal comes from. */
export const SIGNAL_PARTNER_TYPES = [
  'Huur',
  'Energie',
  'Water',
  'Zorg',
  'CAK Zorgverzekeringen',
  'CAK Eigen bijdrage',
  'Hypotheek',
  'DUO',
  'Belastingdienst',
  'Dienst Toeslagen',
  'Overige',
] as const;
export type SignalPartnerType = (typeof SIGNAL_PARTNER_TYPES)[number];

const partner = z.strictObject({
  id,
  name: z.string().min(1),
  kind: z.enum(PARTNER_KINDS),
  /** Signal types this partner may register (a corporation: Huur). */
  signals: z.array(z.enum(SIGNAL_PARTNER_TYPES)).default([]),
});

/** Who holds a step: a fixed partner, a role, the partner that sent the signal, or the household's municipality. */
export const responsibleSchema = z.union([
  z.strictObject({ partner: id }),
  z.strictObject({ role: id }),
  z.strictObject({ signaller: z.literal(true) }),
  z.strictObject({ household_municipality: z.literal(true) }),
]);
export type ResponsibleRule = z.infer<typeof responsibleSchema>;

const role = z.strictObject({
  id,
  name: z.string().min(1),
  /** Which partner fills the role; the household's municipality when the covenant has several. */
  holder: z.union([
    z.strictObject({ partner: id }),
    z.strictObject({ household_municipality: z.literal(true) }),
  ]),
});

export const deadlineSchema = z.strictObject({
  days: z.number().int().min(0).max(365),
  unit: z.enum(['working_days', 'calendar_days']),
  from: z.enum(['signal', 'step']),
});
export type DeadlineRule = z.infer<typeof deadlineSchema>;

/**
 * Where a part of the step plan comes from: a quote from the covenant's source document, or an
 * example value AanZet ships until the covenant's policy officer sets it (with why, if known).
 */
export const provenanceSchema = z.union(
  [
    z.strictObject({ source: z.string().trim().min(1, 'quote the source document') }),
    z.strictObject({ example: z.union([z.literal(true), z.string().trim().min(1)]) }),
  ],
  { error: 'give either source: "<a quote from the source document>" or example: true / "<why>"' },
);
export type Provenance = z.infer<typeof provenanceSchema>;

/** The parts of a step (or special rule) that carry a provenance. */
export const PROVENANCE_PARTS = ['responsible', 'deadline', 'rule'] as const;
export type ProvenancePart = (typeof PROVENANCE_PARTS)[number];

const stepProvenance = z.strictObject({
  responsible: provenanceSchema,
  deadline: provenanceSchema,
  rule: provenanceSchema,
});

const specialRuleProvenance = z.strictObject({
  rule: provenanceSchema,
  deadline: provenanceSchema.optional(),
});

const isoDate = z.iso.date('use a date as YYYY-MM-DD, for example "2016-06-07"');

const outcome = z
  .strictObject({
    id,
    label: z.string().min(1),
    label_en: z.string().min(1).optional(),
    next: id.optional(),
    /** A code renamed by DDAS v1.2 ("geen-hulp-nodig") is read as the current one. */
    close: z
      .preprocess(
        (v) => (typeof v === 'string' ? (currentFinalResult(v) ?? v) : v),
        z.enum(FINAL_RESULT_CODES),
      )
      .optional(),
  })
  .refine((o) => (o.next === undefined) !== (o.close === undefined), {
    message: 'an outcome needs exactly one of "next" (a step) or "close" (a national final result)',
  });

const escalation = z.strictObject({
  to: responsibleSchema,
  /** Working days after the deadline before the first escalation (0: the first working day late). */
  after_working_days: z.number().int().min(0).default(0),
  repeat_every_working_days: z.number().int().min(1).default(2),
});

const step = z.strictObject({
  id,
  name: z.string().min(1),
  name_en: z.string().min(1).optional(),
  responsible: responsibleSchema,
  /** Partners that take part (a joint home visit, a network meeting) and may see the case. */
  with: z.array(id).default([]),
  /** The partner that sent the signal takes part too (Vroeg Eropaf!: corporation and WIL visit together). */
  with_signaller: z.boolean().default(false),
  deadline: deadlineSchema,
  /** The sentence of the step plan that makes this partner responsible. */
  rule: z.string().min(1),
  /** Agreed solutions the caseworker records as applied (De Fryske Marren). */
  solutions: z.array(z.string().min(1)).default([]),
  outcomes: z.array(outcome).min(1, 'a step needs at least one outcome'),
  escalation: escalation.optional(),
  /** Where the owner, the deadline and the rule come from. */
  provenance: stepProvenance,
});
export type StepDefinition = z.infer<typeof step>;
export type OutcomeDefinition = z.infer<typeof outcome>;

export const CONDITIONS = ['crisis', 'children', 'multiple_arrears', 'welfare_concern'] as const;
export type Condition = (typeof CONDITIONS)[number];

const specialRule = z.strictObject({
  id,
  when: z.enum(CONDITIONS),
  /** Shown wherever the case appears (for example "gezin met kinderen"). */
  label: z.string().min(1).optional(),
  /** Why, in the covenant's words. */
  rule: z.string().min(1),
  /** Move the case to this step when the condition first holds (once per case). */
  route_to: id.optional(),
  /** Unless the case is already at one of these steps. */
  unless_at: z.array(id).default([]),
  /** A shorter or longer deadline for these steps while the condition holds. */
  deadline: deadlineSchema.optional(),
  steps: z.array(id).default([]),
  /** Put the case on the casuistry agenda. */
  agenda: z.boolean().default(false),
  /** Where the rule (and its deadline) come from. */
  provenance: specialRuleProvenance,
});
export type SpecialRule = z.infer<typeof specialRule>;

/**
 * What a creditor may share beyond what the Besluit gemeentelijke schuldhulpverlening (art. 2) lets
 * it pass on (contact details, the arrears): its own observations (household size, children,
 * welfare concerns). consent_required: only with the tenant's consent, recorded with the signal;
 * not_shared: left to the partner who makes contact; allowed: the covenant itself provides for it.
 */
export const OBSERVATION_POLICIES = ['consent_required', 'not_shared', 'allowed'] as const;
export type ObservationPolicy = (typeof OBSERVATION_POLICIES)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a time as HH:MM, for example "08:30"');

export const covenantSchema = z.strictObject({
  id,
  /** Prefix of human case ids, e.g. DAL in DAL-2026-0042. */
  case_prefix: z.string().regex(/^[A-Z]{2,5}$/, 'use 2 to 5 capital letters'),
  name: z.string().min(1),
  region: z.string().min(1),
  source: z.string().optional(),
  /** The period the covenant was signed for; `until` is its last day (none: open-ended). */
  valid: z
    .strictObject({
      from: isoDate,
      until: isoDate.optional(),
      provenance: provenanceSchema,
    })
    .refine((v) => v.until === undefined || v.from <= v.until, {
      message: '"until" comes before "from"',
      path: ['until'],
    })
    .optional(),
  /** Agreed evaluation moments; the coordinator's agenda announces one that is due soon. */
  evaluations: z.array(isoDate).default([]),
  calendar: z.enum(['algemene-termijnenwet', 'weekdays-only']).default('algemene-termijnenwet'),
  partners: z.array(partner).min(2),
  roles: z.array(role).min(1),
  /** The role that coordinates: approves members, receives escalations, chairs the casuistry meeting. */
  coordinator_role: id,
  first_step: id,
  steps: z.array(step).min(1),
  special_rules: z.array(specialRule).default([]),
  reminders: z
    .strictObject({
      lead_working_days: z.number().int().min(0).max(20).default(1),
      working_hours: z.strictObject({ start: clock, end: clock }).default({ start: '08:30', end: '17:00' }),
      escalation_repeat_working_days: z.number().int().min(1).default(2),
      digest_time: clock.default('08:30'),
    })
    .prefault({}),
  casuistry_meeting: z
    .strictObject({
      weekday: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']),
      week_of_month: z.enum(['first', 'second', 'third', 'fourth', 'last']),
      agenda_lead_working_days: z.number().int().min(0).max(10).default(2),
    })
    .optional(),
  /** How far ahead a step's deadline may be postponed: at most this many months after today. */
  postponement: z.strictObject({ max_months: z.number().int().min(1).max(12).default(3) }).prefault({}),
  retention: z
    .strictObject({ months_after_closing: z.number().int().min(1).max(120).default(6) })
    .prefault({}),
  signals: z
    .strictObject({ observations: z.enum(OBSERVATION_POLICIES).default('consent_required') })
    .prefault({}),
});

export type Covenant = z.infer<typeof covenantSchema>;
export type CovenantInput = z.input<typeof covenantSchema>;
export type Partner = Covenant['partners'][number];
export type Role = Covenant['roles'][number];

export function findStep(covenant: Covenant, stepId: string): StepDefinition {
  const found = covenant.steps.find((s) => s.id === stepId);
  if (!found) throw new Error(`covenant ${covenant.id} has no step "${stepId}"`);
  return found;
}

export function findPartner(covenant: Covenant, partnerId: string): Partner | undefined {
  return covenant.partners.find((p) => p.id === partnerId);
}

export function municipalities(covenant: Covenant): Partner[] {
  return covenant.partners.filter((p) => p.kind === 'gemeente');
}
