import { randomUUID } from 'node:crypto';
import type { Casework } from '../../casework/casework.js';
import type { Store } from '../../casework/ports.js';
import type { TabLink } from '../../cards/tab-link.js';
import type { Notifier } from '../../dialogs/scope.js';
import { refreshAudienceFor } from '../refresh-audience.js';
import type { TurnMemos } from '../turn-memos.js';
import type { Middleware } from './chain.js';
import { earlier, type Turn } from './turn.js';

/** What a dialog gets for this turn; `actor` is whoever AanZet knows by this user id, if anyone. */
export function buildScope(deps: {
  casework: Casework;
  store: Store;
  notifier: Notifier;
  tabLink?: TabLink;
  memos?: TurnMemos;
}): Middleware<Turn> {
  const refreshAudience = refreshAudienceFor(
    deps.casework,
    deps.store.conversations,
    deps.memos?.refreshAudiences,
  );
  return async (turn, next) => {
    const user = earlier(turn.user, 'user');
    turn.scope = {
      casework: deps.casework,
      members: deps.store.members,
      conversations: deps.store.conversations,
      outbox: deps.store.outbox,
      locale: turn.locale,
      user: { id: user.id, name: user.name },
      actor: await deps.store.members.get(user.id),
      conversation: { kind: turn.conversation.kind, id: turn.conversation.id },
      flow: turn.flow,
      notify: deps.notifier,
      newId: () => randomUUID(),
      ...(deps.tabLink ? { tabLink: deps.tabLink } : {}),
      refreshAudience,
    };
    await next();
  };
}
