import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { membershipGate } from '../../bot/turn/membership-gate.js';
import type { Route } from '../../bot/turn/route.js';
import { dispatch, resolveRoute } from '../../bot/turn/routes.js';
import type { Turn, TurnEvent } from '../../bot/turn/turn.js';
import { messageCard } from '../../cards/index.js';
import type { DialogScope } from '../../dialogs/scope.js';
import { shown } from '../fixtures/card-inputs.js';
import { openHarness, type Harness } from '../helpers/casework-harness.js';
import { fakeTurn, recordingLogger } from './fake-turn.js';
import { scoped } from './scoped-turn.js';

let harness: Harness;
beforeEach(async () => {
  harness = await openHarness();
});
afterEach(() => harness.close());

async function routeOf(event: TurnEvent) {
  const { logger, lines } = recordingLogger();
  const { turn } = fakeTurn(event);
  let wentOn = false;
  await resolveRoute(logger)(turn, async () => {
    wentOn = true;
  });
  return { route: turn.route, wentOn, lines: lines() };
}

/** The route's card, run for someone AanZet does not know. */
async function cardOf(route: Route | undefined) {
  const { turn } = fakeTurn({ kind: 'message', text: '' });
  await scoped(harness, turn);
  if (!route?.open) throw new Error('expected an open route');
  return shown(await route.run(turn.scope!));
}

describe('finding the route', () => {
  it('opens help to anyone', async () => {
    const { route, wentOn } = await routeOf({ kind: 'message', text: 'help' });
    expect(wentOn).toBe(true);
    expect(route?.open).toBe(true);
  });

  it('keeps other commands for members', async () => {
    expect((await routeOf({ kind: 'message', text: 'mijn taken' })).route?.open).toBe(false);
  });

  it('answers unknown text with help that suggests the nearest command, after cleaning it', async () => {
    const { route } = await routeOf({ kind: 'message', text: 'mijn tken\u200B' });
    expect(route?.open).toBe(true);
    const card = await cardOf(route);
    expect(card).toContain('mijn tken');
    expect(card).not.toContain('\u200B');
    expect(card).toContain('mijn taken');
  });

  it('opens the membership request to anyone, and keeps other verbs for members', async () => {
    const request = await routeOf({ kind: 'cardAction', verb: 'onboarding.request', data: {} });
    const tasks = await routeOf({ kind: 'cardAction', verb: 'tasks.show', data: {} });
    expect([request.route?.open, tasks.route?.open]).toEqual([true, false]);
  });

  it('answers an unknown verb with help and a warning', async () => {
    const { route, lines } = await routeOf({ kind: 'cardAction', verb: 'case.delete', data: {} });
    expect(route?.open).toBe(true);
    expect(lines).toMatchObject([{ level: 40, verb: 'case.delete' }]);
  });

  it.each<TurnEvent>([{ kind: 'installed' }, { kind: 'uninstalled' }, { kind: 'invoke' }])(
    'ends a $kind turn, which asks for nothing',
    async (event) => {
      expect(await routeOf(event)).toEqual({ route: undefined, wentOn: false, lines: [] });
    },
  );
});

describe('running the route', () => {
  const answer = messageCard('nl', { title: 'answer', text: '' });

  async function ready(route: Route): Promise<{ turn: Turn; replies: unknown[] }> {
    const { turn, replies } = fakeTurn({ kind: 'message', text: '' });
    await scoped(harness, turn);
    turn.route = route;
    return { turn, replies };
  }

  it('runs an open route with the scope and replies with its card', async () => {
    const seen: DialogScope[] = [];
    const { turn, replies } = await ready({ open: true, run: async (scope) => (seen.push(scope), answer) });
    await dispatch(turn, async () => {});
    expect(seen).toEqual([turn.scope]);
    expect(replies).toEqual([answer]);
  });

  it('runs a member route with the member scope the gate made', async () => {
    const sanne = await harness.member('aad-sanne', 'lekstroom', 'mitros');
    const actors: unknown[] = [];
    const { turn, replies } = await ready({
      open: false,
      run: async (scope) => (actors.push(scope.actor), answer),
    });
    await membershipGate(turn, () => dispatch(turn, async () => {}));
    expect(actors).toEqual([sanne]);
    expect(replies).toEqual([answer]);
  });

  it('refuses to run a member route the gate did not pass', async () => {
    await harness.member('aad-sanne', 'lekstroom', 'mitros');
    const { turn, replies } = await ready({ open: false, run: async () => answer });
    await expect(dispatch(turn, async () => {})).rejects.toThrow('membership gate');
    expect(replies).toEqual([]);
  });
});
