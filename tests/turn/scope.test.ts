import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from '../helpers/casework-harness.js';
import { fakeTurn } from './fake-turn.js';
import { scoped } from './scoped-turn.js';

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness();
});
afterEach(() => harness.close());

describe("a dialog's scope", () => {
  it('carries who is asking, where, in which language, and the member AanZet knows', async () => {
    const sanne = await harness.member('aad-sanne', 'lekstroom', 'mitros', [], 'Sanne Bakker');
    const { turn } = fakeTurn({ kind: 'message', text: 'help' }, { locale: 'en' });
    await scoped(harness, turn);
    expect(turn.scope).toMatchObject({
      locale: 'en',
      user: { id: 'aad-sanne', name: 'Sanne Bakker' },
      actor: sanne,
      conversation: { kind: 'personal', id: 'a:personal-sanne' },
      flow: turn.flow,
    });
    expect(turn.scope?.newId()).not.toBe(turn.scope?.newId());
  });

  it('has no actor for someone AanZet does not know yet', async () => {
    const { turn } = fakeTurn({ kind: 'message', text: 'help' });
    await scoped(harness, turn);
    expect(turn.scope?.actor).toBeUndefined();
  });
});
