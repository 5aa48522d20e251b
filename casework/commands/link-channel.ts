import type { Actor } from '../access.js';
import type { CaseworkContext } from '../context.js';
import { NotAllowed } from '../errors.js';
import type { ConversationTarget } from '../ports.js';

// `koppel kanaal`: a team channel gets the reminders and digests of the user's organisation(s).

export interface LinkedPartner {
  covenantId: string;
  covenantName: string;
  partnerId: string;
  partnerName: string;
}

/**
 * Links the channel to each partner the actor works for (active memberships only) and writes an
 * audit line per new link. Refused outside a team channel (the turn's own conversation) and for
 * someone not yet approved.
 */
export async function linkChannel(
  ctx: CaseworkContext,
  actor: Actor,
  conversation: { id: string; kind: ConversationTarget['kind'] },
): Promise<LinkedPartner[]> {
  if (conversation.kind !== 'channel')
    throw new NotAllowed('link a channel', 'only in a team channel', { code: 'channel_only' });
  const conversationId = conversation.id;
  const target = await ctx.deps.conversations.get(conversationId);
  if (!target) throw new Error(`no conversation reference for ${conversationId}`);
  const memberships = actor.memberships.filter((m) => m.status === 'active');
  if (memberships.length === 0)
    throw new NotAllowed('link a channel', 'your membership is waiting for approval by the coordinator', {
      code: 'awaiting_approval',
    });
  const links = [...(target.links ?? [])];
  const added = memberships.filter(
    (m) => !links.some((l) => l.covenantId === m.covenantId && l.partnerId === m.partnerId),
  );
  if (added.length > 0) {
    links.push(...added.map((m) => ({ covenantId: m.covenantId, partnerId: m.partnerId })));
    await ctx.deps.conversations.put({ ...target, links });
    for (const m of added)
      await ctx.audit({
        userId: actor.userId,
        partnerId: m.partnerId,
        action: 'change',
        caseId: null,
        detail: `linked channel ${conversationId} to ${m.partnerId} in ${m.covenantId}`,
      });
  }
  return memberships.map((m) => {
    const covenant = ctx.covenant(m.covenantId);
    return {
      covenantId: covenant.id,
      covenantName: covenant.name,
      partnerId: m.partnerId,
      partnerName: covenant.partners.find((p) => p.id === m.partnerId)?.name ?? m.partnerId,
    };
  });
}
