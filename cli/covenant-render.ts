import type {
  Condition,
  Covenant,
  DeadlineRule,
  OutcomeDefinition,
  ResponsibleRule,
  SpecialRule,
  StepDefinition,
} from '../casework/covenant/covenant.js';
import { FINAL_RESULT_MODEL_LABELS } from '../casework/covenant/final-results.js';
import { isExample } from '../casework/covenant/provenance.js';

// Pure renderings of a covenant's step plan: readable Dutch text and a Mermaid flowchart.

const CONDITION_TEXT: Record<Condition, string> = {
  crisis: 'crisissituatie (dreigende ontruiming, afsluiting of opzegging)',
  children: 'gezin met kinderen',
  multiple_arrears: 'meerdere achterstanden in één huishouden',
  welfare_concern: 'zorgen over welzijn',
};

const WEEKDAY_TEXT = {
  monday: 'maandag',
  tuesday: 'dinsdag',
  wednesday: 'woensdag',
  thursday: 'donderdag',
  friday: 'vrijdag',
} as const;

const WEEK_OF_MONTH_TEXT = {
  first: 'eerste',
  second: 'tweede',
  third: 'derde',
  fourth: 'vierde',
  last: 'laatste',
} as const;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "10 werkdagen na het signaal", "28 kalenderdagen na de start van de stap". */
export function describeDeadline(deadline: DeadlineRule): string {
  const from = deadline.from === 'signal' ? 'het signaal' : 'de start van de stap';
  if (deadline.days === 0) return `op de dag van ${from}`;
  const amount =
    deadline.unit === 'working_days'
      ? plural(deadline.days, 'werkdag', 'werkdagen')
      : plural(deadline.days, 'kalenderdag', 'kalenderdagen');
  return `${amount} na ${from}`;
}

function partnerName(covenant: Covenant, partnerId: string): string {
  return covenant.partners.find((p) => p.id === partnerId)?.name ?? partnerId;
}

export function describeResponsible(covenant: Covenant, rule: ResponsibleRule): string {
  if ('partner' in rule) return partnerName(covenant, rule.partner);
  if ('signaller' in rule) return 'de partner die het signaal gaf';
  if ('household_municipality' in rule) return 'de gemeente van het huishouden';
  const role = covenant.roles.find((r) => r.id === rule.role);
  if (!role) return `rol ${rule.role}`;
  const holder =
    'partner' in role.holder ? partnerName(covenant, role.holder.partner) : 'gemeente van het huishouden';
  return `${role.name} (${holder})`;
}

function stepName(covenant: Covenant, stepId: string): string {
  return covenant.steps.find((s) => s.id === stepId)?.name ?? stepId;
}

export function describeOutcome(covenant: Covenant, outcome: OutcomeDefinition): string {
  if (outcome.next !== undefined) return `${outcome.label} → stap: ${stepName(covenant, outcome.next)}`;
  const result = outcome.close ? FINAL_RESULT_MODEL_LABELS[outcome.close] : '?';
  return `${outcome.label} → einde: ${result}`;
}

function describeEscalation(covenant: Covenant, step: StepDefinition): string {
  if (!step.escalation) return 'geen';
  const { to, after_working_days: after, repeat_every_working_days: repeat } = step.escalation;
  const when =
    after === 0
      ? 'op de eerste werkdag na de termijn'
      : `${plural(after, 'werkdag', 'werkdagen')} na de termijn`;
  return `naar ${describeResponsible(covenant, to)}, ${when}, daarna elke ${plural(repeat, 'werkdag', 'werkdagen')}`;
}

/** The mark after a part of the step plan that the source does not give. */
export const EXAMPLE_MARK = ' (voorbeeld)';
const mark = (example: boolean): string => (example ? EXAMPLE_MARK : '');

function describeSpecialRule(covenant: Covenant, rule: SpecialRule): string[] {
  const label = rule.label ? ` [${rule.label}]` : '';
  const lines = [
    `- Bij ${CONDITION_TEXT[rule.when]}${label}:`,
    `    ${rule.rule}${mark(isExample(rule.provenance.rule))}`,
  ];
  if (rule.route_to !== undefined) {
    const unless =
      rule.unless_at.length > 0
        ? ` (tenzij de casus al bij ${rule.unless_at.map((s) => stepName(covenant, s)).join(', ')} is)`
        : '';
    lines.push(`    De casus gaat naar stap: ${stepName(covenant, rule.route_to)}${unless}.`);
  }
  if (rule.deadline) {
    const steps = rule.steps.map((s) => stepName(covenant, s)).join(', ');
    const example = isExample(rule.provenance.deadline ?? rule.provenance.rule);
    lines.push(`    Termijn ${describeDeadline(rule.deadline)}${mark(example)} voor: ${steps}.`);
  }
  if (rule.agenda) lines.push('    De casus komt op de agenda van het casuïstiekoverleg.');
  return lines;
}

function describeStep(covenant: Covenant, step: StepDefinition, index: number): string[] {
  const lines = [
    `Stap ${index + 1}. ${step.name}${step.id === covenant.first_step ? ' (eerste stap)' : ''}`,
    `  Aan zet:   ${describeResponsible(covenant, step.responsible)}${mark(isExample(step.provenance.responsible))}`,
  ];
  const joint = [
    ...(step.with_signaller ? ['de partner die het signaal gaf'] : []),
    ...step.with.map((p) => partnerName(covenant, p)),
  ];
  if (joint.length > 0) lines.push(`  Samen met: ${joint.join(', ')}`);
  lines.push(
    `  Termijn:   ${describeDeadline(step.deadline)}${mark(isExample(step.provenance.deadline))}`,
    `  Afspraak:  ${step.rule}${mark(isExample(step.provenance.rule))}`,
  );
  if (step.solutions.length > 0) lines.push(`  Oplossingen: ${step.solutions.join(', ')}`);
  lines.push('  Uitkomsten:', ...step.outcomes.map((o) => `    - ${describeOutcome(covenant, o)}`));
  lines.push(`  Escalatie: ${describeEscalation(covenant, step)}`);
  return lines;
}

function validityLines(covenant: Covenant): string[] {
  const lines: string[] = [];
  if (covenant.valid)
    lines.push(
      `Looptijd: vanaf ${covenant.valid.from}${covenant.valid.until ? ` tot en met ${covenant.valid.until}` : ''}` +
        mark(isExample(covenant.valid.provenance)),
    );
  if (covenant.evaluations.length > 0) lines.push(`Evaluaties: ${covenant.evaluations.join(', ')}`);
  return lines;
}

/** The step plan as readable Dutch text. */
export function renderStepPlanText(covenant: Covenant): string {
  const coordinator = covenant.roles.find((r) => r.id === covenant.coordinator_role);
  const lines = [
    `${covenant.name} (${covenant.case_prefix})`,
    `Regio: ${covenant.region}`,
    `Partners: ${covenant.partners.map((p) => p.name).join(', ')}`,
    `Regie: ${coordinator ? describeResponsible(covenant, { role: coordinator.id }) : covenant.coordinator_role}`,
    ...validityLines(covenant),
    `Gemarkeerd met${EXAMPLE_MARK}: door AanZet ingevuld, niet uit de bron; de beleidsmedewerker stelt het vast.`,
    '',
    'Stappenplan',
    '',
  ];
  covenant.steps.forEach((step, i) => lines.push(...describeStep(covenant, step, i), ''));
  if (covenant.special_rules.length > 0) {
    lines.push('Bijzondere regels');
    for (const rule of covenant.special_rules) lines.push(...describeSpecialRule(covenant, rule));
    lines.push('');
  }
  const meeting = covenant.casuistry_meeting;
  if (meeting) {
    lines.push(
      `Casuïstiekoverleg: elke ${WEEK_OF_MONTH_TEXT[meeting.week_of_month]} ${WEEKDAY_TEXT[meeting.weekday]} ` +
        `van de maand; agenda ${plural(meeting.agenda_lead_working_days, 'werkdag', 'werkdagen')} vooraf.`,
      '',
    );
  }
  return lines.join('\n');
}

/** Text safe inside a double-quoted Mermaid label: quotes, markup and pipes become entity codes. */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Mermaid ids: our ids are [a-z0-9-], so swapping dashes for underscores keeps them unique. */
export const stepNodeId = (stepId: string): string => `step_${stepId.replace(/-/g, '_')}`;
export const resultNodeId = (code: string): string => `result_${code.replace(/-/g, '_')}`;
const ruleNodeId = (ruleId: string): string => `rule_${ruleId.replace(/-/g, '_')}`;

/** The step plan as a Mermaid flowchart: a node per step, an edge per outcome, final results as end nodes. */
export function renderMermaid(covenant: Covenant): string {
  const lines = ['flowchart TD', `  signal(["${mermaidText(`Signaal (${covenant.case_prefix})`)}"])`];
  for (const step of covenant.steps) {
    const label = [
      step.name,
      describeResponsible(covenant, step.responsible),
      describeDeadline(step.deadline),
    ]
      .map(mermaidText)
      .join('<br/>');
    lines.push(`  ${stepNodeId(step.id)}["${label}"]`);
  }
  const results = [
    ...new Set(covenant.steps.flatMap((s) => s.outcomes.flatMap((o) => (o.close ? [o.close] : [])))),
  ];
  for (const code of results)
    lines.push(`  ${resultNodeId(code)}(["${mermaidText(FINAL_RESULT_MODEL_LABELS[code])}"])`);
  const routing = covenant.special_rules.filter((r) => r.route_to !== undefined);
  for (const rule of routing)
    lines.push(`  ${ruleNodeId(rule.id)}{{"${mermaidText(rule.label ?? CONDITION_TEXT[rule.when])}"}}`);

  lines.push(`  signal --> ${stepNodeId(covenant.first_step)}`);
  for (const step of covenant.steps) {
    for (const outcome of step.outcomes) {
      const target =
        outcome.next !== undefined ? stepNodeId(outcome.next) : resultNodeId(outcome.close ?? '');
      lines.push(`  ${stepNodeId(step.id)} -->|"${mermaidText(outcome.label)}"| ${target}`);
    }
  }
  for (const rule of routing) lines.push(`  ${ruleNodeId(rule.id)} -.-> ${stepNodeId(rule.route_to ?? '')}`);

  lines.push('  classDef result fill:#e8f5e9,stroke:#2e7d32', '  classDef rule fill:#fff3e0,stroke:#ef6c00');
  if (results.length > 0) lines.push(`  class ${results.map(resultNodeId).join(',')} result`);
  if (routing.length > 0) lines.push(`  class ${routing.map((r) => ruleNodeId(r.id)).join(',')} rule`);
  return lines.join('\n') + '\n';
}
