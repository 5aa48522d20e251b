import { DateTime } from 'luxon';
import type { IsoDate } from './calendar.js';
import type { Covenant, Provenance, ProvenancePart } from './covenant.js';

// Which parts of a covenant are AanZet's examples rather than the source's, and whether the
// covenant still runs. Pure: `today` is given.

export function isExample(provenance: Provenance | undefined): boolean {
  return provenance !== undefined && 'example' in provenance;
}

/** Why a part is an example, when the file says so. */
export function exampleReason(provenance: Provenance): string | null {
  return 'example' in provenance && typeof provenance.example === 'string' ? provenance.example : null;
}

export interface ExamplePart {
  /** The step's or special rule's id. */
  owner: { kind: 'step' | 'special_rule'; id: string };
  part: ProvenancePart;
  reason: string | null;
}

/** Every owner, deadline and rule the covenant's file marks as an example, in file order. */
export function exampleParts(covenant: Covenant): ExamplePart[] {
  const parts: ExamplePart[] = [];
  for (const step of covenant.steps)
    for (const part of ['responsible', 'deadline', 'rule'] as const) {
      const provenance = step.provenance[part];
      if (isExample(provenance))
        parts.push({ owner: { kind: 'step', id: step.id }, part, reason: exampleReason(provenance) });
    }
  for (const rule of covenant.special_rules)
    for (const part of ['rule', 'deadline'] as const) {
      const provenance = rule.provenance[part];
      if (provenance && isExample(provenance))
        parts.push({ owner: { kind: 'special_rule', id: rule.id }, part, reason: exampleReason(provenance) });
    }
  return parts;
}

/** Which of a step's owner, deadline and rule are examples; the deadline of a special rule that holds counts. */
export function stepExamples(
  covenant: Covenant,
  stepId: string,
  conditions: readonly string[],
): { responsible: boolean; deadline: boolean; rule: boolean } {
  const step = covenant.steps.find((s) => s.id === stepId);
  if (!step) return { responsible: false, deadline: false, rule: false };
  const override = covenant.special_rules.find(
    (r) => r.deadline && r.steps.includes(stepId) && conditions.includes(r.when),
  );
  const deadline = override
    ? (override.provenance.deadline ?? override.provenance.rule)
    : step.provenance.deadline;
  return {
    responsible: isExample(step.provenance.responsible),
    deadline: isExample(deadline),
    rule: isExample(step.provenance.rule),
  };
}

/** How many calendar days ahead the coordinator's agenda announces an evaluation moment. */
export const EVALUATION_NOTICE_DAYS = 30;

export interface CovenantStanding {
  /** The last day of validity when that day has passed. */
  expiredOn: IsoDate | null;
  /** Evaluation moments from today up to EVALUATION_NOTICE_DAYS ahead. */
  evaluationsDue: IsoDate[];
}

export function covenantStanding(covenant: Covenant, today: IsoDate): CovenantStanding {
  const until = covenant.valid?.until;
  const horizon = DateTime.fromISO(today).plus({ days: EVALUATION_NOTICE_DAYS }).toISODate()!;
  return {
    expiredOn: until !== undefined && until < today ? until : null,
    evaluationsDue: covenant.evaluations.filter((d) => d >= today && d <= horizon).sort(),
  };
}
