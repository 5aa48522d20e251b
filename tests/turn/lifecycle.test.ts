import { describe, expect, it } from 'vitest';
import { identify } from '../../bot/turn/identify.js';
import { lifecycle } from '../../bot/turn/lifecycle.js';
import type { TurnEvent, TurnFields } from '../../bot/turn/turn.js';
import { shown } from '../fixtures/card-inputs.js';
import {
  fakeTurn,
  member,
  MemoryConversations,
  MemoryMembers,
  recordingLogger,
  TENANT,
} from './fake-turn.js';

function setUp() {
  const conversations = new MemoryConversations();
  const members = new MemoryMembers();
  const { logger, lines } = recordingLogger();
  const step = lifecycle({ conversations, members, logger });
  const run = async (event: TurnEvent, overrides: Partial<TurnFields> = {}) => {
    const { turn, replies } = fakeTurn(event, overrides);
    let wentOn = false;
    await identify(turn, () =>
      step(turn, async () => {
        wentOn = true;
      }),
    );
    return { replies, wentOn };
  };
  return { conversations, members, lines, run };
}

describe('install and uninstall', () => {
  it('greets a new conversation once, though Teams announces the install twice', async () => {
    const { conversations, run } = setUp();
    const first = await run({ kind: 'installed' });
    const second = await run({ kind: 'installed' });
    expect(first.replies).toHaveLength(1);
    expect(shown(first.replies[0]!)).toContain('Welkom, Sanne Bakker');
    expect(second.replies).toEqual([]);
    expect(conversations.byId.get('a:personal-sanne')).toMatchObject({ userId: 'aad-sanne' });
    expect(first.wentOn || second.wentOn).toBe(false);
  });

  it('tells someone unknown they are not signed up yet, and a member not', async () => {
    const { members, run } = setUp();
    const unknown = await run({ kind: 'installed' });
    await members.put(member('aad-ahmed'));
    const known = await run(
      { kind: 'installed' },
      {
        from: { id: 'aad-ahmed', name: 'Ahmed' },
        conversation: { id: 'a:personal-ahmed', kind: 'personal', tenantId: TENANT, teamId: undefined },
      },
    );
    expect(shown(unknown.replies[0]!)).toContain('nog niet aangemeld');
    expect(shown(known.replies[0]!)).not.toContain('nog niet aangemeld');
  });

  it('forgets every channel of a team when it is removed, and says so in the log', async () => {
    const { conversations, lines, run } = setUp();
    const inTeam = { kind: 'channel', tenantId: TENANT, teamId: '19:team' } as const;
    for (const id of ['19:general', '19:casework'])
      await conversations.put({ id, ...inTeam, reference: {}, updatedAt: '' });
    const gone = await run({ kind: 'uninstalled' }, { conversation: { id: '19:general', ...inTeam } });
    expect(conversations.byId.size).toBe(0);
    expect(gone).toEqual({ replies: [], wentOn: false });
    expect(lines()).toMatchObject([{ msg: 'AanZet was uninstalled here', removed: 2 }]);
  });

  it('forgets only this chat when it is not in a team', async () => {
    const { conversations, run } = setUp();
    await run({ kind: 'installed' });
    await conversations.put({
      id: 'a:other',
      kind: 'personal',
      tenantId: TENANT,
      reference: {},
      updatedAt: '',
    });
    await run({ kind: 'uninstalled' });
    expect([...conversations.byId.keys()]).toEqual(['a:other']);
  });

  it('lets messages and clicks go on', async () => {
    const { run } = setUp();
    expect(await run({ kind: 'message', text: 'help' })).toEqual({ replies: [], wentOn: true });
  });
});
