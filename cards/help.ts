import type { AdaptiveCard, CardElement } from './card-types.js';
import { card, execute, factSet, heading, text } from './elements.js';
import { texts, type Locale } from './texts.js';
import { action } from './verbs.js';

// The command overview (also the answer to a command AanZet does not know) and the welcome.

const MAX_ECHO = 60;

/** The user's own words, shortened and without line breaks, to quote back safely. */
function echo(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > MAX_ECHO ? `${line.slice(0, MAX_ECHO - 1)}…` : line;
}

/** The suggested command (named as in dialogs/commands.ts) as this reader types it. */
function suggestion(command: string | undefined, locale: Locale): string | undefined {
  if (command === undefined) return undefined;
  return (texts(locale).help.commandNames as Record<string, string>)[command] ?? command;
}

export function helpCard(locale: Locale, model: { suggestion?: string; unknownText?: string }): AdaptiveCard {
  const t = texts(locale);
  const unknown: CardElement[] =
    model.unknownText !== undefined
      ? [
          text(t.help.unknown(echo(model.unknownText), suggestion(model.suggestion, locale)), {
            color: 'attention',
            weight: 'bolder',
          }),
        ]
      : [];
  return card(
    [
      ...unknown,
      heading(t.help.title),
      text(t.help.intro),
      factSet(t.help.commands.map(({ command, explanation }) => [command, explanation])),
      text(t.help.aliases, { isSubtle: true, size: 'small' }),
    ],
    [execute(t.help.newSignal, action('signal.start')), execute(t.help.myTasks, action('tasks.show'))],
    t.help.title,
  );
}

export function welcomeCard(
  locale: Locale,
  model: { userName: string; needsOnboarding: boolean },
): AdaptiveCard {
  const t = texts(locale);
  const body: CardElement[] = [heading(t.welcome.title(model.userName)), text(t.welcome.text)];
  if (model.needsOnboarding) return card([...body, text(t.welcome.onboarding, { weight: 'bolder' })]);
  return card(
    [...body, text(t.welcome.ready)],
    [execute(t.help.newSignal, action('signal.start')), execute(t.help.myTasks, action('tasks.show'))],
  );
}
