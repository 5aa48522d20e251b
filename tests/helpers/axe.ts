import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Frame } from 'playwright-core';

// The accessibility check of the browser tests: axe-core (installed, not fetched) injected into
// a frame, run on its whole document. Returns the violations that count.

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements (the first few), to find them. */
  targets: string[];
}

/** The 'serious' and 'critical' axe violations in `frame` (WCAG 2.x A/AA and best practice). */
export async function seriousViolations(frame: Frame): Promise<Violation[]> {
  if (!(await frame.evaluate(() => 'axe' in globalThis))) await frame.addScriptTag({ content: AXE });
  const results = await frame.evaluate(
    () =>
      (globalThis as unknown as { axe: { run(context: unknown): Promise<AxeResults> } }).axe.run(
        (globalThis as unknown as { document: unknown }).document,
      ) as Promise<AxeResults>,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}
