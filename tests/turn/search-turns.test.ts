import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorsToCards } from '../../bot/turn/errors-to-cards.js';
import { membershipGate } from '../../bot/turn/membership-gate.js';
import { rememberConversation } from '../../bot/turn/memory.js';
import { isResultsRoute } from '../../bot/turn/route.js';
import { dispatch, resolveRoute } from '../../bot/turn/routes.js';
import type { TurnEvent } from '../../bot/turn/turn.js';
import { texts } from '../../cards/texts.js';
import { openHarness, signalFor, type Harness } from '../helpers/casework-harness.js';
import { fakeTurn, MemoryConversations, recordingLogger } from './fake-turn.js';
import { scoped } from './scoped-turn.js';

// The compose box's turns in the chain: a search and a pasted link are routed to a results
// route for members only, answered with a result list, never remembered, and fail in a line.

const search: TurnEvent = { kind: 'search', text: 'LEK', skip: 0, count: 25 };
const unfurl: TurnEvent = { kind: 'unfurl', url: 'https://aanzet.example.org/tab/#/case/LEK-2026-0001' };
const { logger } = recordingLogger();
const goOn = async () => {};

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness();
});
afterEach(() => harness.close());

/** resolveRoute, identify and scope, the gate and dispatch, as the chain runs them after memory. */
async function run(event: TurnEvent, caseOfLink?: (url: string) => string | undefined) {
  const { turn, replies, answers } = fakeTurn(event);
  await resolveRoute(logger, caseOfLink)(turn, goOn);
  await scoped(harness, turn);
  await membershipGate(turn, () => dispatch(turn, goOn));
  return { turn, replies, answers };
}

describe('a search or a pasted link in the turn chain', () => {
  it('is not remembered as a place to send to (the compose box works in chats without AanZet)', async () => {
    for (const event of [search, unfurl]) {
      const conversations = new MemoryConversations();
      const { turn } = fakeTurn(event);
      await rememberConversation(conversations)(turn, goOn);
      expect(conversations.writes).toBe(0);
    }
  });

  it('takes a results route for members only', async () => {
    for (const event of [search, unfurl]) {
      const { turn } = fakeTurn(event);
      await resolveRoute(logger)(turn, goOn);
      expect(turn.route && isResultsRoute(turn.route) && turn.route.open).toBe(false);
    }
  });

  it("answers a member with the cases found, and a link with its case's card", async () => {
    const sanne = await harness.member('aad-sanne', 'lekstroom', 'mitros');
    const caseId = (await harness.casework.registerSignal(sanne, signalFor('lekstroom'))).loaded.record.id;
    const searched = await run(search);
    expect(searched.replies).toEqual([]);
    expect(searched.answers).toMatchObject([{ kind: 'results', items: [{ preview: { title: caseId } }] }]);
    const pasted = await run(unfurl, () => caseId);
    expect(pasted.answers).toEqual(searched.answers);
    expect((await run(unfurl)).answers).toEqual([{ kind: 'results', items: [] }]);
  });

  it('tells someone unknown, or awaiting approval, why a search finds nothing; a link shows nothing', async () => {
    expect((await run(search)).answers).toEqual([{ kind: 'message', text: texts('nl').search.notMember }]);
    expect((await run(unfurl, () => 'LEK-2026-0001')).answers).toEqual([{ kind: 'results', items: [] }]);
    await harness.store.members.put({
      userId: 'aad-sanne',
      name: 'Sanne',
      memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'pending' }],
    });
    const { answers, replies } = await run(search);
    expect(answers).toEqual([{ kind: 'message', text: texts('nl').search.pending }]);
    expect(replies).toEqual([]);
  });

  it('fails in a line for a search and with nothing for a link, logged as an error', async () => {
    for (const [event, answer] of [
      [search, { kind: 'message', text: texts('nl').search.failed }],
      [unfurl, { kind: 'results', items: [] }],
    ] as const) {
      const recording = recordingLogger();
      const { turn, replies, answers } = fakeTurn(event);
      await resolveRoute(recording.logger)(turn, goOn);
      await errorsToCards(recording.logger)(turn, async () => {
        throw new Error('database gone');
      });
      expect(answers).toEqual([answer]);
      expect(replies).toEqual([]);
      expect(recording.lines()).toMatchObject([{ level: 50, msg: 'a search failed', user: 'aad-sanne' }]);
    }
  });
});
