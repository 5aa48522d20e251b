import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CovenantError, parseCovenant } from '../casework/covenant/check.js';
import type { Covenant, Provenance } from '../casework/covenant/covenant.js';
import { covenantStanding, exampleParts, stepExamples } from '../casework/covenant/provenance.js';
import { DEFAULT_COVENANT_DIR, loadCovenants } from '../storage/covenant-files.js';

// Every owner, deadline and rule of a covenant says where it comes from; quotes really are in the seed.

const covenants = loadCovenants();
const byId = (id: string): Covenant => covenants.find((c) => c.id === id)!;
const lekstroomText = readFileSync(join(DEFAULT_COVENANT_DIR, 'lekstroom.yaml'), 'utf8');

/** A covenant's `source` names a file relative to the folder that holds the project and shared/. */
const WORKSPACE = resolve(import.meta.dirname, '..', '..');

const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Every quoted source string of a covenant, with where it stands. */
function quotes(covenant: Covenant): { where: string; quote: string }[] {
  const found: { where: string; quote: string }[] = [];
  const add = (where: string, provenance: Provenance | undefined) => {
    if (provenance && 'source' in provenance) found.push({ where, quote: provenance.source });
  };
  for (const step of covenant.steps)
    for (const [part, provenance] of Object.entries(step.provenance)) add(`${step.id}.${part}`, provenance);
  for (const rule of covenant.special_rules)
    for (const [part, provenance] of Object.entries(rule.provenance)) add(`${rule.id}.${part}`, provenance);
  add('valid', covenant.valid?.provenance);
  return found;
}

/** The quotes that do not occur in the covenant's source file, whitespace-normalised. */
function missingQuotes(covenant: Covenant): string[] {
  const seed = normalised(readFileSync(join(WORKSPACE, covenant.source!), 'utf8'));
  return quotes(covenant)
    .filter(({ quote }) => !seed.includes(normalised(quote)))
    .map(({ where, quote }) => `${where}: ${quote}`);
}

describe('quotes in the covenant files', () => {
  it.each(covenants.map((c) => [c.id, c] as const))(
    '%s: every quoted source occurs in its seed',
    (_, covenant) => {
      expect(covenant.source, 'the covenant names its source file').toBeDefined();
      expect(existsSync(join(WORKSPACE, covenant.source!)), `${covenant.source} exists`).toBe(true);
      expect(quotes(covenant).length).toBeGreaterThan(0);
      expect(missingQuotes(covenant)).toEqual([]);
    },
  );

  it('a quote the seed does not contain is found (the check can fail)', () => {
    const lekstroom = byId('lekstroom');
    const step = lekstroom.steps[0]!;
    const invented: Covenant = {
      ...lekstroom,
      steps: [
        { ...step, provenance: { ...step.provenance, responsible: { source: 'WIL plant het bezoek' } } },
        ...lekstroom.steps.slice(1),
      ],
    };
    expect(missingQuotes(invented)).toEqual([`${step.id}.responsible: WIL plant het bezoek`]);
  });

  it('no covenant claims the Wgs three working days run from a signal', () => {
    for (const covenant of covenants)
      for (const rule of covenant.special_rules.filter((r) => r.when === 'crisis')) {
        expect(rule.rule).not.toMatch(/^Wgs art\. 4 lid 2:/);
        expect(rule.rule).toMatch(/^Keuze van dit (convenant|model)/);
        expect(rule.rule).toContain('hulpvraag');
      }
  });
});

describe('the covenant schema and provenance', () => {
  const parse = (edit: (text: string) => string) => {
    const edited = edit(lekstroomText);
    expect(edited, 'the edit changed nothing').not.toBe(lekstroomText);
    return parseCovenant(edited, 'edited.yaml');
  };
  const refused = (edit: (text: string) => string): CovenantError => {
    try {
      parse(edit);
    } catch (error) {
      expect(error).toBeInstanceOf(CovenantError);
      return error as CovenantError;
    }
    throw new Error('the edited covenant was accepted');
  };
  const DEADLINE = `deadline: { example: "the source gives no term; the covenant's policy officer sets it" }`;

  it('accepts a quote, example: true and example with a reason', () => {
    const covenant = parse((t) => t.replace(DEADLINE, 'deadline: { example: true }'));
    expect(covenant.steps[0]!.provenance.deadline).toEqual({ example: true });
    expect(covenant.steps[0]!.provenance.rule).toHaveProperty('source');
    expect(covenant.steps[1]!.provenance.deadline).toEqual({
      example: "the source gives no term; the covenant's policy officer sets it",
    });
  });

  it('refuses a step without provenance', () => {
    const error = refused((t) => t.replace(/\n {4}provenance:\n( {6}.*\n){3}/, '\n'));
    expect(error.problems).toContainEqual({ path: 'steps[0].provenance', reason: expect.any(String) });
  });

  it('refuses a part without provenance, an empty quote, example: false, and both at once', () => {
    expect(refused((t) => t.replace(DEADLINE, '')).problems[0]?.path).toBe('steps[0].provenance.deadline');
    for (const bad of [
      'deadline: { source: "  " }',
      'deadline: { example: false }',
      'deadline: { source: "x", example: true }',
    ]) {
      const error = refused((t) => t.replace(DEADLINE, bad));
      expect(error.problems[0]).toMatchObject({
        path: expect.stringMatching(/^steps\[0\]\.provenance\.deadline/),
      });
    }
    const neither = refused((t) => t.replace(DEADLINE, 'deadline: { because: "so" }'));
    expect(neither.problems[0]?.reason).toMatch(/source: .*or example: true/);
  });

  it('refuses a special rule without provenance', () => {
    const error = refused((t) =>
      t.replace(
        /\n {4}provenance:\n {6}rule: \{ example: "the covenant's choice[^\n]*\n {6}deadline:[^\n]*\n/,
        '\n',
      ),
    );
    expect(error.problems).toContainEqual({
      path: 'special_rules[0].provenance',
      reason: expect.any(String),
    });
  });

  it('refuses a validity period that ends before it starts, and a date that does not exist', () => {
    const until = refused((t) =>
      t.replace('from: "2016-09-13"', 'from: "2016-09-13"\n  until: "2016-01-01"'),
    );
    expect(until.problems).toContainEqual({ path: 'valid.until', reason: '"until" comes before "from"' });
    const date = refused((t) => t.replace('from: "2016-09-13"', 'from: "2016-02-30"'));
    expect(date.problems[0]?.path).toBe('valid.from');
    expect(date.problems[0]?.reason).toMatch(/YYYY-MM-DD/);
  });
});

describe('example parts', () => {
  it('lists what the Dalfsen seed does not give: De Kern visiting, the GGD for psychological problems', () => {
    const parts = exampleParts(byId('dalfsen')).map((p) => `${p.owner.id}.${p.part}`);
    expect(parts).toEqual(
      expect.arrayContaining([
        'huisbezoek-de-kern.responsible',
        'huisbezoek-de-kern.rule',
        'ggd-psychische-problemen.responsible',
        'ggd-psychische-problemen.rule',
        'dreigende-ontruiming.deadline',
      ]),
    );
    expect(parts).not.toContain('hulp-gemeente.responsible');
  });

  it('marks Partners in Welzijn making first contact in Sittard-Geleen as an example', () => {
    expect(stepExamples(byId('sittard-geleen'), 'eerste-contact', [])).toEqual({
      responsible: true,
      deadline: true,
      rule: true,
    });
    expect(stepExamples(byId('sittard-geleen'), 'casuistiekoverleg', []).rule).toBe(false);
  });

  it('takes the deadline provenance from the special rule that sets the deadline', () => {
    const national = byId('national');
    const source: Covenant = {
      ...national,
      special_rules: national.special_rules.map((r) => ({
        ...r,
        provenance: { rule: { source: 'x' }, deadline: { source: 'y' } },
      })),
    };
    expect(stepExamples(source, 'contact-leggen', []).deadline).toBe(true);
    expect(stepExamples(source, 'contact-leggen', ['crisis']).deadline).toBe(false);
  });
});

describe('a covenant’s validity', () => {
  it('Sittard-Geleen ran until 2020: expired today, not in 2018', () => {
    const sittard = byId('sittard-geleen');
    expect(covenantStanding(sittard, '2026-03-09').expiredOn).toBe('2019-12-31');
    expect(covenantStanding(sittard, '2019-12-31').expiredOn).toBeNull();
    expect(covenantStanding(byId('lekstroom'), '2026-03-09').expiredOn).toBeNull();
  });

  it('announces an evaluation moment from 30 days ahead until the day itself', () => {
    const covenant = { ...byId('lekstroom'), evaluations: ['2026-04-08', '2026-09-01'] };
    expect(covenantStanding(covenant, '2026-03-08').evaluationsDue).toEqual([]);
    expect(covenantStanding(covenant, '2026-03-09').evaluationsDue).toEqual(['2026-04-08']);
    expect(covenantStanding(covenant, '2026-04-08').evaluationsDue).toEqual(['2026-04-08']);
    expect(covenantStanding(covenant, '2026-04-09').evaluationsDue).toEqual([]);
  });
});
