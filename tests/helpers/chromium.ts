import { existsSync } from 'node:fs';
import { it } from 'vitest';

// Debian's Chromium for the browser tests (playwright-core drives it; no downloaded browser).
// Without it the tests skip with a loud message, except under CI, where that is a failure.

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
export const noChromium = !existsSync(CHROMIUM);

/** Call at the top of a browser test file: warns (skip) or fails (CI) when Chromium is missing. */
export function requireChromium(what: string): void {
  if (noChromium && inCI)
    it(`has Chromium for ${what} (CI is set)`, () => {
      throw new Error(`CI is set but ${CHROMIUM} is missing: apt-get install -y chromium`);
    });
  else if (noChromium)
    console.warn(
      [
        '',
        '!'.repeat(90),
        `!!! SKIPPED: ${what} needs Chromium at ${CHROMIUM}.`,
        '!!! Install it with: apt-get update && apt-get install -y chromium',
        '!!! (With CI set, a missing Chromium fails this test instead of skipping it.)',
        '!'.repeat(90),
        '',
      ].join('\n'),
    );
}
