import { describe, expect, it } from 'vitest';
import { caseOfLinkFor } from '../bot/case-link.js';
import { tabLinkFor } from '../bot/tab-link.js';
import type { StepView } from '../casework/reads/views.js';
import { caseResult } from '../cards/search.js';

// Which pasted links lead to a case (bot/case-link.ts), the inverse of the cards' tab link; and
// the line a case is listed by in the compose box (cards/search.ts).

const APP_ID = '3f9a1c2e-7b4d-4e8f-a1b2-c3d4e5f6a7b8';
const DOMAIN = 'aanzet.example.org';

describe('a pasted link to a case', () => {
  const inTeams = caseOfLinkFor({ domain: DOMAIN, appId: APP_ID, localMode: false });

  it("reads the cards' own Teams deep link back to its case", () => {
    const link = tabLinkFor({ appId: APP_ID, localMode: false, localPort: () => 0 })('LEK-2026-0031');
    expect(inTeams(link)).toBe('LEK-2026-0031');
    expect(inTeams(link.replace(APP_ID, APP_ID.toUpperCase()))).toBe('LEK-2026-0031');
  });

  it('reads the tab on the own domain, with a query or a page name before the hash', () => {
    for (const url of [
      `https://${DOMAIN}/tab/#/case/LEK-2026-0031`,
      `https://${DOMAIN}/tab#/case/LEK-2026-0031`,
      `https://${DOMAIN}/tab/?view=tasks#/case/LEK-2026-0031`,
      `https://${DOMAIN}/tab/index.html#/case/LEK%2D2026%2D0031`,
    ])
      expect(inTeams(url), url).toBe('LEK-2026-0031');
  });

  it("leads nowhere from another app's deep link, another host, another page, or no case", () => {
    const other = tabLinkFor({ appId: 'another-app', localMode: false, localPort: () => 0 })('LEK-2026-0031');
    for (const url of [
      other,
      `https://teams.microsoft.com/l/entity/${APP_ID}/tasks?context=${encodeURIComponent('{"subEntityId":"monitoring:lekstroom"}')}`,
      `https://teams.microsoft.com/l/entity/${APP_ID}/tasks?context=not-json`,
      `https://teams.microsoft.com/l/chat/0/0?users=a`,
      `https://${DOMAIN}.evil.example/tab/#/case/LEK-2026-0031`,
      `https://evil.example/${DOMAIN}/tab/#/case/LEK-2026-0031`,
      `https://${DOMAIN}:8443/tab/#/case/LEK-2026-0031`,
      `http://${DOMAIN}/tab/#/case/LEK-2026-0031`,
      `https://${DOMAIN}/tabs/#/case/LEK-2026-0031`,
      `https://${DOMAIN}/tab/#/monitoring/lekstroom`,
      `https://${DOMAIN}/tab/#/case/`,
      `http://localhost:3978/tab/#/case/LEK-2026-0031`,
      'LEK-2026-0031',
      '',
    ])
      expect(inTeams(url), url).toBeUndefined();
  });

  it('in local mode reads the tab on this machine, whatever its port', () => {
    const local = caseOfLinkFor({ domain: '', appId: '', localMode: true });
    const link = tabLinkFor({ appId: '', localMode: true, localPort: () => 41234 })('DAL-2026-0042');
    expect(local(link)).toBe('DAL-2026-0042');
    expect(local('http://127.0.0.1:3978/tab/#/case/DAL-2026-0042')).toBe('DAL-2026-0042');
    // Without an app id there is no deep link of this app, and without a domain no own host.
    expect(
      local(tabLinkFor({ appId: APP_ID, localMode: false, localPort: () => 0 })('DAL-2026-0042')),
    ).toBeUndefined();
    expect(local(`https://${DOMAIN}/tab/#/case/DAL-2026-0042`)).toBeUndefined();
  });
});

describe('the line a case is listed by', () => {
  const view = (overrides: Partial<StepView>): StepView => ({
    caseId: 'LEK-2026-0031',
    covenantId: 'lekstroom',
    covenantName: 'Aanpak Huurachterstanden Lekstroom (Vroeg Eropaf!)',
    version: 3,
    status: 'open',
    stepId: 'gezamenlijk-huisbezoek',
    stepName: 'Gezamenlijk huisbezoek (corporatie + WIL)',
    responsible: { id: 'wil', name: 'WIL' },
    jointPartners: [],
    deadline: '2026-03-06',
    deadlineStanding: { kind: 'late', workingDays: 2 },
    late: true,
    because: null,
    labels: [],
    finalResult: null,
    ...overrides,
  });

  it('marks a late step first, then who is responsible and the deadline', () => {
    expect(caseResult('nl', view({})).preview).toEqual({
      title: 'LEK-2026-0031',
      subtitle: 'Gezamenlijk huisbezoek (corporatie + WIL)',
      text: '⚠ Te laat · Aan zet: WIL · Termijn: vrijdag 6 maart 2026 (2 werkdagen te laat)',
    });
    expect(caseResult('en', view({})).preview.text).toBe(
      '⚠ Late · Responsible: WIL · Deadline: Friday 6 March 2026 (2 working days late)',
    );
  });

  it('gives a closed case its status and final result, without responsible or deadline', () => {
    const closed = view({
      status: 'closed',
      stepId: null,
      stepName: null,
      responsible: null,
      deadline: null,
      deadlineStanding: null,
      late: false,
      finalResult: 'zelf-betaald-of-regeling',
    });
    const { preview } = caseResult('nl', closed);
    expect(preview.subtitle).toMatch(/^Afgesloten: /);
    expect(preview.text).toBe('');
  });
});
