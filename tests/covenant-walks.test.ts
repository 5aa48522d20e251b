import { afterEach, describe, expect, it } from 'vitest';
import type { Condition, Covenant } from '../casework/covenant/covenant.js';
import { resolveResponsible } from '../casework/covenant/step-plan.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';
import { loadCovenants } from '../storage/covenant-files.js';

// Every covenant, walked from a signal to each final result it can reach: every closing
// outcome of every reachable step is taken once, along the shortest route to its step.

interface Walk {
  covenant: Covenant;
  /** Outcomes to log, in order; the last closes the case. */
  outcomes: { stepId: string; outcomeId: string }[];
  finalResult: string;
  /** A special rule's condition that routes the case to the walk's entry step. */
  condition?: Condition;
}

function walksOf(covenant: Covenant): Walk[] {
  const entries: { stepId: string; condition?: Condition }[] = [{ stepId: covenant.first_step }];
  for (const rule of covenant.special_rules)
    if (rule.route_to) entries.push({ stepId: rule.route_to, condition: rule.when });
  const routes = new Map<string, { path: Walk['outcomes']; condition?: Condition }>();
  for (const entry of entries) {
    const queue: { stepId: string; path: Walk['outcomes'] }[] = [{ stepId: entry.stepId, path: [] }];
    while (queue.length > 0) {
      const { stepId, path } = queue.shift()!;
      if (routes.has(stepId)) continue;
      routes.set(stepId, { path, ...(entry.condition ? { condition: entry.condition } : {}) });
      const step = covenant.steps.find((s) => s.id === stepId)!;
      for (const o of step.outcomes)
        if (o.next) queue.push({ stepId: o.next, path: [...path, { stepId, outcomeId: o.id }] });
    }
  }
  return covenant.steps.flatMap((step) => {
    const route = routes.get(step.id)!;
    return step.outcomes
      .filter((o) => o.close)
      .map((o) => ({
        covenant,
        outcomes: [...route.path, { stepId: step.id, outcomeId: o.id }],
        finalResult: o.close!,
        ...(route.condition ? { condition: route.condition } : {}),
      }));
  });
}

const covenants = loadCovenants();

describe.each(covenants.map((c) => [c.id, c] as const))(
  'covenant %s walked from signal to every final result',
  (_id, covenant) => {
    let h: Harness;
    afterEach(async () => h?.close());

    it.each(
      walksOf(covenant).map(
        (w) => [`${w.outcomes.map((o) => o.outcomeId).join(' → ')} closes with ${w.finalResult}`, w] as const,
      ),
    )('%s', async (_name, walk) => {
      h = await openHarness('2026-03-09');
      const municipality = covenant.partners.find((p) => p.kind === 'gemeente')!;
      const signallers = covenant.partners.filter((p) => p.signals.length > 0);
      const signaller = signallers[0]!;
      const coordinatorRole = covenant.roles.find((r) => r.id === covenant.coordinator_role)!;
      const coordinatorPartner =
        'partner' in coordinatorRole.holder ? coordinatorRole.holder.partner : municipality.id;
      const reporter = await h.member('reporter', covenant.id, signaller.id);
      const coordinator = await h.member('coordinator', covenant.id, coordinatorPartner, [
        covenant.coordinator_role,
      ]);

      const registered = await h.casework.registerSignal(
        reporter,
        signalFor(covenant.id, {
          type: signaller.signals[0]!,
          municipalityId: municipality.id,
          crisis: walk.condition === 'crisis',
          flags:
            walk.condition && walk.condition !== 'crisis' && walk.condition !== 'multiple_arrears'
              ? [walk.condition]
              : [],
        }),
      );
      let version = registered.loaded.record.version;
      if (walk.condition === 'multiple_arrears') {
        const other = signallers.find((p) => p.id !== signaller.id)!;
        const second = await h.member('second-creditor', covenant.id, other.id);
        const joined = await h.casework.registerSignal(
          second,
          signalFor(covenant.id, { type: other.signals[0]!, municipalityId: municipality.id }),
        );
        expect(joined.joined).toBe(true);
        version = joined.loaded.record.version;
      }
      expect(registered.caseId).toMatch(new RegExp(`^${covenant.case_prefix}-2026-\\d{4}$`));

      for (const { stepId, outcomeId } of walk.outcomes) {
        const before = (await h.store.cases.get(registered.caseId))!;
        expect(before.summary.stepId).toBe(stepId);
        const step = covenant.steps.find((s) => s.id === stepId)!;
        const facts = { signallerPartnerId: signaller.id, municipalityId: municipality.id };
        if (before.summary.responsiblePartnerId !== null && step)
          expect(before.summary.responsiblePartnerId).toBe(
            resolveResponsible(covenant, step.responsible, facts),
          );
        const after = await h.casework.logOutcome(coordinator, registered.caseId, version, { outcomeId });
        version = after.record.version;
      }
      const closed = (await h.store.cases.get(registered.caseId))!;
      expect(closed.summary.status).toBe('closed');
      expect(closed.summary.finalResult).toBe(walk.finalResult);
    });
  },
);
