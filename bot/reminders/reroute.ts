import type { Logger } from 'pino';
import type { Casework } from '../../casework/casework.js';
import type { OutboxEntry, Store } from '../../casework/ports.js';
import { goneError, reachedError } from '../../casework/reminders/delivery-failures.js';
import { messageKeyOf } from '../../storage/outbox-message-key.js';
import { fallbackTargets, NOBODY } from './targets.js';

/**
 * The target refuses the bot for good (or there is none): forget it, and plan the message for
 * the fallbacks. Keyed by message and conversation, so a fallback that has the message
 * already, or gets it from another gone chat's reroute, gets it once. With no fallback the
 * entry stays failed as undeliverable, which the coordinator's overview lists.
 */
export async function reroute(
  { casework, store, logger }: { casework: Casework; store: Store; logger: Logger },
  entry: OutboxEntry,
  reason: string,
): Promise<void> {
  if (entry.conversationId !== NOBODY) await store.conversations.remove({ id: entry.conversationId });
  const messageKey = messageKeyOf(entry);
  // Idempotent per message and recipient: when another conversation has the message or is
  // still to get it (a colleague's chat, an earlier reroute), the recipient is reached, and
  // that one reroutes itself if it fails. One still 'sending' does not count: in this batch
  // it failed too (sent ones are recorded before the results come back), and in the batch
  // being sent meanwhile, or on another instance, it may yet fail — better a second copy for
  // the coordinator than none.
  const others = (await store.outbox.list({ messageKey })).filter(
    (e) =>
      e.key !== entry.key && e.conversationId !== NOBODY && (e.state === 'sent' || e.state === 'planned'),
  );
  if (others.length > 0) {
    await store.outbox.finish(entry.key, { state: 'failed', error: reachedError(reason) });
    logger.info({ conversation: entry.conversationId, reason }, 'target gone, message reached otherwise');
    return;
  }
  const covenant = casework.covenant(entry.covenantId);
  const fallbacks = await fallbackTargets(store, covenant, entry, entry.conversationId);
  const {
    state: _s,
    attempts: _a,
    reclaimed: _r,
    leaseUntil: _l,
    sentAt: _t,
    lastError: _e,
    ...message
  } = entry;
  await store.outbox.planTargets(
    fallbacks.map((t) => ({ ...message, key: `${messageKey}|${t.id}`, messageKey, conversationId: t.id })),
  );
  await store.outbox.finish(entry.key, { state: 'failed', error: goneError(reason, fallbacks.length) });
  logger.warn(
    { conversation: entry.conversationId, reason, fallbacks: fallbacks.length },
    'reminder target gone',
  );
}
