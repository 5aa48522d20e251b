import type { Covenant } from '../../casework/covenant/covenant.js';
import type { AddressedMessage, ConversationTarget, Store } from '../../casework/ports.js';
import type { PlannedMessage } from '../../casework/ports.js';

// Where a planned message goes. A partner's linked channel when it has one (`koppel kanaal`),
// else the personal chats of its members; escalations and the agenda go to the coordinator.
// Digests go to channels only: a personal chat gets its nudges already. Notices about a case
// go where the partner's reminders go; an approval and its answer to one person's chats.

async function memberChats(
  store: Store,
  covenant: Covenant,
  test: (partnerId: string, roles: string[]) => boolean,
) {
  const members = (await store.members.list(covenant.id)).filter((m) =>
    m.memberships.some(
      (s) => s.covenantId === covenant.id && s.status === 'active' && test(s.partnerId, s.roles),
    ),
  );
  const chats = await Promise.all(
    members.map((m) => store.conversations.list({ userId: m.userId, kind: 'personal' })),
  );
  return chats.flat();
}

function partnerChannels(store: Store, covenantId: string, partnerId: string) {
  return store.conversations.list({ linkedTo: { covenantId, partnerId }, kind: 'channel' });
}

export async function coordinatorTargets(
  store: Store,
  covenant: Covenant,
  partnerId: string,
): Promise<ConversationTarget[]> {
  const channels = await partnerChannels(store, covenant.id, partnerId);
  if (channels.length > 0) return channels;
  const coordinators = await memberChats(store, covenant, (_p, roles) =>
    roles.includes(covenant.coordinator_role),
  );
  return coordinators.length > 0 ? coordinators : memberChats(store, covenant, (p) => p === partnerId);
}

export async function targetsFor(
  store: Store,
  covenant: Covenant,
  message: PlannedMessage,
): Promise<ConversationTarget[]> {
  switch (message.kind) {
    case 'digest':
      return partnerChannels(store, covenant.id, message.partnerId);
    case 'agenda':
    case 'escalation':
      return coordinatorTargets(store, covenant, message.partnerId);
    case 'joined':
    case 'approval':
    case 'membership':
      return message.userId ? store.conversations.list({ userId: message.userId, kind: 'personal' }) : [];
    case 'nudge':
    case 'due':
    case 'handover':
    case 'closed':
    case 'registered': {
      const channels = await partnerChannels(store, covenant.id, message.partnerId);
      return channels.length > 0 ? channels : memberChats(store, covenant, (p) => p === message.partnerId);
    }
  }
}

/**
 * A message with the conversations it goes to. With none (the partner's only chat is gone, no
 * channel linked) it is still planned, to nobody (conversationId ''): when it is due it is
 * rerouted like a message whose chat refused it, and stays visible if no one can be reached.
 * Digests are the exception: they are for linked channels only.
 */
export async function addressed(
  store: Store,
  covenant: Covenant,
  message: PlannedMessage,
): Promise<AddressedMessage[]> {
  const targets = await targetsFor(store, covenant, message);
  if (targets.length === 0 && message.kind !== 'digest') return [address(message, NOBODY)];
  return targets.map((t) => address(message, t.id));
}

/** The conversation id of a message planned to nobody. */
export const NOBODY = '';

export function address(message: PlannedMessage, conversationId: string): AddressedMessage {
  return { ...message, key: `${message.key}|${conversationId}`, messageKey: message.key, conversationId };
}

/** Where to send instead when a target is gone: the partner's channel, else the coordinator. */
export async function fallbackTargets(
  store: Store,
  covenant: Covenant,
  message: PlannedMessage,
  gone: string,
): Promise<ConversationTarget[]> {
  // A notice for one person (an approval, its answer) has no stand-in.
  if (message.userId) return [];
  const channels = (await partnerChannels(store, covenant.id, message.partnerId)).filter(
    (c) => c.id !== gone,
  );
  if (channels.length > 0) return channels;
  const coordinator = covenant.roles.find((r) => r.id === covenant.coordinator_role)!;
  const coordinatorPartner = 'partner' in coordinator.holder ? coordinator.holder.partner : message.partnerId;
  return (await coordinatorTargets(store, covenant, coordinatorPartner)).filter((c) => c.id !== gone);
}
