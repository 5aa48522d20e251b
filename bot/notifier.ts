import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Store } from '../casework/ports.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import type { Notifier } from '../dialogs/scope.js';

/**
 * Sends a card to people outside the current conversation: the personal chats of a partner's
 * active members, or of one user. Best effort: a failed send is logged, never fails the turn.
 * (Reminders, with an outbox and retries, build on the same targets.)
 */
export class ProactiveNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  async toPartner(covenantId: string, partnerId: string, card: AdaptiveCard): Promise<void> {
    const members = await this.store.members.list(covenantId);
    const users = members.filter((m) =>
      m.memberships.some(
        (s) => s.covenantId === covenantId && s.partnerId === partnerId && s.status === 'active',
      ),
    );
    await Promise.all(users.map((m) => this.toUser(m.userId, card)));
  }

  async toUser(userId: string, card: AdaptiveCard): Promise<void> {
    const targets = await this.store.conversations.list({ userId, kind: 'personal' });
    for (const target of targets) {
      try {
        let failure: unknown;
        await this.adapter.continueConversationAsync(
          this.appId,
          target.reference as Partial<ConversationReference>,
          async (context) => {
            // Kept here: the adapter would hand it to onTurnError and swallow it.
            await context
              .sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)))
              .catch((error: unknown) => {
                failure = error;
              });
          },
        );
        if (failure !== undefined) throw failure;
      } catch (error) {
        this.logger.warn({ err: error, conversation: target.id }, 'could not notify a user');
      }
    }
  }
}
