// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { App } from '../../tab/src/App.js';
import type { Me } from '../../tab/src/answers.js';
import { fakeApi, fakeHost, step } from './tab-fakes.js';

afterEach(cleanup);

const ME: Me = {
  userId: 'alex',
  name: 'Alex Wilber',
  memberships: [
    {
      covenantId: 'lekstroom',
      covenantName: 'Lekstroom',
      partnerId: 'sww',
      partnerName: 'Schuldhulp West',
      status: 'active',
      coordinator: true,
    },
  ],
};

/** Serious and critical findings of axe-core (colour contrast needs a real browser: tests/browser). */
async function seriousViolations(): Promise<string[]> {
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe('the shell and Mijn taken for axe-core', () => {
  it.each(['nl', 'en'] as const)(
    'has no serious violations with rows, filters and paging (%s)',
    async (locale) => {
      const { host } = fakeHost({ locale });
      const items = Array.from({ length: 60 }, (_, i) =>
        step(
          i + 1,
          i % 3 === 0
            ? { late: true, deadlineStanding: { kind: 'late', workingDays: 2 }, flags: ['crisis'] }
            : {},
        ),
      );
      const { api } = fakeApi({
        '/me': () => ME,
        '/tasks': () => ({ total: 60, page: 1, pageSize: 50, items: items.slice(0, 50) }),
        '/covenants': () => [
          {
            id: 'lekstroom',
            name: 'Lekstroom',
            coordinator: true,
            partners: [{ id: 'sww', name: 'Schuldhulp West' }],
          },
        ],
      });
      render(<App host={host} api={api} />);
      await screen.findByText('LEK-2026-0050');
      expect(await seriousViolations()).toEqual([]);
    },
  );

  it('has no serious violations in the demo member picker', async () => {
    const { host } = fakeHost({ mode: 'browser', demo: { member: () => undefined, choose: () => {} } });
    const { api } = fakeApi({
      '/demo-members': () => [
        {
          userId: 'alex',
          name: 'Alex Wilber',
          memberships: [{ covenantName: 'Lekstroom', partnerName: 'Schuldhulp West' }],
        },
      ],
    });
    render(<App host={host} api={api} />);
    await screen.findByText('Alex Wilber');
    expect(await seriousViolations()).toEqual([]);
  });
});
