import { describe, expect, it } from 'vitest';
import type { StepView } from '../casework/reads/views.js';
import { pageOf, sortedSteps } from './helpers/tasks-reference.js';

// Mijn taken's order (casework/reads/step-order.ts, as the stores sort): a step without a deadline or partner goes last,
// whichever way the list is sorted; ties go by case id; numbers in ids sort as numbers.

const step = (caseId: string, deadline: string | null, partner: string | null): StepView =>
  ({
    caseId,
    deadline,
    responsible: partner ? { id: partner, name: partner } : null,
    stepName: null,
  }) as StepView;

const STEPS = [
  step('LEK-2026-0010', '2026-03-12', 'WIL'),
  step('LEK-2026-0002', null, null),
  step('LEK-2026-0009', '2026-03-12', 'Mitros'),
  step('LEK-2026-0001', '2026-03-20', 'WIL'),
];
const ids = (steps: StepView[]) => steps.map((s) => s.caseId.slice(-2));

describe('the order of Mijn taken', () => {
  it('puts a missing value last in both directions, ties by case id', () => {
    expect(ids(sortedSteps(STEPS, 'deadline', 'asc'))).toEqual(['09', '10', '01', '02']);
    expect(ids(sortedSteps(STEPS, 'deadline', 'desc'))).toEqual(['01', '09', '10', '02']);
    expect(ids(sortedSteps(STEPS, 'partner', 'asc'))).toEqual(['09', '01', '10', '02']);
    expect(ids(sortedSteps(STEPS, 'partner', 'desc'))).toEqual(['01', '10', '09', '02']);
    expect(ids(sortedSteps(STEPS, 'caseId', 'desc'))).toEqual(['10', '09', '02', '01']);
  });

  it('pages with the total of the whole list', () => {
    expect(pageOf(STEPS, 2, 3)).toMatchObject({ total: 4, page: 2, pageSize: 3, items: [STEPS[3]] });
  });
});
