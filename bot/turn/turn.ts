import type { AdaptiveCard } from '../../cards/card-types.js';
import type { Locale } from '../../casework/reads/views.js';
import type { ConversationKind, DialogScope, FlowState, MemberScope } from '../../dialogs/scope.js';
import type { ResultList } from '../../dialogs/search.js';
import type { ActivityEnvelope } from '../admission.js';
import type { Route } from './route.js';

// One turn as the chain sees it: plain data taken from the activity by the shell (aanzet-bot.ts),
// no botbuilder types, so another Teams SDK only needs another shell around the same chain.

export type TurnEvent =
  /** Text, with the bot's @mention already taken out. */
  | { kind: 'message'; text: string }
  /**
   * An Action.Execute click: its verb and its data with the user's inputs merged in.
   * `automatic`: no click, Teams refreshing a card as it is shown (cards/refresh.ts).
   */
  | { kind: 'cardAction'; verb: string | undefined; data: Record<string, unknown>; automatic?: boolean }
  /** AanZet was added to this conversation (announced once or twice, see lifecycle.ts). */
  | { kind: 'installed' }
  /** AanZet was removed here, or the team was deleted. */
  | { kind: 'uninstalled' }
  /** Any other invoke: the shell answers it; the chain only remembers where it came from. */
  | { kind: 'invoke' }
  /**
   * Text typed in the compose box's search (empty: the initial run), and Teams' page. Like
   * `unfurl`, answered with a result list, and not remembered as a place to send to: the compose
   * box works in any chat, also chats between people that AanZet is no member of.
   */
  | { kind: 'search'; text: string; skip?: number; count?: number }
  /** A link pasted in the compose box, on a domain the manifest's messageHandlers name. */
  | { kind: 'unfurl'; url: string };

export interface Turn {
  readonly event: TurnEvent;
  /** What the admission rules read (channel, service URL, tenant ids). */
  readonly envelope: ActivityEnvelope;
  /** The sender: the Entra object id when Teams sends one; the display name as sent. */
  readonly from: { id: string; name: string | undefined };
  readonly locale: Locale;
  readonly conversation: {
    id: string;
    kind: ConversationKind;
    tenantId: string | undefined;
    teamId: string | undefined;
  };
  /** The transport's opaque address of this conversation, for sending later. */
  readonly reference: unknown;
  readonly flow: FlowState;
  /** Answers the turn with a card: a message, or for a click the card that replaces it. */
  reply(card: AdaptiveCard): Promise<void>;
  /** Answers a search or a pasted link with its result list (the invoke response). */
  answer(list: ResultList): Promise<void>;
  /**
   * Answers a click with a line that Teams shows while the clicked card stays as it was, with
   * what the user filled in (a Universal Actions message response). Clicks only.
   */
  keepCardAndSay(text: string): Promise<void>;
  /** True once reply() was called, even if sending then failed. */
  readonly replied: boolean;

  // Filled in by the steps, in chain order (aanzet-chain.ts).
  /** identify.ts: the sender with a cleaned display name ('' when none is worth showing). */
  user?: { id: string; name: string; displayName: string };
  /** routes.ts: what this message or click asks for. */
  route?: Route;
  /** scope.ts: what a dialog gets. */
  scope?: DialogScope;
  /** membership-gate.ts: the scope of a member, for routes only members may take. */
  member?: MemberScope;
}

export type TurnFields = Omit<
  Turn,
  'reply' | 'answer' | 'keepCardAndSay' | 'replied' | 'user' | 'route' | 'scope' | 'member'
>;

/**
 * A turn whose replies go to send and whose result list goes to answer (only searches and pasted
 * links have one); `replied` is set before either, so a failed send counts.
 */
export function newTurn(
  fields: TurnFields,
  send: (card: AdaptiveCard) => Promise<void>,
  answer: (list: ResultList) => Promise<void> = () =>
    Promise.reject(new Error(`a ${fields.event.kind} turn has no result list to answer`)),
  say: (text: string) => Promise<void> = () =>
    Promise.reject(new Error(`a ${fields.event.kind} turn has no clicked card to keep`)),
): Turn {
  let replied = false;
  return {
    ...fields,
    get replied() {
      return replied;
    },
    reply: (card) => {
      replied = true;
      return send(card);
    },
    answer: (list) => {
      replied = true;
      return answer(list);
    },
    keepCardAndSay: (text) => {
      replied = true;
      return say(text);
    },
  };
}

/** What an earlier step of the chain must have set; missing means the chain is out of order. */
export function earlier<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`turn chain out of order: no ${what} yet`);
  return value;
}

/** Turns a person sends (a message, a click, a search, a link) rather than the transport announcing something. */
export function isRequest(turn: Turn): boolean {
  const kind = turn.event.kind;
  return kind === 'message' || kind === 'cardAction' || kind === 'search' || kind === 'unfurl';
}
