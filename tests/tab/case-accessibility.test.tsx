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

  it('has no serious violation, nor has any of its dialogs', async () => {
    const api = fakeApi();
    api.get.mockResolvedValue(openCase(locale));
    renderCase(api, locale);
    await screen.findByRole('heading', { level: 2 });
    expect(await violations()).toEqual([]);
    for (const opener of [
      t.case.contact,
      t.case.outcome,
      t.reminders.takeOver,
      t.reminders.postpone,
      t.notes.add,
    ]) {
      fireEvent.click(screen.getByRole('button', { name: opener }));
      const dialog = await screen.findByRole('dialog');
      expect(await violations()).toEqual([]);
      // Escape, not Cancel: axe's own run leaves tabster's modal layer marking the dialog aria-hidden in jsdom.
      fireEvent.keyDown(dialog, { key: 'Escape' });
      await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
    }
  });
});
