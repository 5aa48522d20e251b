import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { covenantSchema, type Covenant, type ResponsibleRule } from './covenant.js';

export interface CovenantProblem {
  /** Where in the file, e.g. steps[2].outcomes[0].next */
  path: string;
  reason: string;
}

/** A covenant file that cannot be used; the message names the file, the place in it and the reason. */
export class CovenantError extends Error {
  constructor(
    readonly file: string,
    readonly problems: CovenantProblem[],
  ) {
    super(
      `${file}: the covenant is not valid:\n` +
        problems.map((p) => `  - ${p.path ? `at ${p.path}: ` : ''}${p.reason}`).join('\n'),
    );
    this.name = 'CovenantError';
  }
}

/** Parses and checks one covenant file's text; throws CovenantError naming `file`. */
export function parseCovenant(text: string, file: string): Covenant {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new CovenantError(
      file,
      doc.errors.map((e) => ({
        path: `line ${e.linePos?.[0]?.line ?? '?'}`,
        reason: `not valid YAML: ${e.message}`,
      })),
    );
  }
  const parsed = covenantSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new CovenantError(file, zodProblems(parsed.error));
  const problems = checkCovenant(parsed.data);
  if (problems.length > 0) throw new CovenantError(file, problems);
  return parsed.data;
}

function zodProblems(error: z.ZodError): CovenantProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), reason: issue.message }));
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/**
 * The covenant's own logic: no unknown step, partner or role; no step without an owner;
 * every step reachable; from every step some path ends in a national final result.
 */
export function checkCovenant(covenant: Covenant): CovenantProblem[] {
  const problems: CovenantProblem[] = [];
  const stepIds = new Set(covenant.steps.map((s) => s.id));
  const partnerIds = new Set(covenant.partners.map((p) => p.id));
  const roleIds = new Set(covenant.roles.map((r) => r.id));
  const hasMunicipality = covenant.partners.some((p) => p.kind === 'gemeente');

  const duplicates = (ids: string[], what: string, path: string) => {
    const seen = new Set<string>();
    ids.forEach((value, i) => {
      if (seen.has(value))
        problems.push({ path: `${path}[${i}].id`, reason: `${what} "${value}" is defined twice` });
      seen.add(value);
    });
  };
  duplicates(
    covenant.partners.map((p) => p.id),
    'partner',
    'partners',
  );
  duplicates(
    covenant.roles.map((r) => r.id),
    'role',
    'roles',
  );
  duplicates(
    covenant.steps.map((s) => s.id),
    'step',
    'steps',
  );

  const checkResponsible = (rule: ResponsibleRule, path: string) => {
    if ('partner' in rule && !partnerIds.has(rule.partner))
      problems.push({ path, reason: `unknown partner "${rule.partner}": the step has no owner` });
    if ('role' in rule && !roleIds.has(rule.role))
      problems.push({ path, reason: `unknown role "${rule.role}": the step has no owner` });
    if ('household_municipality' in rule && !hasMunicipality)
      problems.push({
        path,
        reason: 'the household municipality is responsible, but no partner is a gemeente',
      });
  };
  const checkStepRef = (stepId: string, path: string) => {
    if (!stepIds.has(stepId)) problems.push({ path, reason: `unknown step "${stepId}"` });
  };

  covenant.roles.forEach((role, i) => {
    if ('partner' in role.holder && !partnerIds.has(role.holder.partner))
      problems.push({
        path: `roles[${i}].holder.partner`,
        reason: `unknown partner "${role.holder.partner}"`,
      });
    if ('household_municipality' in role.holder && !hasMunicipality)
      problems.push({ path: `roles[${i}].holder`, reason: 'no partner is a gemeente' });
  });
  if (!roleIds.has(covenant.coordinator_role))
    problems.push({ path: 'coordinator_role', reason: `unknown role "${covenant.coordinator_role}"` });
  checkStepRef(covenant.first_step, 'first_step');
  if (!covenant.partners.some((p) => p.signals.length > 0))
    problems.push({ path: 'partners', reason: 'no partner may send signals (give one a "signals" list)' });

  covenant.steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    checkResponsible(step.responsible, `${at}.responsible`);
    step.with.forEach((p, j) => {
      if (!partnerIds.has(p)) problems.push({ path: `${at}.with[${j}]`, reason: `unknown partner "${p}"` });
    });
    if (step.escalation) checkResponsible(step.escalation.to, `${at}.escalation.to`);
    step.outcomes.forEach((o, j) => {
      if (o.next !== undefined) checkStepRef(o.next, `${at}.outcomes[${j}].next`);
    });
    duplicates(
      step.outcomes.map((o) => o.id),
      'outcome',
      `${at}.outcomes`,
    );
  });
  covenant.special_rules.forEach((rule, i) => {
    const at = `special_rules[${i}]`;
    if (rule.route_to !== undefined) checkStepRef(rule.route_to, `${at}.route_to`);
    rule.unless_at.forEach((s, j) => checkStepRef(s, `${at}.unless_at[${j}]`));
    rule.steps.forEach((s, j) => checkStepRef(s, `${at}.steps[${j}]`));
    if (rule.deadline && rule.steps.length === 0)
      problems.push({ path: `${at}.steps`, reason: 'a deadline rule must name the steps it changes' });
  });
  if (problems.length > 0) return problems; // the graph checks below need valid references

  const reachable = reachableSteps(covenant);
  covenant.steps.forEach((step, i) => {
    if (!reachable.has(step.id))
      problems.push({
        path: `steps[${i}]`,
        reason: `step "${step.id}" can never be reached from the first step`,
      });
  });
  const canClose = stepsThatCanClose(covenant);
  covenant.steps.forEach((step, i) => {
    if (reachable.has(step.id) && !canClose.has(step.id))
      problems.push({
        path: `steps[${i}]`,
        reason: `from step "${step.id}" no path ends in a national final result (a loop or dead end)`,
      });
  });
  return problems;
}

function successors(covenant: Covenant, stepId: string): string[] {
  const step = covenant.steps.find((s) => s.id === stepId);
  return step ? step.outcomes.flatMap((o) => (o.next ? [o.next] : [])) : [];
}

/** From the first step and from every step a special rule routes to. */
export function reachableSteps(covenant: Covenant): Set<string> {
  const entries = [
    covenant.first_step,
    ...covenant.special_rules.flatMap((r) => (r.route_to ? [r.route_to] : [])),
  ];
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current)) continue;
    seen.add(current);
    queue.push(...successors(covenant, current));
  }
  return seen;
}

function stepsThatCanClose(covenant: Covenant): Set<string> {
  const closing = new Set(covenant.steps.filter((s) => s.outcomes.some((o) => o.close)).map((s) => s.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of covenant.steps) {
      if (!closing.has(step.id) && successors(covenant, step.id).some((n) => closing.has(n))) {
        closing.add(step.id);
        grew = true;
      }
    }
  }
  return closing;
}
