import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipGate } from '../../bot/turn/membership-gate.js';
import type { Route } from '../../bot/turn/route.js';
import type { Turn } from '../../bot/turn/turn.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import { messageCard } from '../../cards/index.js';
import { onboardingPrompt } from '../../dialogs/onboarding.js';
import { shown } from '../fixtures/card-inputs.js';
import { openHarness, type Harness } from '../helpers/casework-harness.js';
import { fakeTurn } from './fake-turn.js';
import { scoped } from './scoped-turn.js';

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness();
});
afterEach(() => harness.close());

const card = messageCard('nl', { title: 'answer', text: '' });
const openRoute: Route = { open: true, run: async () => card };
const memberRoute: Route = { open: false, run: async () => card };

async function throughGate(route: Route): Promise<{ turn: Turn; replies: AdaptiveCard[]; wentOn: boolean }> {
  const { turn, replies } = fakeTurn({ kind: 'message', text: 'mijn taken' });
  await scoped(harness, turn);
  turn.route = route;
  let wentOn = false;
  await membershipGate(turn, async () => {
    wentOn = true;
  });
  return { turn, replies, wentOn };
}

describe('the membership gate', () => {
  it('lets anyone take an open route, without a member scope', async () => {
    const { turn, wentOn } = await throughGate(openRoute);
    expect(wentOn).toBe(true);
    expect(turn.member).toBeUndefined();
  });

  it('lets a member with an active membership through with a member scope', async () => {
    const sanne = await harness.member('aad-sanne', 'lekstroom', 'mitros');
    const { turn, replies, wentOn } = await throughGate(memberRoute);
    expect(wentOn).toBe(true);
    expect(replies).toEqual([]);
    expect(turn.member?.actor).toEqual(sanne);
    expect(turn.member?.user).toEqual(turn.scope?.user);
  });

  it('shows someone unknown the onboarding card instead', async () => {
    const { turn, replies, wentOn } = await throughGate(memberRoute);
    expect(wentOn).toBe(false);
    expect(replies).toEqual([onboardingPrompt(turn.scope!)]);
    expect(turn.member).toBeUndefined();
  });

  it('tells a member awaiting approval to wait', async () => {
    await harness.store.members.put({
      userId: 'aad-sanne',
      name: 'Sanne',
      memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'pending' }],
    });
    const { replies, wentOn } = await throughGate(memberRoute);
    expect(wentOn).toBe(false);
    expect(shown(replies[0]!)).toContain('Wacht op goedkeuring');
  });
});
