import type { ActionData } from './verbs.js';

// The subset of the Adaptive Card 1.5 schema AanZet uses, typed so that a misspelt property or
// an unknown element is a compile error rather than a card Teams silently refuses.

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextWeight = 'lighter' | 'default' | 'bolder';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type HorizontalAlignment = 'left' | 'center' | 'right';
export type VerticalAlignment = 'top' | 'center' | 'bottom';

interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  color?: TextColor;
  size?: TextSize;
  weight?: TextWeight;
  isSubtle?: boolean;
  wrap?: boolean;
  maxLines?: number;
  horizontalAlignment?: HorizontalAlignment;
  /** 1.5: `heading` is announced as a heading by screen readers. */
  style?: 'default' | 'heading';
}

export interface TextRun {
  type: 'TextRun';
  text: string;
  color?: TextColor;
  size?: TextSize;
  weight?: TextWeight;
  isSubtle?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  highlight?: boolean;
}

export interface RichTextBlock extends ElementBase {
  type: 'RichTextBlock';
  inlines: TextRun[];
  horizontalAlignment?: HorizontalAlignment;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  bleed?: boolean;
  verticalContentAlignment?: VerticalAlignment;
}

export interface Column {
  type: 'Column';
  items: CardElement[];
  id?: string;
  /** 'auto', 'stretch', a weight or a pixel width such as '50px'. */
  width?: 'auto' | 'stretch' | number | `${number}px`;
  style?: ContainerStyle;
  spacing?: Spacing;
  separator?: boolean;
  verticalContentAlignment?: VerticalAlignment;
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
  style?: ContainerStyle;
}

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

interface InputBase extends ElementBase {
  id: string;
  /** 1.3: shown above the input and read by screen readers. */
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface TextInput extends InputBase {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  maxLength?: number;
  isMultiline?: boolean;
  style?: 'text' | 'tel' | 'url' | 'email';
  regex?: string;
}

export interface NumberInput extends InputBase {
  type: 'Input.Number';
  value?: number;
  min?: number;
  max?: number;
  placeholder?: string;
}

export interface DateInput extends InputBase {
  type: 'Input.Date';
  /** yyyy-MM-dd */
  value?: string;
  min?: string;
  max?: string;
  placeholder?: string;
}

export interface ToggleInput extends InputBase {
  type: 'Input.Toggle';
  title: string;
  value?: string;
  valueOn?: string;
  valueOff?: string;
  wrap?: boolean;
}

export interface Choice {
  title: string;
  value: string;
}

export interface ChoiceSetInput extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  /** For a multi-select: the chosen values separated by commas. */
  value?: string;
  isMultiSelect?: boolean;
  style?: 'compact' | 'expanded' | 'filtered';
  placeholder?: string;
  wrap?: boolean;
}

export type CardInput = TextInput | NumberInput | DateInput | ToggleInput | ChoiceSetInput;

export type CardElement = TextBlock | RichTextBlock | FactSet | Container | ColumnSet | ActionSet | CardInput;

export type ActionStyle = 'default' | 'positive' | 'destructive';

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: ActionData['verb'];
  data: ActionData;
  id?: string;
  style?: ActionStyle;
  /** 'auto' sends the card's inputs with the action, 'none' sends only `data`. */
  associatedInputs?: 'auto' | 'none';
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: NestedCard;
  id?: string;
  style?: ActionStyle;
}

/** Opens a web address: only addresses AanZet builds itself (the tab's deep link), never typed text. */
export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  id?: string;
  style?: ActionStyle;
}

export type CardAction = ExecuteAction | ShowCardAction | OpenUrlAction;

/** The card inside an Action.ShowCard: no schema or version of its own. */
export interface NestedCard {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions?: CardAction[];
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  /** Read aloud when the card cannot be shown, and used as the notification preview. */
  fallbackText?: string;
  /** 1.4: Teams asks the bot for the card again when it is shown (cards/refresh.ts). */
  refresh?: CardRefresh;
}

/** The action Teams invokes (adaptiveCard/action, trigger 'automatic'); who gets it by themselves. */
export interface CardRefresh {
  action: ExecuteAction;
  /** Teams user ids (MRIs, 29:…), at most 60; absent: everyone in a conversation of up to 60. */
  userIds?: string[];
}
