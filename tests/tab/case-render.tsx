import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { Locale } from '../../casework/reads/views.js';
import { texts } from '../../cards/texts.js';
import { ShellProvider, type Navigation, type Place } from '../../tab/src/context.js';
import { CaseView } from '../../tab/src/views/Case.js';
import { COVENANT_WORDS } from '../../tab/src/views/case/WhySection.js';
import { asTabApi, CASE_ID, NAMES, type FakeApi } from './case-fixtures.js';

// The Casus view rendered as the shell renders it, and the language check of its text.

// jsdom has no ResizeObserver; Fluent's MessageBar measures itself with one (to reflow its actions).
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResizeObserver;

export function renderCase(api: FakeApi, locale: Locale, caseId = CASE_ID) {
  const navigation = {
    place: { view: 'case', caseId } satisfies Place,
    go: vi.fn<Navigation['go']>(),
  };
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <ShellProvider shell={{ api: asTabApi(api), locale, navigation }}>
        <CaseView />
      </ShellProvider>
    </FluentProvider>,
  );
  return { ...result, navigation };
}

const words = (value: string): string[] =>
  value
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= 2);

/** Every string the catalogue can produce (its functions called with sample arguments). */
function vocabulary(locale: Locale): Set<string> {
  const found: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (path === 'help.aliases') return; // quotes the other language's commands on purpose
    if (typeof value === 'string') found.push(value);
    else if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      for (const sample of [0, 1, 2]) {
        try {
          const result = fn(...Array.from({ length: fn.length }, () => sample));
          if (typeof result === 'string') found.push(result);
        } catch {
          // a function that needs a richer argument (a refusal) adds nothing here
        }
      }
    } else if (value !== null && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key);
  };
  visit(texts(locale), '');
  return new Set(found.flatMap(words));
}

const VOCABULARY = { nl: vocabulary('nl'), en: vocabulary('en') };

/**
 * Words in the page's text that only the other language's catalogue uses. The covenant's quoted
 * rule (marked in the view), its names and steps, and typed personal data are left out.
 */
export function otherLanguageWords(root: HTMLElement, locale: Locale): string[] {
  const clone = root.cloneNode(true) as HTMLElement;
  for (const quote of clone.querySelectorAll(`[data-testid="${COVENANT_WORDS}"]`)) quote.remove();
  let text = clone.textContent ?? '';
  for (const name of NAMES) text = text.replaceAll(name, ' ');
  const other = locale === 'nl' ? 'en' : 'nl';
  return [...new Set(words(text))].filter((w) => VOCABULARY[other].has(w) && !VOCABULARY[locale].has(w));
}
