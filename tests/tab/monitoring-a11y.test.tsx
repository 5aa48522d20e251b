// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { texts } from '../../cards/texts.js';
import { ApiError } from '../../tab/src/api.js';
import { makeFigures } from '../fixtures/figures.js';
import { stubChartLayout } from './chart-layout.js';
import { fakeApi, renderMonitoring, yearFigures } from './monitoring-harness.js';

// axe-core over the Monitoring view as rendered in jsdom: labels, names, headings, tables and the
// charts' own ARIA. Colour contrast needs a real layout: the browser test checks it (issue 11).

beforeAll(() => {
  stubChartLayout();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-18T10:00:00Z'));
});
afterEach(cleanup);

async function seriousViolations(): Promise<string[]> {
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
}

describe('the Monitoring view for assistive technology', () => {
  it('has no serious violations with a year of figures', async () => {
    renderMonitoring(fakeApi({ figures: yearFigures(makeFigures()) }), 'nl');
    await screen.findByRole('heading', { name: texts('nl').tab.monitoring.signalsPerMonth });
    expect(await seriousViolations()).toEqual([]);
  });

  it('has no serious violations with a refusal', async () => {
    renderMonitoring(fakeApi({ figures: new ApiError(403, 'not_allowed', 'Not a coordinator') }), 'en');
    await screen.findByText('Not a coordinator');
    expect(await seriousViolations()).toEqual([]);
  });
});
