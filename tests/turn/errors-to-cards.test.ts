import { describe, expect, it } from 'vitest';
import { errorsToCards } from '../../bot/turn/errors-to-cards.js';
import type { TurnEvent } from '../../bot/turn/turn.js';
import { CaseNotFound } from '../../casework/errors.js';
import { messageCard } from '../../cards/index.js';
import { shown } from '../fixtures/card-inputs.js';
import { fakeTurn, recordingLogger } from './fake-turn.js';

const message: TurnEvent = { kind: 'message', text: 'status LEK-2026-0001' };

function failingWith(error: unknown, event = message) {
  const { logger, lines } = recordingLogger();
  const { turn, replies } = fakeTurn(event);
  const run = () =>
    errorsToCards(logger)(turn, async () => {
      throw error;
    });
  return { run, replies, lines };
}

describe('errors to cards', () => {
  it('explains a named domain error with its own card, without an error log', async () => {
    const { run, replies, lines } = failingWith(new CaseNotFound('LEK-2026-0001'));
    await run();
    expect(shown(replies[0]!)).toContain('Casus niet gevonden');
    expect(lines()).toEqual([]);
  });

  it('answers anything else with the fault card and logs it as an error with the user', async () => {
    const { run, replies, lines } = failingWith(new Error('disk full'));
    await run();
    expect(shown(replies[0]!)).toContain('Er ging iets mis');
    expect(lines()).toMatchObject([{ level: 50, msg: 'a turn failed', user: 'aad-sanne' }]);
  });

  it('leaves an error after a reply was attempted to the transport', async () => {
    const { logger } = recordingLogger();
    const { turn, replies } = fakeTurn(message);
    const sendFails = errorsToCards(logger)(turn, async () => {
      await turn.reply(messageCard('nl', { title: 'answer', text: '' }));
      throw new Error('connector down');
    });
    await expect(sendFails).rejects.toThrow('connector down');
    expect(replies).toHaveLength(1);
  });

  it('does not answer install events with a card', async () => {
    const { run, replies } = failingWith(new Error('store down'), { kind: 'installed' });
    await expect(run()).rejects.toThrow('store down');
    expect(replies).toEqual([]);
  });

  it('stays out of the way of a turn that goes well', async () => {
    const { logger } = recordingLogger();
    const { turn, replies } = fakeTurn(message);
    let wentOn = false;
    await errorsToCards(logger)(turn, async () => {
      wentOn = true;
    });
    expect({ wentOn, replies }).toEqual({ wentOn: true, replies: [] });
  });
});
