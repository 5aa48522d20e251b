import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { turnChain } from '../../bot/turn/aanzet-chain.js';
import type { TurnEvent, TurnFields } from '../../bot/turn/turn.js';
import { shown } from '../fixtures/card-inputs.js';
import { openHarness, type Harness } from '../helpers/casework-harness.js';
import { fakeTurn, recordingLogger, TENANT } from './fake-turn.js';

// The whole list in its order (bot/README.md): what one step decides shows in the next ones.

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness();
});
afterEach(() => harness.close());

async function run(event: TurnEvent, overrides: Partial<TurnFields> = {}, allowedTenants = [TENANT]) {
  const { logger, lines } = recordingLogger();
  const chain = turnChain({
    casework: harness.casework,
    store: harness.store,
    notifier: { tell: async () => {} },
    logger,
    admission: { localMode: false, allowedTenants },
  });
  const { turn, replies } = fakeTurn(event, overrides);
  await chain(turn);
  return { replies: replies.map(shown), lines: lines() };
}

describe('the turn chain of AanZet', () => {
  it('remembers nothing of a turn it does not admit, and answers nothing', async () => {
    const { replies } = await run({ kind: 'message', text: 'help' }, {}, ['another-tenant']);
    expect(replies).toEqual([]);
    expect(await harness.store.conversations.get('a:personal-sanne')).toBeUndefined();
  });

  it('remembers the chat of someone unknown, and offers onboarding for a member command', async () => {
    const { replies } = await run({ kind: 'message', text: 'mijn taken' });
    expect(await harness.store.conversations.get('a:personal-sanne')).toBeDefined();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('Aanmelden');
  });

  it('answers a member with the dialog, errors included', async () => {
    await harness.member('aad-sanne', 'lekstroom', 'mitros');
    const { replies } = await run({ kind: 'message', text: 'status LEK-2099-9999' });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('Casus niet gevonden');
  });

  it('fails the turn, without a card, when the conversation cannot be remembered', async () => {
    harness.store.conversations.get = () => Promise.reject(new Error('store down'));
    await expect(run({ kind: 'message', text: 'help' })).rejects.toThrow('store down');
  });
});
