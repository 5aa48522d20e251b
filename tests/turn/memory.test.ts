import { describe, expect, it } from 'vitest';
import { rememberConversation } from '../../bot/turn/memory.js';
import type { TurnEvent } from '../../bot/turn/turn.js';
import { fakeTurn, MemoryConversations, TENANT } from './fake-turn.js';

const goOn = async () => {};

describe('conversation memory', () => {
  it('remembers a personal chat with its user, tenant and address on a message', async () => {
    const conversations = new MemoryConversations();
    const { turn } = fakeTurn({ kind: 'message', text: 'help' });
    await rememberConversation(conversations)(turn, goOn);
    expect(conversations.byId.get('a:personal-sanne')).toMatchObject({
      id: 'a:personal-sanne',
      kind: 'personal',
      tenantId: TENANT,
      userId: 'aad-sanne',
      reference: turn.reference,
    });
  });

  it('remembers a channel with its team and without a user', async () => {
    const conversations = new MemoryConversations();
    const { turn } = fakeTurn(
      { kind: 'cardAction', verb: 'tasks.show', data: {} },
      { conversation: { id: '19:channel', kind: 'channel', tenantId: TENANT, teamId: '19:team' } },
    );
    await rememberConversation(conversations)(turn, goOn);
    const target = conversations.byId.get('19:channel');
    expect(target).toMatchObject({ kind: 'channel', teamId: '19:team' });
    expect(target).not.toHaveProperty('userId');
  });

  it('writes only when the address changed, and keeps the channel links', async () => {
    const conversations = new MemoryConversations();
    const remember = rememberConversation(conversations);
    await remember(fakeTurn({ kind: 'invoke' }).turn, goOn);
    const links = [{ covenantId: 'lekstroom', partnerId: 'mitros' }];
    conversations.byId.set('a:personal-sanne', { ...conversations.byId.get('a:personal-sanne')!, links });
    await remember(fakeTurn({ kind: 'message', text: 'help' }).turn, goOn);
    expect(conversations.writes).toBe(1);
    const moved = fakeTurn(
      { kind: 'message', text: 'help' },
      { reference: { serviceUrl: 'https://moved/' } },
    );
    await remember(moved.turn, goOn);
    expect(conversations.writes).toBe(2);
    expect(conversations.byId.get('a:personal-sanne')).toMatchObject({
      reference: { serviceUrl: 'https://moved/' },
      links,
    });
  });

  it.each<TurnEvent>([{ kind: 'installed' }, { kind: 'uninstalled' }])(
    'leaves $kind to the install step, and goes on',
    async (event) => {
      const conversations = new MemoryConversations();
      let wentOn = false;
      await rememberConversation(conversations)(fakeTurn(event).turn, async () => {
        wentOn = true;
      });
      expect(conversations.writes).toBe(0);
      expect(wentOn).toBe(true);
    },
  );
});
