// Text as text on a card (DESIGN.md, decision 10). Teams runs every TextBlock and every FactSet
// title and value through its Markdown; WebChat and the Agents Playground use markdown-it with
// HTML and linkify on. A name like "[klik](https://evil.example)" must not become a link there,
// "<at>Ahmed</at>" not a mention, "**x**" not bold. So the card helpers in elements.ts pass all the
// text they are given through `inert`: the one place where text becomes safe to show.
//
// Why backslash escapes and not RichTextBlock/TextRun (which Teams draws without Markdown):
// FactSet has no TextRun, and the same names appear in facts, headings and sentences; one
// escaping function covers all of them. Older Teams mobile clients showed escapes literally, so
// only what Markdown would act on is escaped: "J. de Vries-Bakker", "3437 AB", "06-12345678" and
// "Wonen & Zorg (Lekstroom)" go out unchanged. Parentheses alone cannot make a link once "[" and
// "<" are escaped, so they stay as they are.
//
// Bare web addresses: Teams and markdown-it's linkify make "www.evil.example" and
// "https://evil.example" clickable. Escaping the dot inside a domain and the colon after a
// scheme (and the @ of an e-mail address) hides them from a Markdown linkifier, which only sees
// unescaped text; the reader still sees the address, as text.

import { hasHiddenCharacters, withoutHiddenCharacters } from '../casework/commands/clean-text.js';

/** Inline Markdown and HTML: links, images, emphasis, code, strikethrough, tags, autolinks, escapes. */
const INLINE = /[\\`*_[\]<>~|]/g;
/** An HTML entity could bring back a character removed above ("&#x202E;"). */
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
/** Linkify: "https:", "mailto:" (a letter, a colon, no space), "evil.example", "jan@evil.example". */
const SCHEME_COLON = /(?<=\p{L}):(?=\S)/gu;
/** A dot before a label of two letters or more, or before a label that another dot follows. */
const DOMAIN_DOT = /(?<=[\p{L}\p{N}])\.(?=\p{L}{2}|[\p{L}\p{N}][\p{L}\p{N}-]*\.\p{L})/gu;
const EMAIL_AT = /(?<=[\p{L}\p{N}._%+-])@(?=[\p{L}\p{N}])/gu;
/**
 * At the start of a line: a heading ("# "), a list item ("- ", "+ ", "1. ", "1) "), a thematic
 * break or setext underline ("---", "==="). "-Bakker" or "12.5" are left alone.
 */
const LINE_START = /^([ \t]*)(#|[-+=](?=[-+=\s]|$)|\d+(?=[.)](?:\s|$)))/gm;

/**
 * A character one of the patterns above starts from (a colon only after a letter, as in a
 * scheme: "(voorbeeld): maandag" has nothing to escape), or a line that starts with a marker. Text
 * without any (most of a card: names, steps, dates) comes back as it is, after one test instead
 * of eight passes. Whoever changes a pattern above changes this one too; the test compares both
 * ways on random text (tests/cards-inert.test.ts).
 */
const MAY_NEED_ESCAPES = /[\\`*_[\]<>~|&.@]|\p{L}:|^[ \t]*[-+=#\d]/mu;

export function inert(value: string): string {
  if (!MAY_NEED_ESCAPES.test(value) && !hasHiddenCharacters(value)) return value;
  return inertEveryPass(value);
}

/** Every pass, whatever the text: `inert` without its shortcut. */
export function inertEveryPass(value: string): string {
  // Removed at input already (casework/commands/clean-text.ts); again here for text stored before that.
  return withoutHiddenCharacters(value)
    .replace(INLINE, '\\$&')
    .replace(ENTITY, '\\&')
    .replace(SCHEME_COLON, '\\:')
    .replace(DOMAIN_DOT, '\\.')
    .replace(EMAIL_AT, '\\@')
    .replace(LINE_START, (_line, indent: string, marker: string) =>
      /^\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
    );
}
