import { describe, expect, it } from 'vitest';
import { identify } from '../../bot/turn/identify.js';
import { fakeTurn } from './fake-turn.js';

async function userOf(name: string | undefined) {
  const { turn } = fakeTurn({ kind: 'message', text: 'help' }, { from: { id: 'aad-x', name } });
  await identify(turn, async () => {});
  return turn.user;
}

describe('the sender', () => {
  it('keeps a plain display name', async () => {
    expect(await userOf('Sanne Bakker')).toEqual({
      id: 'aad-x',
      name: 'Sanne Bakker',
      displayName: 'Sanne Bakker',
    });
  });

  it('cleans bidi overrides and zero-width characters out of the display name', async () => {
    expect((await userOf('Sanne\u202E Bakker\u200B'))?.displayName).toBe('Sanne Bakker');
  });

  it('names someone without a usable display name by their id, and shows no name', async () => {
    expect(await userOf('\u200B ')).toEqual({ id: 'aad-x', name: 'aad-x', displayName: '' });
    expect(await userOf(undefined)).toEqual({ id: 'aad-x', name: 'aad-x', displayName: '' });
  });
});
