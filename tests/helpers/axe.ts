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
  /** The offending elements (the first few): CSS selector and the start of their HTML. */
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
    .map((v) => ({ ...v, nodes: v.nodes.filter((node) => !isTabsterDummy(v.id, node.html)) }))
    .filter((v) => v.nodes.length > 0 && (v.impact === 'serious' || v.impact === 'critical'))
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 160)}`),
    }));
}

/**
 * Fluent UI's focus manager (Tabster) puts focusable, aria-hidden <i data-tabster-dummy> around
 * groups on purpose: they pass focus on at once and must stay silent for screen readers. axe
 * reports them as aria-hidden-focus; Microsoft's own Accessibility Insights leaves exactly these
 * out (microsoft/tabster#288, accessibility-insights-web#7605). Only these; any other node counts.
 */
function isTabsterDummy(rule: string, html: string): boolean {
  return rule === 'aria-hidden-focus' && /^<i [^>]*data-tabster-dummy/.test(html);
}
