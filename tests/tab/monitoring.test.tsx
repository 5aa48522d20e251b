// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { texts, type Locale } from '../../cards/texts.js';
import { ApiError, type Query } from '../../tab/src/api.js';
import { makeCounts, makeFigures } from '../fixtures/figures.js';
import { fakeApi, renderMonitoring, yearFigures } from './monitoring-harness.js';
import { stubChartLayout } from './chart-layout.js';

// The Monitoring view in both languages: loading, error, refusal, empty and a year of figures,
// the period and covenant chosen, and the export asked for with the right query.

const LOCALES: Locale[] = ['nl', 'en'];

beforeAll(() => {
  stubChartLayout();
  // Presets count from today: a fixed Wednesday in March 2026 (only Date is faked, not timers).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-18T10:00:00Z'));
});
afterEach(cleanup);

/** The other language's own words of this view (those the two languages do not share). */
function otherLanguageWords(locale: Locale): string[] {
  const own = texts(locale);
  const other = texts(locale === 'nl' ? 'en' : 'nl');
  const strings = (section: object) =>
    Object.values(section).filter((v): v is string => typeof v === 'string');
  const mine = new Set([...strings(own.tab.monitoring), ...strings(own.report)]);
  return [...strings(other.tab.monitoring), ...strings(other.report)].filter((s) => !mine.has(s));
}

/** The drawn chart (SVG) in the section of that title. */
function chartIn(title: string): Element | null {
  return screen.getByRole('region', { name: title }).querySelector('svg');
}

function expectOnlyOwnLanguage(locale: Locale) {
  const page = document.body.textContent ?? '';
  for (const word of otherLanguageWords(locale)) expect(page).not.toContain(word);
}

describe.each(LOCALES)('the Monitoring view (%s)', (locale) => {
  const w = texts(locale).tab.monitoring;
  const report = texts(locale).report;

  it('shows a spinner while the figures load', async () => {
    renderMonitoring(fakeApi({ figures: new Promise(() => {}) }), locale);
    expect(await screen.findByText(w.loading)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: w.signalsPerMonth })).toBeNull();
    expectOnlyOwnLanguage(locale);
  });

  it('draws a year of figures: tiles, four charts with headings, each with its numbers as a table', async () => {
    const figures = yearFigures(makeFigures());
    const api = fakeApi({ figures });
    renderMonitoring(api, locale);
    expect(await screen.findByRole('heading', { name: w.signalsPerMonth })).toBeTruthy();
    for (const title of [w.keyFigures, w.funnel, report.perFinalResult, report.onTime])
      expect(screen.getByRole('heading', { name: title })).toBeTruthy();

    const tile = (label: string) => screen.getByRole('group', { name: label });
    expect(within(tile(report.signalsReceived)).getByText(String(figures.signalsReceived))).toBeTruthy();
    expect(within(tile(report.householdsReached)).getByText(String(figures.householdsReached))).toBeTruthy();
    expect(within(tile(report.positiveShare)).getByText('75%')).toBeTruthy();
    expect(within(tile(report.medianDays)).getByText(locale === 'nl' ? '4,5' : '4.5')).toBeTruthy();

    const perMonth = screen.getByRole('table', { name: w.signalsPerMonth });
    expect(within(perMonth).getAllByRole('row')).toHaveLength(13); // header + 12 months
    expect(within(perMonth).getByText(locale === 'nl' ? 'dec 2026' : 'Dec 2026')).toBeTruthy();
    const december = within(perMonth)
      .getByText(locale === 'nl' ? 'dec 2026' : 'Dec 2026')
      .closest('tr')!;
    // December: 29 signals, 26 reached, 10 arrangements, 2 to debt help (yearFigures).
    expect([...december.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      locale === 'nl' ? 'dec 2026' : 'Dec 2026',
      '29',
      '26',
      '10',
      '2',
    ]);
    expect(within(perMonth).getByRole('columnheader', { name: report.referredToDebtHelp })).toBeTruthy();

    const results = screen.getByRole('table', { name: report.perFinalResult });
    expect(within(results).getByText(texts(locale).finalResults['vervolghulp-financieel'])).toBeTruthy();
    const funnel = screen.getByRole('table', { name: w.funnel });
    expect(
      within(funnel).getByText(w.ofSignals(figures.householdsReached, figures.signalsReceived)),
    ).toBeTruthy();
    const onTime = screen.getByRole('table', { name: report.onTime });
    expect(within(onTime).getByText(report.onTimeText(8, 10, '80%'))).toBeTruthy();

    // The charts themselves are drawn, not only their tables.
    for (const title of [w.signalsPerMonth, w.funnel, report.perFinalResult, report.onTime])
      expect(chartIn(title), title).not.toBeNull();
    expect(chartIn(w.signalsPerMonth)!.querySelectorAll('rect').length).toBeGreaterThanOrEqual(12);
    expectOnlyOwnLanguage(locale);
  });

  it('asks for this year by default, and for the preset or dates chosen', async () => {
    const api = fakeApi({ figures: makeFigures() });
    const { go } = renderMonitoring(api, locale);
    await screen.findByRole('heading', { name: w.signalsPerMonth });
    expect(api.get).toHaveBeenLastCalledWith('/figures', {
      covenant: 'lekstroom',
      from: '2026-01-01',
      to: '2026-03-18',
    });

    fireEvent.click(screen.getByRole('button', { name: w.lastQuarter }));
    await waitFor(() =>
      expect(api.get).toHaveBeenLastCalledWith('/figures', {
        covenant: 'lekstroom',
        from: '2025-10-01',
        to: '2025-12-31',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: w.last12Months }));
    await waitFor(() =>
      expect(api.get).toHaveBeenLastCalledWith('/figures', {
        covenant: 'lekstroom',
        from: '2025-04-01',
        to: '2026-03-18',
      }),
    );
    fireEvent.change(screen.getByLabelText(w.from), { target: { value: '2026-02-01' } });
    await waitFor(() =>
      expect(api.get).toHaveBeenLastCalledWith('/figures', {
        covenant: 'lekstroom',
        from: '2026-02-01',
        to: '2026-03-18',
      }),
    );
    fireEvent.change(screen.getByLabelText(w.covenant), { target: { value: 'utrecht' } });
    expect(go).toHaveBeenLastCalledWith({ view: 'monitoring', covenantId: 'utrecht' });
    await waitFor(() =>
      expect(api.get).toHaveBeenLastCalledWith('/figures', {
        covenant: 'utrecht',
        from: '2026-02-01',
        to: '2026-03-18',
      }),
    );
    // Only covenants the reader coordinates are offered.
    const covenants = screen.getByLabelText(w.covenant);
    expect(
      within(covenants)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Vroeg Eropaf Lekstroom', 'Vroegsignalering Utrecht']);
  });

  it('shows the figures of the covenant chosen last, even when an earlier answer comes later', async () => {
    let answerLekstroom: (figures: unknown) => void = () => {};
    const lekstroom = new Promise((resolve) => (answerLekstroom = resolve));
    const api = fakeApi({
      figures: (query: Query) =>
        query.covenant === 'lekstroom' ? lekstroom : makeFigures({ signalsReceived: 77 }),
    });
    renderMonitoring(api, locale);
    fireEvent.change(await screen.findByLabelText(w.covenant), { target: { value: 'utrecht' } });
    const tile = await screen.findByRole('group', { name: report.signalsReceived });
    expect(within(tile).getByText('77')).toBeTruthy();
    answerLekstroom(makeFigures({ signalsReceived: 11 }));
    await lekstroom;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(within(screen.getByRole('group', { name: report.signalsReceived })).getByText('77')).toBeTruthy();
  });

  it('opens on the covenant the shell names, and on the first for one the reader does not coordinate', async () => {
    const api = fakeApi({ figures: makeFigures() });
    renderMonitoring(api, locale, { view: 'monitoring', covenantId: 'utrecht' });
    await screen.findByRole('heading', { name: w.signalsPerMonth });
    expect(api.get).toHaveBeenLastCalledWith('/figures', expect.objectContaining({ covenant: 'utrecht' }));
    cleanup();
    renderMonitoring(api, locale, { view: 'monitoring', covenantId: 'amersfoort' });
    await screen.findByRole('heading', { name: w.signalsPerMonth });
    expect(api.get).toHaveBeenLastCalledWith('/figures', expect.objectContaining({ covenant: 'lekstroom' }));
  });

  it('says what is wrong with a period that ends before it starts, keeps the dates and asks nothing', async () => {
    const api = fakeApi({ figures: makeFigures() });
    renderMonitoring(api, locale);
    await screen.findByRole('heading', { name: w.signalsPerMonth });
    const asked = api.get.mock.calls.length;
    fireEvent.change(screen.getByLabelText(w.from), { target: { value: '2026-05-01' } });
    expect(await screen.findByText(w.fromAfterTo)).toBeTruthy();
    expect((screen.getByLabelText(w.from) as HTMLInputElement).value).toBe('2026-05-01');
    expect((screen.getByLabelText(w.to) as HTMLInputElement).value).toBe('2026-03-18');
    expect(api.get.mock.calls.length).toBe(asked);
    fireEvent.change(screen.getByLabelText(w.to), { target: { value: '' } });
    expect(await screen.findByText(w.dateMissing)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(w.from), { target: { value: '0001-01-01' } });
    fireEvent.change(screen.getByLabelText(w.to), { target: { value: '9999-12-31' } });
    expect(await screen.findByText(w.periodTooLong(10))).toBeTruthy();
    expect(api.get.mock.calls.length).toBe(asked);
    expectOnlyOwnLanguage(locale);
  });

  it('says there were no signals in an empty period instead of drawing empty axes', async () => {
    const empty = makeFigures({
      ...makeCounts({
        signalsReceived: 0,
        signalsPerType: {},
        crisisSignals: 0,
        contactAttempts: 0,
        householdsReached: 0,
        homeVisits: 0,
        householdsVisited: 0,
        closed: 0,
        paymentArrangements: 0,
        paid: 0,
        referredToDebtHelp: 0,
        helpAccepted: 0,
        perFinalResult: makeCounts().perFinalResult,
        positive: { numerator: 0, denominator: 0, share: null },
        medianWorkingDaysToFirstContact: null,
        firstContacts: 0,
      }),
      perMonth: ['2026-01', '2026-02', '2026-03'].map((month) => ({
        month,
        signals: 0,
        reached: 0,
        arrangement: 0,
        debtHelp: 0,
      })),
      onTimePerPartner: [],
    });
    renderMonitoring(fakeApi({ figures: empty }), locale);
    expect(await screen.findByText(w.emptyTitle)).toBeTruthy();
    for (const title of [w.keyFigures, w.signalsPerMonth, w.funnel, report.perFinalResult, report.onTime])
      expect(screen.queryByRole('region', { name: title })).toBeNull();
    expect(screen.queryAllByRole('table')).toEqual([]);
    expectOnlyOwnLanguage(locale);
  });

  it('says when nothing was closed and no steps were completed, next to the charts that have data', async () => {
    const none = makeFigures({
      closed: 0,
      perFinalResult: Object.fromEntries(
        Object.keys(makeCounts().perFinalResult).map((c) => [c, 0]),
      ) as never,
      onTimePerPartner: [],
    });
    renderMonitoring(fakeApi({ figures: none }), locale);
    expect(await screen.findByText(report.noneClosed)).toBeTruthy();
    expect(screen.getByText(report.noData)).toBeTruthy();
    expect(screen.queryByRole('table', { name: report.perFinalResult })).toBeNull();
  });

  it("shows the server's refusal for a non-coordinator as a message, without a retry", async () => {
    const refusal = new ApiError(403, 'not_allowed', `${locale} refusal from the server`);
    renderMonitoring(fakeApi({ figures: refusal }), locale);
    expect(await screen.findByText(`${locale} refusal from the server`)).toBeTruthy();
    expect(screen.getByText(w.refusedTitle)).toBeTruthy();
    expect(screen.queryByRole('button', { name: w.retry })).toBeNull();
  });

  it('tells a member who coordinates no covenant, without asking for figures', async () => {
    const api = fakeApi({
      me: { memberships: [{ covenantId: 'lekstroom', covenantName: 'Lekstroom', coordinator: false }] },
    });
    renderMonitoring(api, locale);
    expect(await screen.findByText(w.notCoordinator)).toBeTruthy();
    expect(api.get).not.toHaveBeenCalledWith('/figures', expect.anything());
    expectOnlyOwnLanguage(locale);
  });

  it('shows a failure with a retry that asks again', async () => {
    let fail = true;
    const api = fakeApi({
      figures: () => (fail ? Promise.reject(new TypeError('Failed to fetch')) : makeFigures()),
    });
    renderMonitoring(api, locale);
    expect(await screen.findByText(w.failedTitle)).toBeTruthy();
    expect(screen.getByText(w.failedText)).toBeTruthy();
    expect(document.body.textContent).not.toContain('Failed to fetch');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: w.retry }));
    expect(await screen.findByRole('heading', { name: w.signalsPerMonth })).toBeTruthy();
    expectOnlyOwnLanguage(locale);
  });

  it('downloads the export as figures CSV, case list CSV and JSON with the covenant and period shown, saved as a file', async () => {
    const created: Blob[] = [];
    const saved: string[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return `blob:export-${created.length}`;
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(`${this.download} ${this.href}`);
    });
    const file = new Blob(['Indeling;Groep'], { type: 'text/csv' });
    const api = fakeApi({ figures: makeFigures(), download: file });
    renderMonitoring(api, locale);
    fireEvent.click(await screen.findByRole('button', { name: w.exportCsv }));
    /** A click once the buttons are free again: they are disabled until the download before has ended. */
    const clickWhenFree = async (name: string) => {
      const button = screen.getByRole('button', { name }) as HTMLButtonElement;
      await waitFor(() => expect(button.disabled).toBe(false));
      fireEvent.click(button);
    };
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.download).toHaveBeenLastCalledWith('/export', {
      covenant: 'lekstroom',
      from: '2026-01-01',
      to: '2026-03-18',
      format: 'csv',
    });
    expect(created[0]).toBe(file);
    expect(saved[0]).toBe('aanzet-lekstroom-cijfers-2026-01-01-2026-03-18.csv blob:export-1');
    await clickWhenFree(w.exportCasesCsv);
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(api.download).toHaveBeenLastCalledWith(
      '/export',
      expect.objectContaining({ format: 'csv', cases: 'true' }),
    );
    expect(saved[1]).toBe('aanzet-lekstroom-casussen-2026-01-01-2026-03-18.csv blob:export-2');
    await clickWhenFree(w.exportJson);
    await waitFor(() => expect(saved).toHaveLength(3));
    expect(api.download).toHaveBeenLastCalledWith('/export', {
      covenant: 'lekstroom',
      from: '2026-01-01',
      to: '2026-03-18',
      format: 'json',
    });
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:export-1');
    click.mockRestore();
  });

  it('says why an export failed, in the server message', async () => {
    const api = fakeApi({
      figures: makeFigures(),
      download: new ApiError(403, 'not_allowed', `${locale} no export`),
    });
    renderMonitoring(api, locale);
    fireEvent.click(await screen.findByRole('button', { name: w.exportJson }));
    expect(await screen.findByText(`${locale} no export`)).toBeTruthy();
    expect(screen.getByText(w.exportFailed)).toBeTruthy();
  });
});
