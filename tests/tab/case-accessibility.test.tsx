// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../casework/reads/views.js';
import { texts } from '../../cards/texts.js';
import { fakeApi, openCase } from './case-fixtures.js';
import { renderCase } from './case-render.js';

// axe-core on the Casus view and each of its dialogs: labels on inputs, names on buttons, roles
// used right. jsdom lays nothing out, so colour contrast is for the browser test (part host).

afterEach(cleanup);

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

describe.each(['nl', 'en'] as Locale[])('the Casus view in %s, to axe-core', (locale) => {
  const t = texts(locale);

  const shown = async () => {
    const api = fakeApi();
    api.get.mockResolvedValue(openCase(locale));
    renderCase(api, locale);
    await screen.findByRole('heading', { level: 2 });
  };

  it('has no serious violation on the case', async () => {
    await shown();
    expect(await violations()).toEqual([]);
  });

  // One dialog per render: axe's run leaves tabster's modal layer marking an open dialog
  // aria-hidden in jsdom, which would hide the next dialog from the next run.
  it.each([
    ['contact', t.case.contact],
    ['outcome', t.case.outcome],
    ['take over', t.reminders.takeOver],
    ['postpone', t.reminders.postpone],
    ['note', t.notes.add],
  ])('has no serious violation in the %s dialog', async (_name, opener) => {
    await shown();
    fireEvent.click(screen.getByRole('button', { name: opener }));
    const dialog = await screen.findByRole('dialog');
    // axe skips what is hidden: the dialog must be in view for the check to mean anything.
    expect(dialog.closest('[aria-hidden="true"]')).toBeNull();
    expect(await violations()).toEqual([]);
  });
});
