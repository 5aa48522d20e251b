import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { CaseView, StepView } from '../casework/reads/views.js';
import { makeCounts, makeFigures } from './fixtures/figures.js';
import {
  agendaCard,
  approvalCard,
  approvalResultCard,
  caseCard,
  digestCard,
  helpCard,
  messageCard,
  noteFormCard,
  postponeFormCard,
  registerConfirmCard,
  registerHouseholdCard,
  reminderCard,
  reportCard,
  signalRegisteredCard,
  staleCard,
  statusCard,
  tasksCard,
  welcomeCard,
  type AdaptiveCard,
} from '../cards/index.js';
import { inert, inertEveryPass } from '../cards/inert.js';
import { seededRandom } from './fixtures/random-histories.js';
import { validateCard } from './helpers/validate-card.js';
import { HOSTILE_STRINGS, ONE_OF_EACH_HIDDEN } from './fixtures/hostile-strings.js';

// cards/inert.ts and its use by every card builder: each builder gets hostile text in every
// free-text field of its model; every TextBlock and fact of the card, run through markdown-it as
// WebChat sets it up (HTML and linkify on), must come out as one plain paragraph that still reads
// as the text that went in.

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

/** Every text the card hands to Markdown: TextBlocks, fact titles and values. */
function markdownTexts(card: AdaptiveCard): string[] {
  const found: string[] = [];
  JSON.stringify(card, (_key, value: unknown) => {
    const v = value as { type?: string; text?: string; facts?: { title: string; value: string }[] } | null;
    if (v?.type === 'TextBlock' && typeof v.text === 'string') found.push(v.text);
    if (v?.type === 'FactSet') for (const f of v.facts ?? []) found.push(f.title, f.value);
    return value;
  });
  return found;
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };

/** markdown-it's HTML for one text, checked to be a plain paragraph; returns the text a reader sees. */
function plainParagraph(text: string): string {
  const html = markdown.render(text).trim();
  const inner = /^<p>([\s\S]*)<\/p>$/.exec(html)?.[1];
  expect(inner, `${JSON.stringify(text)} → ${html}`).toBeDefined();
  expect(inner, `${JSON.stringify(text)} → ${html}`).not.toContain('<');
  return inner!.replace(/&(lt|gt|quot|amp);/g, (entity) => ENTITIES[entity]!);
}

/** The card is valid, and each of its texts renders as plain text; all of them, joined. */
function readAsText(card: AdaptiveCard): string {
  expect(validateCard(card)).toEqual([]);
  return markdownTexts(card).map(plainParagraph).join('\n');
}

// One value with every kind of Markdown, HTML and mention in it; and one over several lines.
const V =
  '**V** [klik](https://evil.example) <at>Ahmed</at> <b>x</b> www.evil.example `c` ~~s~~ _i_ &#x202E;';
const LINES = '# kop\n- punt\n1. een\n> citaat\n---\n[klik](https://evil.example)';

const step = (overrides: Partial<StepView> = {}): StepView => ({
  caseId: 'LEK-2026-0031',
  covenantId: 'lekstroom',
  covenantName: V,
  version: 3,
  status: 'open',
  stepId: 'gezamenlijk-huisbezoek',
  stepName: V,
  responsible: { id: 'wil', name: V },
  jointPartners: [{ id: 'mitros', name: V }],
  deadline: '2026-03-23',
  deadlineStanding: { kind: 'in', workingDays: 10 },
  late: true,
  because: V,
  labels: [V],
  finalResult: null,
  ...overrides,
});

const view = (): CaseView => ({
  ...step(),
  people: [V, V],
  outcomes: [],
  solutions: [],
  timeline: [
    {
      at: '2026-03-09T09:15:00Z',
      who: V,
      fact: { kind: 'referred', partnerId: V, partnerName: V, reason: V },
    },
  ],
  personal: {
    name: V,
    street: V,
    city: V,
    phone: V,
    adults: 2,
    children: 1,
    address: { postcode: '3437 AB', houseNumber: 12, addition: '' },
    notes: [{ at: '2026-03-12T14:20:00Z', byPartnerId: 'wil', text: LINES, visibleTo: ['wil'] }],
  },
});

const BUILDERS: [name: string, build: () => AdaptiveCard, shows: string[]][] = [
  ['caseCard', () => caseCard('nl', { view: view(), canAct: true }), [V, ...LINES.split('\n')]],
  ['statusCard', () => statusCard('nl', { view: step() }), [V]],
  ['signalRegisteredCard', () => signalRegisteredCard('nl', { view: view(), joined: true }), [V]],
  [
    'registerConfirmCard',
    () =>
      registerConfirmCard('nl', {
        flowId: 'f',
        summary: [{ label: V, value: V }],
        observations: 'consent_required',
        values: {},
        errors: {},
      }),
    [V],
  ],
  [
    'registerHouseholdCard (error echoes)',
    () =>
      registerHouseholdCard('nl', {
        flowId: 'f',
        covenantName: V,
        municipalities: [],
        values: { name: V },
        errors: { name: V, elsewhere: V },
      }),
    [V],
  ],
  [
    'postponeFormCard (error echoes)',
    () => postponeFormCard('nl', { view: step(), values: { reason: LINES }, errors: { reason: V, x: V } }),
    [V],
  ],
  [
    'noteFormCard (error echoes)',
    () =>
      noteFormCard('nl', {
        caseId: 'LEK-2026-0031',
        version: 1,
        values: { text: LINES },
        errors: { text: V },
      }),
    [V],
  ],
  ['staleCard', () => staleCard('nl', { caseId: 'LEK-2026-0031', by: V, at: '2026-03-12T09:42:00Z' }), [V]],
  ['messageCard', () => messageCard('nl', { title: V, text: LINES }), [V, ...LINES.split('\n')]],
  [
    'approvalCard',
    () =>
      approvalCard('nl', {
        requester: { userId: 'u', name: V },
        covenantId: 'lekstroom',
        covenantName: V,
        partnerName: V,
      }),
    [V],
  ],
  [
    'approvalResultCard',
    () => approvalResultCard('nl', { approved: true, requesterName: V, partnerName: V, by: V }),
    [V],
  ],
  ['welcomeCard', () => welcomeCard('nl', { userName: V, needsOnboarding: true }), [V]],
  ['helpCard (the unknown text quoted)', () => helpCard('nl', { unknownText: '[klik](https://evil.example)' }), ['[klik](https://evil.example)']], // prettier-ignore
  [
    'tasksCard',
    () =>
      tasksCard('nl', {
        title: V,
        items: [step()],
        emptyText: V,
        failedDeliveries: [
          {
            kind: 'nudge',
            subject: V,
            forDate: '2026-01-05',
            failure: { type: 'undeliverable', code: '403' },
          },
        ],
      }),
    [V],
  ],
  ['reminderCard', () => reminderCard('nl', { kind: 'escalation', view: step() }), [V]],
  ['digestCard', () => digestCard('nl', { partnerName: V, late: [step()], today: [], thisWeek: [] }), [V]],
  [
    'reportCard',
    () =>
      reportCard('nl', {
        covenantName: V,
        figures: makeFigures({
          onTimePerPartner: [{ partnerId: 'p', partnerName: V, numerator: 1, denominator: 1, share: 1 }],
          perMunicipality: [{ id: 'p', name: V, figures: makeCounts() }],
          perSignaller: [{ id: 'p', name: V, figures: makeCounts() }],
        }),
      }),
    [V],
  ],
  [
    'agendaCard',
    () =>
      agendaCard('nl', {
        covenantName: V,
        agenda: {
          covenantId: 'lekstroom',
          meetingDate: null,
          late: [step()],
          escalated: [],
          childrenFacingEviction: [],
          waitingForNetwork: [],
          flaggedByRules: [],
          covenantExpiredOn: null,
          evaluationsDue: [],
        },
      }),
    [V],
  ],
];

describe('every card builder shows free text as text', () => {
  it.each(BUILDERS)('%s', (_name, build, shows) => {
    const card = build();
    const text = readAsText(card);
    for (const words of shows) expect(text).toContain(words);
    expect(JSON.stringify(card)).not.toMatch(/"mention"|"entities"/);
  });

  it('keeps the values typed into inputs as they were typed: they are not Markdown', () => {
    const household = registerHouseholdCard('nl', {
      flowId: 'f',
      covenantName: 'C',
      municipalities: [],
      values: { name: V },
      errors: { name: 'vul de naam in' },
    });
    // Only the input holds V unescaped: the error message is a TextBlock.
    expect(JSON.stringify(household)).toContain(
      `"id":"name","label":"Naam huurder","maxLength":200,"value":${JSON.stringify(V)}`,
    );
    const note = noteFormCard('nl', { caseId: 'X', version: 1, values: { text: LINES }, errors: {} });
    expect(JSON.stringify(note)).toContain(JSON.stringify(LINES));
  });
});

describe('inert', () => {
  it('takes its shortcut only for text that every pass would leave as it is', () => {
    // Plain text, every character a pattern starts from, markers, hidden characters (a tag
    // character is two UTF-16 units), in random strings of up to 16 pieces.
    const pieces = [
      ...'aZé9 \t\n#-+=.):@&;%_*`[]<>~|\\/wwwhttps',
      ...ONE_OF_EACH_HIDDEN,
      '\u{E0041}',
      'Lekstroom',
      'LEK-2026-0004',
      '12',
      '&#x202E;',
      'evil.example',
    ];
    const random = seededRandom(13);
    let shortcuts = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = Math.floor(random() * 17); n > 0; n--)
        text +=
          random() < 0.6 ? pieces[Math.floor(random() * 7)] : pieces[Math.floor(random() * pieces.length)];
      if (inert(text) === text) shortcuts++;
      expect(inert(text), JSON.stringify(text)).toBe(inertEveryPass(text));
    }
    expect(shortcuts).toBeGreaterThan(1_000); // both ways were taken
  });

  it.each(HOSTILE_STRINGS.filter((h) => h.shows !== ''))(
    'leaves $what readable and without markup',
    ({ value }) => {
      const shown = plainParagraph(inert(value));
      expect(shown).toBe(
        // what is hidden goes; what is visible stays, as typed
        value.replace(
          // eslint-disable-next-line no-control-regex -- the hidden characters inert removes
          /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu,
          '',
        ),
      );
    },
  );

  it.each([
    'J. de Vries-Bakker',
    'J.P. de Vries',
    "'s-Gravenhage",
    '3437 AB',
    '06-12345678',
    'Mitros',
    'Wonen & Zorg (Lekstroom)',
    'Dukatenburg 12A, 3437 AB Nieuwegein',
    'Reden: huurder is verhuisd, 12.5 m2',
    'WIL — Werk en Inkomen Lekstroom',
    '-Bakker',
    'Casus LEK-2026-0031 geopend',
  ])('leaves an ordinary %j without a backslash', (ordinary) => {
    expect(inert(ordinary)).toBe(ordinary);
  });

  it('escapes only what Markdown acts on: links, tags, emphasis, line starts, addresses', () => {
    expect(inert('[a](b)')).toBe('\\[a\\](b)');
    expect(inert('<at>A</at>')).toBe('\\<at\\>A\\</at\\>');
    expect(inert('*a* _b_ `c` ~d~ \\ |')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\\\ \\|');
    expect(inert('# a\n- b\n+ c\n1. d\n2) e\n===')).toBe('\\# a\n\\- b\n\\+ c\n1\\. d\n2\\) e\n\\===');
    expect(inert('https://x.example jan@x.example www.x.example')).toBe(
      'https\\://x\\.example jan\\@x\\.example www\\.x\\.example',
    );
    expect(inert('&#x202E; &amp; & a')).toBe('\\&#x202E; \\&amp; & a');
  });

  it('removes bidi controls, zero-width characters and NUL also from text stored before input was cleaned', () => {
    expect(inert('Jan\u202Esen\u200B\u0000\u2066x\u2069\uFEFF')).toBe('Jansenx');
    expect(inert('regel 1\nregel 2')).toBe('regel 1\nregel 2');
  });
});
