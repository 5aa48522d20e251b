import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type AppBasedLinkQuery,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { AdaptiveCard } from '../cards/card-types.js';
import { localeFrom } from '../cards/texts.js';
import type { ConversationKind, RegisterFlow } from '../dialogs/scope.js';
import { extensionResponse, searchEvent } from './compose-box.js';
import { turnChain, type ChainDeps } from './turn/aanzet-chain.js';
import { newTurn, type Turn, type TurnEvent } from './turn/turn.js';

export interface BotDeps extends ChainDeps {
  /** Dialog state (the register flow) per user and conversation, in the project's store. */
  state: BotState;
  /**
   * Local mode: the Agents Playground sends no conversationType in its personal chat, so there
   * (only) a missing type is a personal chat. Elsewhere it is a shared conversation.
   */
  localMode?: boolean;
}

/**
 * A message's text without the markup of cards inserted from the compose box. A card picked in
 * a message extension (search result, unfurled link) and sent travels as an attachment, with a
 * `<span class="inline-compose-card" …>` per card in the text (so the Agents Playground sends it).
 */
const INSERTED_CARD = /<span\b[^>]*\binline-compose-card\b[^>]*>(?:\s*<span\b[^>]*>\s*<\/span>)*\s*<\/span>/g;
export function withoutInsertedCards(text: string): string {
  return text.includes('inline-compose-card') ? text.replace(INSERTED_CARD, '').trim() : text;
}

/**
 * The botbuilder shell: botbuilder's activity handler sorts out the activities, each one becomes
 * a Turn for the chain (bot/turn), and the chain's cards go back as replies or invoke responses.
 * The work happens in the chain; moving to another Teams SDK means another shell like this one.
 */
export class AanZetBot extends TeamsActivityHandler {
  private readonly flows: StatePropertyAccessor<RegisterFlow | null>;
  private readonly chain: (turn: Turn) => Promise<void>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.flows = deps.state.createProperty<RegisterFlow | null>('registerFlow');
    this.chain = turnChain(deps);
    this.onMessage(async (context, next) => {
      const typed = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
      const text = withoutInsertedCards(typed);
      // Only a card from the compose box (a search result, an unfurled link): nothing was asked.
      const cards = (context.activity.attachments ?? []).filter(
        (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
      );
      if (text.trim() !== '' || cards.length === 0)
        await this.runTurn(context, { kind: 'message', text }, sendCard(context));
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.runTurn(context, { kind: 'installed' }, sendCard(context));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId))
        await this.runTurn(context, { kind: 'installed' }, sendCard(context));
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.runTurn(context, { kind: 'uninstalled' }, sendCard(context));
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (_team, context, next) => {
      await this.runTurn(context, { kind: 'uninstalled' }, sendCard(context));
      await next();
    });
  }

  /** The dialog state is saved once, after the turn, whatever the chain did. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.state.saveChanges(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    let answer: AdaptiveCard | undefined;
    let line: string | undefined;
    const event: TurnEvent = {
      kind: 'cardAction',
      verb: invokeValue.action?.verb,
      data: (invokeValue.action?.data ?? {}) as Record<string, unknown>,
      // botbuilder's invokeValue leaves Teams' trigger out: it is on the activity's value.
      ...(isAutomatic(context.activity.value) ? { automatic: true } : {}),
    };
    await this.runTurn(
      context,
      event,
      async (card) => {
        answer = card;
      },
      undefined,
      async (text) => {
        line = text;
      },
    );
    // Teams shows the line and leaves the clicked card, and what was filled in, as it was.
    if (line !== undefined && !answer)
      return {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: line as unknown as Record<string, unknown>,
      };
    // Only a turn the chain refused (admission) ends without a card.
    if (!answer)
      return {
        statusCode: 403,
        type: 'application/vnd.microsoft.error',
        value: { code: 'Forbidden', message: 'not admitted' },
      };
    // Universal Actions: the card in the response replaces the one that was clicked.
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: answer as unknown as Record<string, unknown>,
    };
  }

  /** The compose box's search (manifest: composeExtensions): a page of cases to pick. */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    return this.resultTurn(context, searchEvent(query));
  }

  /** A link pasted in the compose box (manifest: messageHandlers): the case's card, or nothing. */
  protected override async handleTeamsAppBasedLinkQuery(
    context: TurnContext,
    query: AppBasedLinkQuery,
  ): Promise<MessagingExtensionResponse> {
    return this.resultTurn(context, { kind: 'unfurl', url: typeof query.url === 'string' ? query.url : '' });
  }

  /** Other invokes: botbuilder answers them (501 mostly); the chain still remembers the chat. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (!OWN_INVOKES.has(context.activity.name ?? ''))
      await this.runTurn(context, { kind: 'invoke' }, sendCard(context));
    return super.onInvokeActivity(context);
  }

  /** A search or pasted link: the chain's result list goes back in the invoke response. */
  private async resultTurn(context: TurnContext, event: TurnEvent): Promise<MessagingExtensionResponse> {
    let answer: Parameters<typeof extensionResponse>[0] | undefined;
    const noCards = () => Promise.reject(new Error('a search answers with a result list, not a message'));
    await this.runTurn(context, event, noCards, async (list) => {
      answer = list;
    });
    // Only a turn the chain refused (admission) ends without an answer: it finds nothing.
    return extensionResponse(answer ?? { kind: 'results', items: [] });
  }

  private runTurn(
    context: TurnContext,
    event: TurnEvent,
    send: (card: AdaptiveCard) => Promise<void>,
    answer?: Parameters<typeof newTurn>[2],
    say?: Parameters<typeof newTurn>[3],
  ): Promise<void> {
    const activity = context.activity;
    const channelData = activity.channelData as
      { team?: { id?: string }; tenant?: { id?: string } } | undefined;
    const turn = newTurn(
      {
        event,
        envelope: activity,
        from: { id: activity.from.aadObjectId ?? activity.from.id, name: activity.from.name },
        locale: localeFrom(activity.locale),
        conversation: {
          id: activity.conversation.id,
          kind: conversationKind(context, this.deps.localMode === true),
          tenantId: activity.conversation.tenantId ?? channelData?.tenant?.id,
          teamId: channelData?.team?.id,
        },
        reference: referenceOf(activity),
        flow: {
          get: async () => (await this.flows.get(context, null)) ?? undefined,
          set: async (flow) => this.flows.set(context, flow ?? null),
        },
      },
      send,
      answer,
      say,
    );
    return this.chain(turn);
  }
}

/** Invokes the shell hands to the chain as their own events (the rest become `invoke`). */
const OWN_INVOKES: ReadonlySet<string> = new Set([
  'adaptiveCard/action',
  'composeExtension/query',
  'composeExtension/queryLink',
]);

function sendCard(context: TurnContext): (card: AdaptiveCard) => Promise<void> {
  return async (card) => {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  };
}

/** Teams refreshing a card by itself (`refresh`), not someone clicking. */
function isAutomatic(value: unknown): boolean {
  return (value as { trigger?: unknown } | undefined)?.trigger === 'automatic';
}

/**
 * Where to send later; without the activity id, which changes with every message. botbuilder
 * copies the parts it takes from the activity (JSON data as received), and the store copies what
 * it writes, so no copy of our own here: this runs on every turn.
 */
function referenceOf(activity: TurnContext['activity']): unknown {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return reference;
}

/** Personal only when Teams says so: a missing or unknown type shows no personal data. */
function conversationKind(context: TurnContext, localMode: boolean): ConversationKind {
  const { conversationType: type, isGroup } = context.activity.conversation;
  if (type === 'personal' || type === 'channel' || type === 'groupChat') return type;
  return localMode && type === undefined && isGroup !== true ? 'personal' : 'groupChat';
}
