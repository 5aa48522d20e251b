// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../casework/reads/views.js';
import { texts } from '../../cards/texts.js';
import { timelineLine } from '../../cards/timeline.js';
import {
  BECAUSE,
  CASE_ID,
  closedCase,
  fakeApi,
  NOTE,
  notFound,
  openCase,
  REASON,
  timelineOf,
} from './case-fixtures.js';
import { otherLanguageWords, renderCase } from './case-render.js';

// The Casus view's states in both languages: the case's whole story as the case card tells it,
// personal data only when the server sent it, a closed case, loading, an error, a long history.

afterEach(cleanup);

describe.each(['nl', 'en'] as Locale[])('the Casus view in %s', (locale) => {
  const t = texts(locale);

  it('tells an open case with its personal part: step, who and why, deadline, timeline, household', async () => {
    const api = fakeApi();
    const view = openCase(locale);
    api.get.mockResolvedValue(view);
    const { container } = renderCase(api, locale);

    expect(await screen.findByRole('heading', { level: 2, name: t.case.title(CASE_ID) })).toBeTruthy();
    expect(api.get).toHaveBeenCalledWith(`/cases/${CASE_ID}`);
    const page = container.textContent ?? '';
    expect(page).toContain(view.stepName);
    expect(page).toContain('WIL — Werk en Inkomen Lekstroom');
    expect(page).toContain('Vitens'); // joint partner
    expect(page).toContain(BECAUSE);
    expect(page).toContain(t.case.deadlineRule(10, true, true));
    expect(page).toContain(t.case.standing.late(2));
    expect(page).toContain(t.flags.children);
    expect(page).toContain(
      t.privacy.postponed(
        locale === 'en' ? 'Friday 20 March 2026' : 'vrijdag 20 maart 2026',
        'Ahmed El Amrani',
      ) +
        ': ' +
        REASON,
    );
    expect(page).toContain(t.case.signalStates.opgepakt);
    // The household as the personal chat's card shows it, typed text as text.
    const personal = screen.getByRole('region', { name: t.case.personal });
    expect(within(personal).getByText('J. de Vries')).toBeTruthy();
    expect(personal.textContent).toContain('Dukatenburg 12A, 3437 AB Nieuwegein');
    expect(personal.textContent).toContain('06-12345678');
    expect(personal.textContent).toContain(t.case.householdText(1, 2));
    expect(personal.textContent).toContain(NOTE);
    // Every timeline entry worded as the card words it.
    const timeline = screen.getByRole('region', { name: t.case.timeline });
    const items = within(timeline).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual(
      view.timeline.map((entry) => expect.stringContaining(timelineLine(entry, locale)) as string),
    );
    expect(otherLanguageWords(container, locale)).toEqual([]);
    // Under the shell's h1: the case's title an h2, its parts h3, nothing skipped.
    const levels = [...container.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    expect(levels[0]).toBe(2);
    levels.forEach((level, i) => i > 0 && expect(level).toBeLessThanOrEqual(levels[i - 1]! + 1));
    expect(levels).toContain(4); // the notes under the personal data
  });

  it('shows no personal section when the server sent no personal data', async () => {
    const api = fakeApi();
    api.get.mockResolvedValue(openCase(locale, { personal: null }));
    const { container } = renderCase(api, locale);
    await screen.findByRole('heading', { level: 2 });
    expect(screen.queryByRole('region', { name: t.case.personal })).toBeNull();
    expect(container.textContent).not.toContain('J. de Vries');
    expect(container.textContent).not.toContain(NOTE);
    expect(container.textContent).not.toContain(t.case.personal);
  });

  it("shows a joining partner only its own entry, the joins as facts, and the signaller's own observation", async () => {
    const api = fakeApi();
    api.get.mockResolvedValue(
      openCase(locale, {
        personal: null,
        mayAct: false,
        ownEntries: [
          {
            seq: 4,
            partnerId: 'vitens',
            at: '2026-03-10T09:00:00Z',
            household: {
              name: 'J. de Vries',
              street: 'Dukatenburg',
              city: 'Nieuwegein',
              address: { houseNumber: 12, addition: '', postcode: '3437 AB' },
            },
          },
        ],
        joins: [
          {
            seq: 4,
            at: '2026-03-10T09:00:00Z',
            partnerId: 'vitens',
            partnerName: 'Vitens',
            signalType: 'Water',
          },
        ],
        observation: { partnerName: 'Mitros', withConsent: true, fields: ['children_flag'] },
      }),
    );
    const { container } = renderCase(api, locale);
    await screen.findByRole('heading', { level: 2 });
    const own = screen.getByRole('region', { name: t.privacy.ownEntry });
    expect(own.textContent).toContain('Dukatenburg 12, 3437 AB Nieuwegein');
    expect(screen.queryByRole('region', { name: t.case.personal })).toBeNull();
    const joins = screen.getByRole('region', { name: t.privacy.joinsTitle });
    expect(joins.textContent).toContain(
      t.privacy.joinLine('Vitens', t.signalTypes.Water, '10 ' + (locale === 'en' ? 'Mar' : 'mrt') + ' 10:00'),
    );
    expect(joins.textContent).not.toContain(t.privacy.enteredBy('Vitens'));
    expect(container.textContent).toContain(
      t.register.observedBy('Mitros', true, t.case.observationFields.children_flag),
    );
    // No note without the personal part, no step action without mayAct: no actions at all.
    expect(screen.queryByRole('region', { name: t.tab.case.actions })).toBeNull();
    expect(otherLanguageWords(container, locale)).toEqual([]);
  });

  it('tells a closed case with its final result and offers no action', async () => {
    const api = fakeApi();
    api.get.mockResolvedValue(closedCase(locale));
    const { container } = renderCase(api, locale);
    await screen.findByRole('heading', { level: 2 });
    const page = container.textContent ?? '';
    expect(page).toContain(`${t.case.statuses.closed}: ${t.finalResults['zelf-betaald-of-regeling']}`);
    const labels = [...container.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).toContain(t.case.status);
    for (const gone of [t.case.step, t.case.responsible, t.case.deadline]) expect(labels).not.toContain(gone);
    expect(page).not.toContain(BECAUSE);
    expect(screen.queryByRole('region', { name: t.tab.case.actions })).toBeNull();
    expect(screen.queryByRole('button', { name: t.case.outcome })).toBeNull();
    expect(otherLanguageWords(container, locale)).toEqual([]);
  });

  it('says it is loading while the case is on its way', () => {
    const api = fakeApi();
    api.get.mockReturnValue(new Promise(() => {}));
    const { container } = renderCase(api, locale);
    expect(screen.getByText(t.tab.case.loading)).toBeTruthy();
    expect(otherLanguageWords(container, locale)).toEqual([]);
  });

  it("shows the server's message for an unknown case, and the way back", async () => {
    const api = fakeApi();
    api.get.mockRejectedValue(notFound(locale));
    const { container, navigation } = renderCase(api, locale);
    expect(await screen.findByText(t.messages.notFound(CASE_ID))).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: t.tab.case.back }));
    expect(navigation.go).toHaveBeenCalledWith({ view: 'tasks' });
    expect(otherLanguageWords(container, locale)).toEqual([]);
  });

  it('shows a general message when the answer is not the server’s (a network fault)', async () => {
    const api = fakeApi();
    api.get.mockRejectedValue(new TypeError('Failed to fetch'));
    renderCase(api, locale);
    expect(await screen.findByText(t.messages.errorText)).toBeTruthy();
  });

  it('shows every entry of a long history, oldest first', async () => {
    const api = fakeApi();
    const timeline = timelineOf(locale, 240);
    api.get.mockResolvedValue(openCase(locale, { timeline }));
    const { container } = renderCase(api, locale);
    const region = await screen.findByRole('region', { name: t.case.timeline });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(240);
    expect(items[0]!.textContent).toContain(timelineLine(timeline[0]!, locale));
    expect(items[239]!.textContent).toContain(timelineLine(timeline[239]!, locale));
    expect(otherLanguageWords(container, locale)).toEqual([]);
  });

  it('shows the whole case as text: typed markup stays markup', async () => {
    const api = fakeApi();
    const typed = '<img src=x onerror=alert(1)> **vet**';
    api.get.mockResolvedValue(
      openCase(locale, {
        personal: {
          ...openCase(locale).personal!,
          notes: [{ at: '2026-03-10T08:00:00Z', byPartnerId: 'wil', text: typed, visibleTo: ['wil'] }],
        },
      }),
    );
    const { container } = renderCase(api, locale);
    await screen.findByRole('heading', { level: 2 });
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain(typed);
  });
});
