import { describe, expect, it } from 'vitest';
import { storeOutage } from '../../bot/turn/store-outage.js';
import type { TurnEvent } from '../../bot/turn/turn.js';
import { StoreUnavailable } from '../../casework/ports.js';
import { asStoreError, isOutage } from '../../storage/postgres/connection-errors.js';
import { shown } from '../fixtures/card-inputs.js';
import { fakeTurn, recordingLogger } from './fake-turn.js';

// A store that cannot be reached is not a fault: the user is told to try again in a while, in
// their language, and a click keeps its card (and what was filled in).

const outage = new StoreUnavailable('PostgreSQL: connect ECONNREFUSED 127.0.0.1:5432');
const click: TurnEvent = { kind: 'cardAction', verb: 'case.outcome', data: { outcomeId: 'regeling' } };

function failingWith(error: unknown, event: TurnEvent, locale: 'nl' | 'en' = 'nl') {
  const { logger, lines } = recordingLogger();
  const fake = fakeTurn(event, { locale });
  const run = () =>
    storeOutage(logger)(fake.turn, async () => {
      throw error;
    });
  return { run, lines, ...fake };
}

describe('a turn while the store cannot be reached', () => {
  it('a click: a line in the user’s language, and no card that would replace the clicked one', async () => {
    const dutch = failingWith(outage, click);
    await dutch.run();
    expect(dutch.replies).toEqual([]);
    expect(dutch.said).toEqual([
      'AanZet kan nu niet bij de gegevens. Er is niets opgeslagen. Wat je hebt ingevuld staat nog op de kaart: probeer het over een paar minuten opnieuw.',
    ]);
    expect(dutch.lines()).toMatchObject([
      { level: 40, msg: 'a turn could not reach the store', turn: 'cardAction' },
    ]);
    const english = failingWith(outage, click, 'en');
    await english.run();
    expect(english.said[0]).toMatch(/^AanZet cannot reach its data right now\. Nothing was saved\./);
  });

  it('a message: a card saying so', async () => {
    const { run, replies, said } = failingWith(outage, { kind: 'message', text: 'status LEK-2026-0001' });
    await run();
    expect(said).toEqual([]);
    expect(shown(replies[0]!)).toContain('Je bericht is niet verwerkt');
  });

  it('leaves other errors, searches and announcements to the steps that handle them', async () => {
    await expect(failingWith(new Error('bug'), click).run()).rejects.toThrow('bug');
    await expect(failingWith(outage, { kind: 'search', text: 'LEK' }).run()).rejects.toBe(outage);
    await expect(failingWith(outage, { kind: 'installed' }).run()).rejects.toBe(outage);
  });
});

describe('which PostgreSQL errors are an outage', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

  it('a refused, broken or timed-out connection and the server shutting down', () => {
    for (const error of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated due to connection timeout', {
        cause: new Error('Connection terminated'),
      }),
    ]) {
      expect(isOutage(error)).toBe(true);
      expect(asStoreError(error)).toBeInstanceOf(StoreUnavailable);
    }
  });

  it('not a statement that is wrong or a rule of the database', () => {
    for (const error of [
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('could not serialize access', '40001'),
      withCode('syntax error at or near', '42601'),
      new Error('something else'),
      'a string',
    ]) {
      expect(isOutage(error)).toBe(false);
      expect(asStoreError(error)).toBe(error);
    }
  });
});
