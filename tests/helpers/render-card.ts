import * as AC from 'adaptivecards';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';

// Draws a card as a Teams-like client does: the real Adaptive Cards renderer in a jsdom window,
// with markdown-it as its Markdown processor, set up the way WebChat and the Agents Playground
// set it up (raw HTML on, bare URLs linked, typographer on): the strictest of the renderers in
// reach, so what shows no link here shows none there.

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: true });

const dom = new JSDOM('<!doctype html><html><body></body></html>');

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};

/** What the renderer reads from the global scope of a browser: the DOM's classes and the window. */
const LENT = [
  'window',
  'document',
  'getComputedStyle',
  ...Object.getOwnPropertyNames(dom.window).filter((name) =>
    /^(HTML\w*Element|Element|Node|Text)$/.test(name),
  ),
];

/** The renderer draws with the global window and document: lend it jsdom's for one call. */
function withWindow<T>(run: () => T): T {
  const global = globalThis as Record<string, unknown>;
  const window = dom.window as unknown as Record<string, unknown>;
  const saved = LENT.map((name) => [name, global[name]] as const);
  for (const name of LENT) global[name] = name === 'window' ? dom.window : window[name];
  try {
    return run();
  } finally {
    for (const [name, value] of saved) global[name] = value;
  }
}

/** The card drawn into an element of the jsdom document (not attached: nothing here needs layout). */
export function renderCard(json: unknown): HTMLElement {
  return withWindow(() => {
    const card = new AC.AdaptiveCard();
    card.parse(json, new AC.SerializationContext(AC.Versions.v1_5));
    const element = card.render();
    if (!element) throw new Error('the card did not render');
    return element;
  });
}

/** What a reader sees of a drawn card: its text, whitespace folded. */
export function visibleText(element: HTMLElement): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ');
}
