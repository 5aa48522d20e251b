// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { texts } from '../../cards/texts.js';
import { ApiError } from '../../tab/src/api.js';
import type { DemoMember } from '../../tab/src/answers.js';
import { DemoPicker } from '../../tab/src/views/DemoPicker.js';
import { fakeApi, never, renderInShell } from './tab-fakes.js';

afterEach(cleanup);

const MEMBERS: DemoMember[] = [
  {
    userId: 'alex',
    name: 'Alex Wilber',
    memberships: [{ covenantName: 'Lekstroom', partnerName: 'Schuldhulp West' }],
  },
  {
    userId: 'megan',
    name: 'Megan Bowen',
    memberships: [
      { covenantName: 'Lekstroom', partnerName: 'Woonlek' },
      { covenantName: 'Rivierenland', partnerName: 'Woonlek' },
    ],
  },
];

describe.each(['nl', 'en'] as const)('the demo member picker (%s)', (locale) => {
  const t = texts(locale).tab.shell;
  const other = texts(locale === 'nl' ? 'en' : 'nl').tab.shell;

  it('lists the demo members with their memberships; picking Alex Wilber passes his id on', async () => {
    const onPick = vi.fn();
    const { api } = fakeApi({ '/demo-members': () => MEMBERS });
    renderInShell(<DemoPicker onPick={onPick} />, { api, locale });
    expect(screen.getByText(t.loading)).toBeTruthy();
    await screen.findByText('Megan Bowen');
    expect(screen.getByText(t.demoMembership('Rivierenland', 'Woonlek'))).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: t.demoTitle })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t.demoPick('Alex Wilber') }));
    expect(onPick).toHaveBeenCalledWith('alex');
    const text = document.body.textContent ?? '';
    for (const word of [other.demoTitle, other.demoIntro, other.demoPick('Alex Wilber')])
      expect(text).not.toContain(word);
  });

  it('says the tab must be opened in Teams when the server is not in local mode (404)', async () => {
    const { api } = fakeApi({
      '/demo-members': () => {
        throw new ApiError(404, 'http_404', '');
      },
    });
    renderInShell(<DemoPicker onPick={() => {}} />, { api, locale });
    await screen.findByText(t.notLocal);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says so when there are no demo members, and offers a retry on another error', async () => {
    const empty = fakeApi({ '/demo-members': () => [] });
    renderInShell(<DemoPicker onPick={() => {}} />, { api: empty.api, locale });
    await screen.findByText(t.demoNone);
    cleanup();
    let fail = true;
    const failing = fakeApi({
      '/demo-members': () => {
        if (fail) throw new ApiError(500, 'http_500', '');
        return MEMBERS;
      },
    });
    renderInShell(<DemoPicker onPick={() => {}} />, { api: failing.api, locale });
    await screen.findByText(t.demoFailed);
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: t.retry }));
    await screen.findByText('Alex Wilber');
  });

  it('shows a spinner while it waits', () => {
    renderInShell(<DemoPicker onPick={() => {}} />, { api: fakeApi({ '/demo-members': never }).api, locale });
    expect(screen.getByText(t.loading)).toBeTruthy();
  });
});
