import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../casework/ports.js';
import type { Locale, StepView } from '../casework/reads/views.js';
import type { TaskSort, TasksQuery } from '../casework/reads/tasks-page.js';
import { pageOf, sortedSteps, wholeMyTasks, wholeOverview } from './helpers/tasks-reference.js';
import { CaseworkContext } from '../casework/context.js';
import { Casework } from '../casework/casework.js';
import type { Store } from '../casework/ports.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';
import { closeSharedPglite, freshPglite } from './helpers/postgres.js';

// casework.tasksPage (issue 11: the store pages Mijn taken) gives exactly the page the tab cut
// in memory before: the full myTasks or overview list, filtered, sorted and paged by
// bot/tab-api/tasks.ts. Same access rules, same step views, for every filter and order; on the
// embedded store and on PostgreSQL (PGlite).

type Engine = Pick<Harness, 'casework' | 'store' | 'covenants' | 'member' | 'close'>;

/** Casework on a PGlite store, with the harness's covenants, clock and member helper. */
async function pgliteEngine(): Promise<Engine> {
  const lowdb = await openHarness('2026-03-20');
  await lowdb.close();
  const { client } = await freshPglite();
  const store: Store = await openPostgresStore(client);
  const casework = new Casework({
    covenants: lowdb.covenants,
    ...store,
    clock: () => new Date('2026-03-20T09:00:00.000Z'),
  });
  return {
    casework,
    store,
    covenants: lowdb.covenants,
    async member(userId, covenantId, partnerId, roles = [], name = userId) {
      const existing = await store.members.get(userId);
      const member: Member = {
        userId,
        name,
        memberships: [...(existing?.memberships ?? []), { covenantId, partnerId, roles, status: 'active' }],
      };
      await store.members.put(member);
      return member;
    },
    close: async () => {
      await store.close();
      await closeSharedPglite();
    },
  };
}

const SIT = 'sittard-geleen';
const LEK = 'lekstroom';
for (const engine of ['lowdb', 'PGlite'] as const) {
  let h: Engine;
  let members: Record<'both' | 'ruud' | 'pim' | 'stranger', Member>;

  // Twelve signals through the use cases (and a PGlite to start): slow on a busy machine.
  beforeAll(async () => {
    h = engine === 'lowdb' ? await openHarness('2026-03-20') : await pgliteEngine();
    const zoe = await h.member('zoe', SIT, 'zowonen');
    const mitros = await h.member('mitros', LEK, 'mitros');
    let house = 0;
    const register = async (
      member: Member,
      covenantId: string,
      signalDate: string,
      options: { crisis?: boolean; children?: number } = {},
    ) =>
      (
        await h.casework.registerSignal(
          member,
          signalFor(covenantId, { signalDate, postcode: '6131 AA', houseNumber: ++house, ...options }),
        )
      ).caseId;
    for (const [date, options] of [
      ['2026-03-02', {}],
      ['2026-03-16', { crisis: true, children: 2 }],
      ['2026-03-03', { children: 1 }],
      ['2026-03-17', { crisis: true }],
      ['2026-03-04', {}],
      ['2026-03-04', { children: 3 }],
    ] as const) {
      await register(zoe, SIT, date, options);
      await register(mitros, LEK, date, options);
    }
    // The municipality took one over in Sittard-Geleen: another partner, another step.
    const ruud = await h.member('ruud', SIT, 'gemeente-sittard-geleen', ['regisseur']);
    const pim = await h.member('pim', SIT, 'partners-in-welzijn');
    const last = (await wholeMyTasks(context(), pim, 'nl')).at(-1)!;
    await h.casework.takeOverStep(ruud, last.caseId, last.version);
    await h.member('both', LEK, 'wil');
    const both = await h.member('both', SIT, 'partners-in-welzijn');
    both.memberships.push({ covenantId: 'dalfsen', partnerId: 'vechthorst', roles: [], status: 'pending' });
    await h.store.members.put(both);
    members = {
      both,
      ruud,
      pim,
      stranger: await h.member('stranger', 'dalfsen', 'vechthorst'),
    };
  }, 60_000);

  afterAll(() => h.close());

  /** The reference reads the store itself, with the same covenants and clock as the casework. */
  const context = () =>
    new CaseworkContext({ covenants: h.covenants, ...h.store, clock: () => h.casework.now() });

  /** The tab's page before the store paged it: the whole list, filtered, sorted and cut in memory. */
  async function pageInMemory(member: Member, query: TasksQuery, locale: Locale) {
    const steps = query.covenantId
      ? await wholeOverview(context(), member, query.covenantId, { locale, lateOnly: query.late ?? false })
      : await wholeMyTasks(context(), member, locale);
    const search = query.search?.toLowerCase();
    const filtered = steps.filter(
      (step: StepView) =>
        (!query.late || step.late) &&
        (query.partnerId === undefined || step.responsible?.id === query.partnerId) &&
        (!query.crisis || (step.flags ?? []).includes('crisis')) &&
        (!query.children || (step.flags ?? []).includes('children')) &&
        (!search || step.caseId.toLowerCase().includes(search)),
    );
    return pageOf(sortedSteps(filtered, query.sort, query.order), query.page, query.pageSize);
  }

  const FILTERS: Partial<TasksQuery>[] = [
    {},
    { late: true },
    { crisis: true },
    { children: true },
    { crisis: true, children: true },
    { partnerId: 'partners-in-welzijn' },
    { partnerId: 'gemeente-sittard-geleen', late: true },
    { search: '-000' },
    { search: 'sit-2026-0004' },
  ];

  describe(`a page of Mijn taken from the store (${engine})`, () => {
    it('is the page the tab cut in memory, for every scope, filter, order and page', async () => {
      const readers: [Member, string | undefined][] = [
        [members.both, undefined],
        [members.both, LEK],
        [members.both, SIT],
        [members.ruud, SIT],
        [members.pim, SIT],
        [members.pim, undefined],
      ];
      let nonEmpty = 0;
      for (const [member, covenantId] of readers)
        for (const filter of FILTERS)
          for (const sort of ['deadline', 'caseId', 'partner', 'step'] as TaskSort[])
            for (const order of ['asc', 'desc'] as const)
              for (const [page, pageSize] of [
                [1, 50],
                [2, 3],
              ] as const) {
                const locale: Locale = sort === 'step' && order === 'desc' ? 'en' : 'nl';
                const query: TasksQuery = {
                  ...(covenantId ? { covenantId } : {}),
                  ...filter,
                  sort,
                  order,
                  page,
                  pageSize,
                };
                const expected = await pageInMemory(member, query, locale);
                if (expected.items.length > 0) nonEmpty++;
                expect(
                  await h.casework.tasksPage(member, query, locale),
                  JSON.stringify([member.userId, query]),
                ).toEqual(expected);
              }
      expect(nonEmpty).toBeGreaterThan(300);
    });

    it('spans every active membership without a covenant, and refuses an overview as the overview does', async () => {
      const mine = await h.casework.tasksPage(
        members.both,
        { sort: 'deadline', order: 'asc', page: 1, pageSize: 50 },
        'nl',
      );
      expect(new Set(mine.items.map((s) => s.covenantId))).toEqual(new Set([LEK, SIT]));
      const query = { covenantId: SIT, sort: 'deadline', order: 'asc', page: 1, pageSize: 50 } as const;
      await expect(h.casework.tasksPage(members.stranger, query, 'nl')).rejects.toMatchObject({
        refusal: { code: 'not_member' },
      });
      await expect(
        h.casework.tasksPage(members.both, { ...query, covenantId: 'dalfsen' }, 'nl'),
      ).rejects.toMatchObject({ refusal: { code: 'awaiting_approval' } });
    });
  });
}
