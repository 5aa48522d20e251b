import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Casework } from '../casework/casework.js';
import { cleanDisplayName, cleanLine } from '../casework/commands/clean-text.js';
import type { ConversationTarget, Store } from '../casework/ports.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { helpCard, messageCard, welcomeCard } from '../cards/index.js';
import { localeFrom, texts } from '../cards/texts.js';
import { actionDataSchema } from '../cards/verbs.js';
import { parseCommand } from '../dialogs/commands.js';
import { cardForError, faultCard } from '../dialogs/errors.js';
import { commandHandlers, OPEN_COMMANDS, OPEN_VERBS, verbHandlers } from '../dialogs/handlers.js';
import { onboardingPrompt } from '../dialogs/onboarding.js';
import type { ConversationKind, DialogScope, Notifier, RegisterFlow } from '../dialogs/scope.js';

export interface BotDeps {
  casework: Casework;
  store: Store;
  /** Dialog state (the register flow) per user and conversation, in the project's store. */
  state: BotState;
  notifier: Notifier;
  logger: Logger;
  /**
   * Local mode: the Agents Playground sends no conversationType in its personal chat, so there
   * (only) a missing type is a personal chat. Elsewhere it is a shared conversation.
   */
  localMode?: boolean;
}

/** Teams activities in, dialog replies out. Routing only; the dialogs do the work. */
export class AanZetBot extends TeamsActivityHandler {
  private readonly flows: StatePropertyAccessor<RegisterFlow | null>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.flows = deps.state.createProperty<RegisterFlow | null>('registerFlow');
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greet(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.greet(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forget(context);
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (_team, context, next) => {
      await this.forget(context);
      await next();
    });
  }

  /** Channel and tenant were checked at the HTTP edge (admission.ts) before this turn began. */
  override async run(context: TurnContext): Promise<void> {
    // The install event comes once; every message also refreshes where we can reach this chat.
    if (context.activity.type === 'message' || context.activity.type === 'invoke')
      await this.remember(context);
    await super.run(context);
    await this.deps.state.saveChanges(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const scope = await this.scope(context);
    const parsed = actionDataSchema.safeParse({
      ...(invokeValue.action?.data ?? {}),
      verb: invokeValue.action?.verb,
    });
    let card: AdaptiveCard;
    if (!parsed.success) {
      this.deps.logger.warn(
        { verb: invokeValue.action?.verb },
        'card action with an unknown verb or bad data',
      );
      card = helpCard(scope.locale, {});
    } else {
      const data = { ...(invokeValue.action.data as Record<string, unknown>), ...parsed.data };
      card = await this.guarded(scope, () => {
        const gate = this.gate(scope, OPEN_VERBS.has(data.verb));
        return gate ?? verbHandlers[data.verb](scope, data);
      });
    }
    // Universal Actions: the card in the response replaces the one that was clicked.
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: card as unknown as Record<string, unknown>,
    };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const scope = await this.scope(context);
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    // A case id pasted from Outlook or a PDF often carries invisible characters: clean like any input.
    const parsed = parseCommand(cleanLine(text));
    const card = await this.guarded(scope, () => {
      if (parsed.kind === 'unknown')
        return Promise.resolve(
          helpCard(scope.locale, { suggestion: parsed.suggestion, unknownText: parsed.text }),
        );
      const gate = this.gate(scope, OPEN_COMMANDS.has(parsed.name));
      return gate ?? commandHandlers[parsed.name](scope, parsed.argument);
    });
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  /** Unknown users are onboarded; members awaiting approval are told so. */
  private gate(scope: DialogScope, open: boolean): Promise<AdaptiveCard> | undefined {
    if (open) return undefined;
    const active = scope.actor?.memberships.some((m) => m.status === 'active');
    if (active) return undefined;
    if (scope.actor?.memberships.some((m) => m.status === 'pending')) {
      const m = texts(scope.locale).messages;
      return Promise.resolve(messageCard(scope.locale, { title: m.pendingTitle, text: m.pendingText }));
    }
    return Promise.resolve(onboardingPrompt(scope));
  }

  private async guarded(scope: DialogScope, run: () => Promise<AdaptiveCard>): Promise<AdaptiveCard> {
    try {
      return await run();
    } catch (error) {
      const card = cardForError(scope.locale, error);
      if (card) return card;
      this.deps.logger.error({ err: error, user: scope.user.id }, 'a turn failed');
      return faultCard(scope.locale);
    }
  }

  private async scope(context: TurnContext): Promise<DialogScope> {
    const from = context.activity.from;
    const userId = from.aadObjectId ?? from.id;
    return {
      casework: this.deps.casework,
      members: this.deps.store.members,
      conversations: this.deps.store.conversations,
      outbox: this.deps.store.outbox,
      locale: localeFrom(context.activity.locale),
      // Teams display names are set by whoever runs the tenant, not typed here: cleaned, never refused.
      user: { id: userId, name: cleanDisplayName(from.name, userId) },
      actor: await this.deps.store.members.get(userId),
      conversation: {
        kind: conversationKind(context, this.deps.localMode === true),
        id: context.activity.conversation.id,
      },
      flow: {
        get: async () => (await this.flows.get(context, null)) ?? undefined,
        set: async (flow) => this.flows.set(context, flow ?? null),
      },
      notify: this.deps.notifier,
      newId: () => randomUUID(),
    };
  }

  private async greet(context: TurnContext): Promise<void> {
    // Teams (and the Playground) announce an install twice, as installationUpdate and as
    // conversationUpdate: greet a conversation only the first time it becomes known.
    if (await this.deps.store.conversations.get(context.activity.conversation.id)) return;
    await this.remember(context);
    const from = context.activity.from;
    const member = await this.deps.store.members.get(from.aadObjectId ?? from.id);
    const card = welcomeCard(localeFrom(context.activity.locale), {
      userName: cleanDisplayName(from.name, ''),
      needsOnboarding: !member?.memberships.some((m) => m.status === 'active'),
    });
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  private async remember(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const kind = conversationKind(context, this.deps.localMode === true);
    const teamId = (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    const target = {
      id: activity.conversation.id,
      kind,
      tenantId: tenantOf(context) ?? '',
      ...(kind === 'personal' ? { userId: activity.from.aadObjectId ?? activity.from.id } : {}),
      ...(teamId ? { teamId } : {}),
      reference: referenceOf(activity),
    };
    // Written only when something changed: a write costs far more than this read.
    const known = await this.deps.store.conversations.get(target.id);
    if (known && sameTarget(known, target)) return;
    // Keep the channel's partner links: only the address is refreshed here.
    await this.deps.store.conversations.put({
      ...target,
      ...(known?.links ? { links: known.links } : {}),
      updatedAt: new Date().toISOString(),
    });
  }

  private async forget(context: TurnContext): Promise<void> {
    const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    const removed = teamId
      ? await this.deps.store.conversations.remove({ teamId })
      : await this.deps.store.conversations.remove({ id: context.activity.conversation.id });
    this.deps.logger.info(
      { conversation: context.activity.conversation.id, removed },
      'AanZet was uninstalled here',
    );
  }
}

function sameTarget(
  a: Omit<ConversationTarget, 'updatedAt'>,
  b: Omit<ConversationTarget, 'updatedAt'>,
): boolean {
  const canonical = (t: Omit<ConversationTarget, 'updatedAt'>) =>
    JSON.stringify([t.id, t.kind, t.tenantId, t.userId ?? null, t.teamId ?? null, t.reference]);
  return canonical(a) === canonical(b);
}

/** Where to send later; without the activity id, which changes with every message. */
function referenceOf(activity: TurnContext['activity']): unknown {
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity);
  return JSON.parse(JSON.stringify(reference)) as unknown;
}

/** Personal only when Teams says so: a missing or unknown type shows no personal data. */
function conversationKind(context: TurnContext, localMode: boolean): ConversationKind {
  const { conversationType: type, isGroup } = context.activity.conversation;
  if (type === 'personal' || type === 'channel' || type === 'groupChat') return type;
  return localMode && type === undefined && isGroup !== true ? 'personal' : 'groupChat';
}

function tenantOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return context.activity.conversation.tenantId ?? channelData?.tenant?.id;
}
