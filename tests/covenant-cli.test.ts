import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderMermaid, resultNodeId, stepNodeId } from '../cli/covenant-render.js';
import { loadCovenants } from '../storage/covenant-files.js';

const ROOT = resolve(import.meta.dirname, '..');
const SEED_FILES = [
  'dalfsen.yaml',
  'de-fryske-marren.yaml',
  'kaag-en-braassem-nieuwkoop.yaml',
  'lekstroom.yaml',
  'sittard-geleen.yaml',
  'national.yaml',
].map((name) => `covenants/${name}`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as `npm run covenant` would, from the project root. */
function covenantCli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      'node',
      ['--import', 'tsx', 'cli/covenant.ts', ...args],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run covenant -- check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts all six covenants, one ok line each with name, partners and steps', async () => {
    const run = await covenantCli('check', ...SEED_FILES);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('ok  '));
    expect(lines).toHaveLength(6);
    expect(lines[3]).toBe(
      'ok  covenants/lekstroom.yaml  (Aanpak Huurachterstanden Lekstroom (Vroeg Eropaf!): 12 partners, 2 steps)',
    );
  });

  it('lists the example parts under each covenant, with why, and warns of an expired covenant', async () => {
    const run = await covenantCli('check', 'covenants/dalfsen.yaml', 'covenants/sittard-geleen.yaml');
    expect(run.code).toBe(0);
    const [dalfsen, sittard] = run.stdout.split(/^ok {2}/m).slice(1);
    expect(dalfsen).toContain('    example parts (12), not from the source:\n');
    expect(dalfsen).toContain(
      '      - step huisbezoek-de-kern: owner (the source names Stichting De Kern as a signatory, not as the partner that visits)\n',
    );
    expect(dalfsen).toContain(
      '      - step ggd-psychische-problemen: rule (the source gives the GGD no task)\n',
    );
    expect(dalfsen).toContain('      - special rule dreigende-ontruiming: deadline (');
    expect(dalfsen).not.toContain('step hulp-gemeente: owner');
    expect(dalfsen).not.toContain('expired');
    expect(sittard).toContain('    warning: the covenant ran until 2019-12-31 and has expired\n');
    expect(sittard).toContain('      - step eerste-contact: owner (');
  });

  it('without files checks every file in covenants/', async () => {
    const run = await covenantCli('check');
    expect(run.code).toBe(0);
    for (const file of SEED_FILES) expect(run.stdout).toContain(`ok  ${file}  (`);
  });

  it('refuses a broken copy with exit 1, naming the file and the reason, and still checks the rest', async () => {
    const text = readFileSync(join(ROOT, 'covenants/dalfsen.yaml'), 'utf8');
    const broken = join(dir, 'dalfsen-broken.yaml');
    writeFileSync(broken, text.replace('next: huisbezoek-de-kern', 'next: huisbezoek-kern'));
    const run = await covenantCli('check', broken, 'covenants/sittard-geleen.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${broken}: the covenant is not valid`);
    expect(run.stderr).toMatch(/at steps\[0\]\.outcomes\[0\]\.next: unknown step "huisbezoek-kern"/);
    expect(run.stdout).toContain('ok  covenants/sittard-geleen.yaml');
  });

  it('shows the usage with exit 2 for an unknown subcommand', async () => {
    const run = await covenantCli('validate', 'covenants/dalfsen.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage:');
  });
});

describe('npm run covenant -- show', () => {
  it('prints the step plan as Dutch text and as a Mermaid flowchart', async () => {
    const run = await covenantCli('show', 'covenants/lekstroom.yaml');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Stap 1. Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(run.stdout).toContain('Aan zet:   WIL — Werk en Inkomen Lekstroom');
    expect(run.stdout).toContain('Termijn:   10 werkdagen na het signaal');
    expect(run.stdout).toContain(
      'Betalingsregeling getroffen → einde: Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    );
    expect(run.stdout).toContain('flowchart TD');
  });

  it('marks the parts that are examples with (voorbeeld), and the validity period', async () => {
    const run = await covenantCli('show', 'covenants/sittard-geleen.yaml', '--text');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Looptijd: vanaf 2016-06-07 tot en met 2019-12-31\n');
    expect(run.stdout).toContain('  Aan zet:   Partners in Welzijn (voorbeeld)\n');
    expect(run.stdout).toContain('  Termijn:   10 werkdagen na het signaal (voorbeeld)\n');
    // The monthly meeting is in the source; its chair is not.
    expect(run.stdout).toMatch(
      /Afspraak: {2}De samenwerkingspartners bespreken maandelijks[^\n]*hulp biedt\.\n/,
    );
    expect(run.stdout).toContain(
      '  Aan zet:   Regisseur vroegsignalering (Gemeente Sittard-Geleen) (voorbeeld)\n',
    );
  });

  it('prints only the flowchart with --mermaid and only the text with --text', async () => {
    const mermaid = await covenantCli('show', 'covenants/de-fryske-marren.yaml', '--mermaid');
    expect(mermaid.stdout.startsWith('flowchart TD\n')).toBe(true);
    expect(mermaid.stdout).not.toContain('Stappenplan');
    const text = await covenantCli('show', 'covenants/de-fryske-marren.yaml', '--text');
    expect(text.stdout).toContain('Oplossingen: andere incassodatum, tijdelijke huurverlaging');
    expect(text.stdout).not.toContain('flowchart');
  });

  it('shows the usage with exit 2 when the file is missing', async () => {
    const run = await covenantCli('show');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage:');
  });

  it('refuses an unknown flag with exit 2, naming it, and prints nothing else', async () => {
    const run = await covenantCli('show', 'covenants/dalfsen.yaml', '--txt');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("covenant show: Unknown option '--txt'");
    expect(run.stderr).toContain('Usage:');
    expect(run.stdout).toBe('');
  });
});

describe('npm run covenant -- flags', () => {
  it('refuses a flag of show given to check, naming it, with exit 2', async () => {
    const run = await covenantCli('check', '--mermaid', 'covenants/dalfsen.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("covenant check: Unknown option '--mermaid'");
    expect(run.stdout).toBe('');
  });

  it('refuses an unknown flag before the command with exit 2', async () => {
    const run = await covenantCli('--verbose', 'check');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("covenant: Unknown option '--verbose'");
  });

  it('prints the usage on stdout with exit 0 for --help, also after a command', async () => {
    for (const args of [['--help'], ['show', '-h']]) {
      const run = await covenantCli(...args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('npm run covenant -- show <file> [--mermaid|--text]');
      expect(run.stderr).toBe('');
    }
  });
});

describe('the Mermaid flowchart', () => {
  const nodeLines = (mermaid: string, id: string) =>
    mermaid
      .split('\n')
      .filter((line) => line.trim().startsWith(`${id}[`) || line.trim().startsWith(`${id}(`));

  it.each(loadCovenants().map((c) => [c.id, c] as const))(
    'of %s has one node per step and an edge per outcome',
    (_, covenant) => {
      const mermaid = renderMermaid(covenant);
      for (const step of covenant.steps) {
        expect(nodeLines(mermaid, stepNodeId(step.id)), step.id).toHaveLength(1);
        for (const outcome of step.outcomes) {
          const target = outcome.next ? stepNodeId(outcome.next) : resultNodeId(outcome.close ?? '');
          expect(mermaid).toMatch(new RegExp(`${stepNodeId(step.id)} -->\\|"[^"\\n]*"\\| ${target}\\n`));
        }
      }
      const outcomeEdges = mermaid.split('\n').filter((line) => / -->\|"[^"]*"\| /.test(line));
      expect(outcomeEdges).toHaveLength(covenant.steps.reduce((n, s) => n + s.outcomes.length, 0));
    },
  );

  it('writes quotes, markup and pipes in labels as Mermaid entity codes', () => {
    const [covenant] = loadCovenants();
    if (!covenant) throw new Error('no covenant');
    const step = covenant.steps[0]!;
    const tricky = {
      ...covenant,
      steps: [
        {
          ...step,
          name: 'Stap "A" <b>',
          outcomes: [{ ...step.outcomes[0]!, label: 'ja | "nee" #1' }, ...step.outcomes.slice(1)],
        },
        ...covenant.steps.slice(1),
      ],
    };
    const mermaid = renderMermaid(tricky);
    expect(mermaid).toContain('Stap #quot;A#quot; #lt;b#gt;');
    expect(mermaid).toContain('-->|"ja #124; #quot;nee#quot; #35;1"|');
  });
});
