import type { Logger } from 'pino';
import type { Conversations, Members } from '../../casework/ports.js';
import { welcomeCard } from '../../cards/index.js';
import type { Middleware } from './chain.js';
import { remember } from './memory.js';
import { earlier, type Turn } from './turn.js';

/** Install and uninstall: greet a new conversation, forget a removed one. Other turns go on. */
export function lifecycle(deps: {
  conversations: Conversations;
  members: Members;
  logger: Logger;
}): Middleware<Turn> {
  return async (turn, next) => {
    if (turn.event.kind === 'installed') return greet(deps, turn);
    if (turn.event.kind === 'uninstalled') return forget(deps, turn);
    await next();
  };
}

async function greet(deps: { conversations: Conversations; members: Members }, turn: Turn): Promise<void> {
  // Teams (and the Playground) announce an install twice, as installationUpdate and as
  // conversationUpdate: greet a conversation only the first time it becomes known.
  if (await deps.conversations.get(turn.conversation.id)) return;
  await remember(deps.conversations, turn);
  const member = await deps.members.get(turn.from.id);
  const card = welcomeCard(turn.locale, {
    userName: earlier(turn.user, 'user').displayName,
    needsOnboarding: !member?.memberships.some((m) => m.status === 'active'),
  });
  await turn.reply(card);
}

async function forget(deps: { conversations: Conversations; logger: Logger }, turn: Turn): Promise<void> {
  const { id, teamId } = turn.conversation;
  const removed = teamId
    ? await deps.conversations.remove({ teamId })
    : await deps.conversations.remove({ id });
  deps.logger.info({ conversation: id, removed }, 'AanZet was uninstalled here');
}
