import type { Activity } from 'botbuilder';
import { expect } from 'vitest';
import type { AdaptiveCard, CardInput, ExecuteAction } from '../../cards/card-types.js';
import type { Verb } from '../../cards/verbs.js';
import { shown } from '../fixtures/card-inputs.js';

// Reading the parts of a card a test looks at: the card of a reply, an input and its value, the
// message under an input, the buttons and the data they send.

/** The card of a reply: a message attachment, or the card in an invoke response. */
export function cardOf(reply: Partial<Activity>): AdaptiveCard {
  if (reply.type === 'invokeResponse') {
    const response = reply.value as { status: number; body: { type: string; value: AdaptiveCard } };
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    return response.body.value;
  }
  expect(reply.type).toBe('message');
  const attachment = reply.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment!.content as AdaptiveCard;
}

/** Visits every object of a card, outside the data of actions. */
function walk(node: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((item) => walk(item, visit));
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const [key, child] of Object.entries(node)) if (key !== 'data') walk(child, visit);
  }
}

export function inputOf(card: AdaptiveCard, id: string): CardInput | undefined {
  let found: CardInput | undefined;
  walk(card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id) found = o as never;
  });
  return found;
}

/** The message shown right under an input (cards/elements.ts `field`). */
export function errorAt(card: AdaptiveCard, id: string): string | undefined {
  let message: string | undefined;
  walk(card, (o) => {
    const items = o.type === 'Container' ? (o.items as Record<string, unknown>[]) : [];
    if (items[0]?.id === id && items[1]?.type === 'TextBlock') message = String(items[1].text);
  });
  return message;
}

export function actionsOf(card: AdaptiveCard): ExecuteAction[] {
  const actions: ExecuteAction[] = [];
  walk(card, (o) => {
    if (o.type === 'Action.Execute') actions.push(o as unknown as ExecuteAction);
  });
  return actions;
}

export function actionOf(card: AdaptiveCard, verb: Verb): ExecuteAction {
  const found = actionsOf(card).find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} button on the card:\n${shown(card)}`);
  return found;
}

/** The Action.Execute data of the button with this verb (and, when given, this title). */
export function dataOf(card: AdaptiveCard, verb: string, title?: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  JSON.stringify(card, (_key, value: unknown) => {
    const v = value as {
      type?: string;
      verb?: string;
      title?: string;
      data?: Record<string, unknown>;
    } | null;
    if (v?.type === 'Action.Execute' && v.verb === verb && (title === undefined || v.title === title))
      found ??= v.data;
    return value;
  });
  if (!found) throw new Error(`no ${verb} button on the card:\n${shown(card)}`);
  return found;
}

/** The value an input on the card holds (its default, or what the bot filled in). */
export function inputValue(card: AdaptiveCard, id: string): unknown {
  let found: unknown;
  JSON.stringify(card, (_key, value: unknown) => {
    const v = value as { type?: string; id?: string; value?: unknown } | null;
    if (v?.type?.startsWith('Input.') && v.id === id) found = v.value;
    return value;
  });
  return found;
}
