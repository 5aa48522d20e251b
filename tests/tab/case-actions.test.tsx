// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView, Locale } from '../../casework/reads/views.js';
import { texts } from '../../cards/texts.js';
import { timelineLine } from '../../cards/timeline.js';
import { ApiError } from '../../tab/src/api.js';
import { CASE_ID, fakeApi, openCase, type FakeApi } from './case-fixtures.js';
import { otherLanguageWords, renderCase } from './case-render.js';

// The Casus view's actions: each a dialog form that posts with the shown case's version; the
// answer replaces the case; a refusal shows its message at the field or above the form and keeps
// what was typed; a stale version offers a reload.

afterEach(cleanup);

async function shown(api: FakeApi, locale: Locale, view: CaseView) {
  api.get.mockResolvedValue(view);
  const rendered = renderCase(api, locale);
  await screen.findByRole('heading', { level: 2 });
  return rendered;
}

function openDialog(opener: string): HTMLElement {
  fireEvent.click(screen.getByRole('button', { name: opener }));
  return screen.getByRole('dialog');
}

/** Clicks a dialog's button; found by waiting, as the dialog's motion may still be settling. */
const click = async (dialog: HTMLElement, name: string) => {
  const button = await within(dialog).findByRole('button', { name });
  await act(async () => {
    fireEvent.click(button);
    await Promise.resolve();
  });
};
const submit = click;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe.each(['nl', 'en'] as Locale[])('the Casus actions in %s', (locale) => {
  const t = texts(locale);

  it('records an outcome: posts the choice with the version, shows the answered case', async () => {
    const api = fakeApi();
    const view = openCase(locale);
    await shown(api, locale, view);
    const dialog = openDialog(t.case.outcome);
    expect(within(dialog).getByRole('heading', { name: t.outcomeForm.title })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('radio', { name: view.outcomes[1]!.label }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Schuldhulpverlening' }));
    const answered = openCase(locale, {
      version: 8,
      timeline: [
        ...view.timeline,
        {
          at: '2026-03-23T10:00:00Z',
          who: 'Ahmed El Amrani',
          fact: {
            kind: 'outcome_logged',
            outcomeId: 'shv',
            outcomeLabel: view.outcomes[1]!.label,
            solutions: ['Schuldhulpverlening'],
          },
        },
      ],
    });
    const sent = deferred<CaseView>();
    api.post.mockReturnValue(sent.promise);
    await submit(dialog, t.outcomeForm.submit);
    expect(api.post).toHaveBeenCalledWith(`/cases/${CASE_ID}/outcome`, {
      version: 7,
      outcomeId: 'shv',
      solutions: ['Schuldhulpverlening'],
    });
    // While sending, a second click cannot send again.
    expect(
      (within(dialog).getByRole('button', { name: t.outcomeForm.submit }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await act(async () => sent.resolve(answered));
    expect(screen.queryByRole('dialog')).toBeNull();
    const timeline = screen.getByRole('region', { name: t.case.timeline });
    expect(timeline.textContent).toContain(timelineLine(answered.timeline.at(-1)!, locale));
    expect(otherLanguageWords(document.body, locale)).toEqual([]);
  });

  it("shows the server's field message at its field and keeps what was chosen (400)", async () => {
    const api = fakeApi();
    const view = openCase(locale);
    await shown(api, locale, view);
    const dialog = openDialog(t.case.outcome);
    fireEvent.click(within(dialog).getByRole('radio', { name: view.outcomes[0]!.label }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Betalingsregeling' }));
    const message = locale === 'en' ? 'choose an outcome of this step' : 'kies een uitkomst van deze stap';
    api.post.mockRejectedValue(
      new ApiError(400, 'invalid_input', message, {
        code: 'invalid_input',
        message,
        fields: { outcomeId: message },
      }),
    );
    await submit(dialog, t.outcomeForm.submit);
    // At the outcome field (its description), not above the form.
    const shownMessage = within(dialog).getByText(message);
    const field = within(dialog).getByRole('radiogroup');
    expect(field.getAttribute('aria-describedby') ?? '').toContain(shownMessage.id || 'no id');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(
      (within(dialog).getByRole('radio', { name: view.outcomes[0]!.label }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(
      (within(dialog).getByRole('checkbox', { name: 'Betalingsregeling' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(
      (within(dialog).getByRole('button', { name: t.outcomeForm.submit }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });

  it('offers a reload when someone else changed the case (409 stale); the next send carries the new version', async () => {
    const api = fakeApi();
    await shown(api, locale, openCase(locale));
    const dialog = openDialog(t.reminders.postpone);
    fireEvent.change(within(dialog).getByLabelText(t.reminders.until, { exact: false }), {
      target: { value: '2026-04-02' },
    });
    fireEvent.change(within(dialog).getByLabelText(t.reminders.reason, { exact: false }), {
      target: { value: 'in het ziekenhuis' },
    });
    const stale = `${t.stale.text('Sanne Bakker', '10:42', 'maandag 23 maart 2026')} ${t.stale.hint}`;
    api.post.mockRejectedValueOnce(
      new ApiError(409, 'stale', stale, { code: 'stale', message: stale, version: 8 }),
    );
    await submit(dialog, t.reminders.submitPostpone);
    expect(within(dialog).getByText(stale)).toBeTruthy();
    expect(
      (within(dialog).getByLabelText(t.reminders.reason, { exact: false }) as HTMLTextAreaElement).value,
    ).toBe('in het ziekenhuis');

    api.get.mockResolvedValue(openCase(locale, { version: 8 }));
    await click(dialog, t.tab.case.reload);
    expect(within(dialog).queryByText(stale)).toBeNull();
    // The reload button is gone with its message; the focus stays in the form, on the send button.
    expect(document.activeElement).toBe(
      within(dialog).getByRole('button', { name: t.reminders.submitPostpone }),
    );
    expect(
      (within(dialog).getByLabelText(t.reminders.until, { exact: false }) as HTMLInputElement).value,
    ).toBe('2026-04-02');
    api.post.mockResolvedValue(openCase(locale, { version: 9 }));
    await submit(dialog, t.reminders.submitPostpone);
    expect(api.post).toHaveBeenLastCalledWith(`/cases/${CASE_ID}/postpone`, {
      version: 8,
      until: '2026-04-02',
      reason: 'in het ziekenhuis',
    });
  });

  it('shows the refusal of a closed case above the form', async () => {
    const api = fakeApi();
    await shown(api, locale, openCase(locale));
    const dialog = openDialog(t.case.contact);
    const closed = t.messages.closed(CASE_ID);
    api.post.mockRejectedValue(new ApiError(409, 'case_closed', closed));
    fireEvent.change(within(dialog).getByRole('combobox', { name: t.contactForm.kind }), {
      target: { value: 'Telefoon' },
    });
    await submit(dialog, t.contactForm.submit);
    expect(within(dialog).getByText(closed)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: t.tab.case.reload })).toBeNull();
  });

  it('records a contact attempt with the fields of the card form', async () => {
    const api = fakeApi();
    await shown(api, locale, openCase(locale));
    const dialog = openDialog(t.case.contact);
    fireEvent.change(within(dialog).getByRole('combobox', { name: t.contactForm.kind }), {
      target: { value: 'Huisbezoek' },
    });
    fireEvent.click(within(dialog).getByRole('switch', { name: t.contactForm.reached }));
    fireEvent.change(within(dialog).getByLabelText(t.contactForm.date, { exact: false }), {
      target: { value: '2026-03-23' },
    });
    fireEvent.click(within(dialog).getByRole('radio', { name: t.contactForm.dayparts.Avond }));
    api.post.mockResolvedValue(openCase(locale, { version: 8 }));
    await submit(dialog, t.contactForm.submit);
    expect(api.post).toHaveBeenCalledWith(`/cases/${CASE_ID}/contact`, {
      version: 7,
      kind: 'Huisbezoek',
      reached: true,
      date: '2026-03-23',
      daypart: 'Avond',
    });
  });

  it('leaves out what was not chosen, so the server names it as missing', async () => {
    const api = fakeApi();
    await shown(api, locale, openCase(locale));
    const dialog = openDialog(t.case.contact);
    const message = locale === 'en' ? 'choose the kind of contact' : 'kies het soort contact';
    api.post.mockRejectedValue(new ApiError(400, 'invalid_input', message, { fields: { kind: message } }));
    await submit(dialog, t.contactForm.submit);
    const body = api.post.mock.calls[0]![1] as Record<string, unknown>;
    expect(body).not.toHaveProperty('kind');
    expect(body).not.toHaveProperty('daypart');
    expect(within(dialog).getByText(message)).toBeTruthy();
  });

  it('takes the step over after asking, and adds a confidential note', async () => {
    const api = fakeApi();
    const view = openCase(locale);
    await shown(api, locale, view);
    let dialog = openDialog(t.reminders.takeOver);
    expect(dialog.textContent).toContain(t.tab.case.takeOverText(view.stepName!, view.responsible!.name));
    api.post.mockResolvedValue(openCase(locale, { version: 8 }));
    await submit(dialog, t.reminders.takeOver);
    expect(api.post).toHaveBeenLastCalledWith(`/cases/${CASE_ID}/take-over`, { version: 7 });

    dialog = openDialog(t.notes.add);
    fireEvent.change(within(dialog).getByLabelText(t.notes.text, { exact: false }), {
      target: { value: 'Eerst bellen.' },
    });
    await submit(dialog, t.notes.save);
    expect(api.post).toHaveBeenLastCalledWith(`/cases/${CASE_ID}/note`, {
      version: 8,
      text: 'Eerst bellen.',
    });
  });

  it('offers no step action to who may not act on the step, and a note only with the personal data', async () => {
    const api = fakeApi();
    await shown(api, locale, openCase(locale, { mayAct: false }));
    for (const name of [t.case.contact, t.case.outcome, t.reminders.takeOver, t.reminders.postpone])
      expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.getByRole('button', { name: t.notes.add })).toBeTruthy();
    cleanup();

    await shown(fakeApi(), locale, openCase(locale, { mayAct: false, personal: null }));
    expect(screen.queryByRole('region', { name: t.tab.case.actions })).toBeNull();
  });
});
