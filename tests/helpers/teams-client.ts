import { randomUUID } from 'node:crypto';

// Teams-shaped activities, posted to the bot's real HTTP endpoint as Teams would.

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export interface Conversation {
  id: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  tenantId: string;
  teamId?: string;
}

/** A Teams user as the tests name them: Teams id `29:<slug>`, Entra object id `aad-<slug>`. */
export const teamsUser = (name: string, slug: string): TeamsUser => ({
  id: `29:${slug}`,
  aadObjectId: `aad-${slug}`,
  name,
});

/** The personal chat of a user with AanZet, in a tenant. */
export const personalChat = (who: TeamsUser, tenantId: string): Conversation => ({
  id: `a:chat-${who.aadObjectId}`,
  conversationType: 'personal',
  tenantId,
});

export class TeamsClient {
  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: string,
    private readonly token?: string,
  ) {}

  private base(user: TeamsUser, conversation: Conversation, locale: string) {
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      locale,
      from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: '28:aanzet-bot', name: 'AanZet' },
      conversation: {
        id: conversation.id,
        conversationType: conversation.conversationType,
        tenantId: conversation.tenantId,
      },
      channelData: {
        tenant: { id: conversation.tenantId },
        ...(conversation.teamId
          ? { team: { id: conversation.teamId }, channel: { id: conversation.id } }
          : {}),
      },
    };
  }

  /** A text message; in a channel it starts with the bot's @mention, as Teams sends it. */
  message(user: TeamsUser, conversation: Conversation, text: string, locale = 'nl-NL') {
    const mention = conversation.conversationType === 'personal' ? '' : '<at>AanZet</at> ';
    return this.post({
      ...this.base(user, conversation, locale),
      type: 'message',
      text: `${mention}${text}`,
      ...(mention
        ? {
            entities: [
              {
                type: 'mention',
                text: '<at>AanZet</at>',
                mentioned: { id: '28:aanzet-bot', name: 'AanZet' },
              },
            ],
          }
        : {}),
    });
  }

  /**
   * An Action.Execute click: Teams merges the inputs into action.data. `automatic`: Teams asking
   * for a card's `refresh` by itself as the reader opens the conversation.
   */
  invoke(
    user: TeamsUser,
    conversation: Conversation,
    verb: string,
    data: Record<string, unknown>,
    locale = 'nl-NL',
    trigger: 'manual' | 'automatic' = 'manual',
  ) {
    return this.post({
      ...this.base(user, conversation, locale),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger },
    });
  }

  /**
   * The compose box's search (a message extension query command), as Teams sends it: the text
   * typed as the command's parameter, or the initial run without text; Teams' page in queryOptions.
   */
  search(
    user: TeamsUser,
    conversation: Conversation,
    text: string | undefined,
    options: { skip?: number; count?: number; locale?: string; commandId?: string } = {},
  ) {
    return this.post({
      ...this.base(user, conversation, options.locale ?? 'nl-NL'),
      type: 'invoke',
      name: 'composeExtension/query',
      value: {
        commandId: options.commandId ?? 'findCase',
        parameters: [
          text === undefined ? { name: 'initialRun', value: 'true' } : { name: 'searchText', value: text },
        ],
        queryOptions: { skip: options.skip ?? 0, count: options.count ?? 25 },
      },
    });
  }

  /** A link pasted in the compose box on a domain of the manifest's messageHandlers (link unfurling). */
  queryLink(user: TeamsUser, conversation: Conversation, url: string, locale = 'nl-NL') {
    return this.post({
      ...this.base(user, conversation, locale),
      type: 'invoke',
      name: 'composeExtension/queryLink',
      value: { url },
    });
  }

  installed(user: TeamsUser, conversation: Conversation) {
    return this.post({
      ...this.base(user, conversation, 'nl-NL'),
      type: 'installationUpdate',
      action: 'add',
    });
  }

  /** The id of the last activity posted: the bot's replies carry it as replyToId. */
  lastActivityId: string | undefined;

  async post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    this.lastActivityId = typeof activity.id === 'string' ? activity.id : undefined;
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  }
}
