import {
  CARD_SCHEMA,
  CARD_VERSION,
  type ActionStyle,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Choice,
  type ChoiceSetInput,
  type Container,
  type DateInput,
  type ExecuteAction,
  type Fact,
  type FactSet,
  type NumberInput,
  type OpenUrlAction,
  type TextBlock,
  type TextInput,
  type ToggleInput,
} from './card-types.js';
import { inert } from './inert.js';
import type { ActionData } from './verbs.js';

// Small building blocks shared by the card builders. Every text they put on a card (TextBlock,
// fact title and value) goes through `inert`: builders pass plain text, names and all, and no
// Markdown, HTML or mention can come out of it. Input values and choice titles are not Markdown
// and stay as given, so what the user typed comes back unchanged.

/** What the user typed or chose so far, keyed by input id; kept when a card comes back with errors. */
export type FormValues = Record<string, string | boolean | undefined>;
/** A message per input id, shown right under that input. */
export type FieldErrors = Record<string, string>;

export function card(body: CardElement[], actions: CardAction[] = [], fallbackText?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(fallbackText ? { fallbackText } : {}),
  };
}

export function heading(text: string): TextBlock {
  return {
    type: 'TextBlock',
    text: inert(text),
    size: 'medium',
    weight: 'bolder',
    style: 'heading',
    wrap: true,
  };
}

export function subheading(text: string): TextBlock {
  return { type: 'TextBlock', text: inert(text), weight: 'bolder', wrap: true, spacing: 'medium' };
}

export function text(value: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text: inert(value), wrap: true, ...options };
}

export function subtle(value: string): TextBlock {
  return text(value, { isSubtle: true, size: 'small', spacing: 'none' });
}

/** Only the facts that have a value; an empty FactSet is left out by the callers. */
export function factSet(facts: [title: string, value: string | null | undefined][]): FactSet {
  const kept: Fact[] = facts.flatMap(([title, value]) =>
    value === null || value === undefined || value === ''
      ? []
      : [{ title: inert(title), value: inert(value) }],
  );
  return { type: 'FactSet', facts: kept };
}

/** A FactSet when there is something to show, nothing otherwise. */
export function factsIfAny(facts: [title: string, value: string | null | undefined][]): CardElement[] {
  const set = factSet(facts);
  return set.facts.length > 0 ? [set] : [];
}

export function errorText(message: string): TextBlock {
  return text(message, { color: 'attention', spacing: 'none', size: 'small' });
}

/** An input with, right under it, its error message in the attention colour. */
export function field(input: CardElement & { id: string }, errors: FieldErrors): Container {
  const message = errors[input.id];
  return { type: 'Container', items: message ? [input, errorText(message)] : [input] };
}

/** The errors that belong to no input on the card, shown at its top. */
export function otherErrors(errors: FieldErrors, fieldIds: readonly string[]): CardElement[] {
  return Object.entries(errors)
    .filter(([id]) => !fieldIds.includes(id))
    .map(([, message]) => text(message, { color: 'attention' }));
}

function stringValue(values: FormValues, id: string): string | undefined {
  const value = values[id];
  if (value === undefined) return undefined;
  return typeof value === 'boolean' ? String(value) : value;
}

export function textInput(
  id: string,
  label: string,
  values: FormValues,
  options: Omit<TextInput, 'type' | 'id' | 'label' | 'value'> = {},
): TextInput {
  const value = stringValue(values, id);
  return { type: 'Input.Text', id, label, ...options, ...(value !== undefined ? { value } : {}) };
}

export function numberInput(
  id: string,
  label: string,
  values: FormValues,
  options: Omit<NumberInput, 'type' | 'id' | 'label' | 'value'> = {},
): NumberInput {
  const raw = stringValue(values, id)?.trim().replace(',', '.');
  const value = raw ? Number(raw) : Number.NaN;
  return { type: 'Input.Number', id, label, ...options, ...(Number.isFinite(value) ? { value } : {}) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function dateInput(id: string, label: string, values: FormValues): DateInput {
  const value = stringValue(values, id)?.trim();
  return { type: 'Input.Date', id, label, ...(value && ISO_DATE.test(value) ? { value } : {}) };
}

/** A toggle that submits "true" or "false"; on when the kept value is true or "true". */
export function toggle(id: string, title: string, values: FormValues, on = false): ToggleInput {
  const value = values[id];
  const isOn = value === undefined ? on : value === true || value === 'true';
  return {
    type: 'Input.Toggle',
    id,
    title,
    valueOn: 'true',
    valueOff: 'false',
    value: isOn ? 'true' : 'false',
    wrap: true,
  };
}

export function choiceSet(
  id: string,
  label: string,
  choices: Choice[],
  values: FormValues,
  options: Omit<ChoiceSetInput, 'type' | 'id' | 'label' | 'choices' | 'value'> = {},
): ChoiceSetInput {
  const value = stringValue(values, id);
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    choices,
    wrap: true,
    ...options,
    ...(value !== undefined && value !== '' ? { value } : {}),
  };
}

/** A button that opens a web address AanZet built (never text a person typed). */
export function openUrl(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title, url };
}

export function execute(
  title: string,
  data: ActionData,
  options: { style?: ActionStyle; associatedInputs?: 'auto' | 'none' } = {},
): ExecuteAction {
  return { type: 'Action.Execute', title, verb: data.verb, data, ...options };
}
