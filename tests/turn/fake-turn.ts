import pino from 'pino';
import { Writable } from 'node:stream';
import type { AdaptiveCard } from '../../cards/card-types.js';
import type { ConversationTarget, Conversations, Member, Members } from '../../casework/ports.js';
import type { RegisterFlow } from '../../dialogs/scope.js';
import type { ResultList } from '../../dialogs/search.js';
import { newTurn, type Turn, type TurnEvent, type TurnFields } from '../../bot/turn/turn.js';

// Plain turns for the chain's steps, with the cards they answer recorded: no botbuilder needed.

export const TENANT = 'tenant-lekstroom';

export function fakeTurn(
  event: TurnEvent,
  overrides: Partial<TurnFields> = {},
): { turn: Turn; replies: AdaptiveCard[]; answers: ResultList[]; said: string[] } {
  const replies: AdaptiveCard[] = [];
  const answers: ResultList[] = [];
  const said: string[] = [];
  let flow: RegisterFlow | undefined;
  const turn = newTurn(
    {
      event,
      envelope: {
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      },
      from: { id: 'aad-sanne', name: 'Sanne Bakker' },
      locale: 'nl',
      conversation: { id: 'a:personal-sanne', kind: 'personal', tenantId: TENANT, teamId: undefined },
      reference: {
        conversation: { id: 'a:personal-sanne' },
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
      },
      flow: {
        get: async () => flow,
        set: async (next) => {
          flow = next;
        },
      },
      ...overrides,
    },
    async (card) => {
      replies.push(card);
    },
    async (list) => {
      answers.push(list);
    },
    async (text) => {
      said.push(text);
    },
  );
  return { turn, replies, answers, said };
}

/** Conversations in a map, counting writes. */
export class MemoryConversations implements Conversations {
  readonly byId = new Map<string, ConversationTarget>();
  writes = 0;

  async put(target: ConversationTarget): Promise<void> {
    this.writes++;
    this.byId.set(target.id, target);
  }
  async get(id: string): Promise<ConversationTarget | undefined> {
    return this.byId.get(id);
  }
  async list(): Promise<ConversationTarget[]> {
    return [...this.byId.values()];
  }
  async remove(filter: { id: string } | { teamId: string }): Promise<number> {
    const gone = [...this.byId.values()].filter((t) =>
      'id' in filter ? t.id === filter.id : t.teamId === filter.teamId,
    );
    gone.forEach((t) => this.byId.delete(t.id));
    return gone.length;
  }
}

export class MemoryMembers implements Members {
  readonly byId = new Map<string, Member>();

  async get(userId: string): Promise<Member | undefined> {
    return this.byId.get(userId);
  }
  async put(member: Member): Promise<void> {
    this.byId.set(member.userId, member);
  }
  async list(): Promise<Member[]> {
    return [...this.byId.values()];
  }
}

export function member(userId: string, status: 'active' | 'pending' = 'active'): Member {
  return {
    userId,
    name: userId,
    memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status }],
  };
}

/** A logger whose lines the test reads. */
export function recordingLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines: () => lines };
}
