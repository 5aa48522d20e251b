import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationTarget, Member } from '../casework/ports.js';
import { NotAllowed } from '../casework/errors.js';
import { openHarness, signalFor, type Harness } from './helpers/casework-harness.js';

// The Casework facade decides what the bot used to decide itself: who is told of an action,
// who may act on a step, and who may link a channel (with its audit line).

const LEK = 'lekstroom';
let h: Harness;
let sanne: Member;
let ahmed: Member;
let vera: Member;
let carla: Member;
beforeEach(async () => {
  h = await openHarness('2026-03-09');
  sanne = await h.member('sanne', LEK, 'mitros', [], 'Sanne Bakker');
  ahmed = await h.member('ahmed', LEK, 'wil', [], 'Ahmed El Amrani');
  vera = await h.member('vera', LEK, 'viveste', [], 'Vera de Boer');
  carla = await h.member('carla', LEK, 'wil', ['coordinator-vroeg-eropaf'], 'Carla Jansen');
});
afterEach(async () => h.close());

const noticesOf = (notices: { kind: string; partnerId: string; userId?: string }[]) =>
  notices.map((n) => `${n.kind} ${n.partnerId}${n.userId ? ` ${n.userId}` : ''}`);

describe('who is told', () => {
  it('after a registration: the responsible partner; after a joined signal the coordinator too', async () => {
    const first = await h.casework.registerSignal(sanne, signalFor(LEK));
    expect(noticesOf(first.notices)).toEqual(['registered wil']);
    expect(first.notices[0]).toMatchObject({
      caseId: first.caseId,
      about: { version: first.loaded.state.version },
    });

    const joined = await h.casework.registerSignal(vera, signalFor(LEK));
    expect(joined.joined).toBe(true);
    expect(noticesOf(joined.notices)).toEqual(['registered wil', 'joined wil carla']);
  });

  it('after an outcome: the signaller when it closes, the next partner when it hands over', async () => {
    const closing = await h.casework.registerSignal(sanne, signalFor(LEK));
    const closed = await h.casework.logOutcome(ahmed, closing.caseId, closing.loaded.record.version, {
      outcomeId: 'regeling',
      solutions: [],
    });
    expect(noticesOf(closed.notices)).toEqual(['closed mitros']);

    const handing = await h.casework.registerSignal(sanne, signalFor(LEK, { houseNumber: 40 }));
    const handed = await h.casework.logOutcome(ahmed, handing.caseId, handing.loaded.record.version, {
      outcomeId: 'wijkteam',
      solutions: [],
    });
    const next = handed.state.step!;
    expect(next.id).toBe('hulp-sociaal-wijkteam');
    expect(noticesOf(handed.notices)).toEqual([`handover ${next.responsiblePartnerId}`]);
  });

  it('a membership request asks each coordinator; a decision tells the requester once', async () => {
    const request = await h.casework.requestMembership({ userId: 'nina', name: 'Nina' }, LEK, 'mitros');
    expect(noticesOf(request.notices)).toEqual(['approval wil carla']);
    const approved = await h.casework.decideMembership(carla, 'nina', LEK, true);
    expect(noticesOf(approved.notices)).toEqual(['membership mitros nina']);
    const again = await h.casework.decideMembership(carla, 'nina', LEK, false);
    expect(again).toMatchObject({ changed: false, notices: [], approvedByName: 'Carla Jansen' });
  });
});

describe('may act on the step (casework/access.ts), as the case view says', () => {
  it('the step owner and the coordinator may, another corporation may not', async () => {
    const { caseId } = await h.casework.registerSignal(sanne, signalFor(LEK));
    const view = (actor: Member) =>
      h.casework.caseView(actor, caseId, { locale: 'nl', withPersonalData: false });
    expect(await view(ahmed)).toMatchObject({ mayAct: true, viewerIsCoordinator: false });
    expect(await view(carla)).toMatchObject({ mayAct: true, viewerIsCoordinator: true });
    expect(await view(vera)).toMatchObject({ mayAct: false, viewerIsCoordinator: false });
  });
});

describe('koppel kanaal', () => {
  const channel: ConversationTarget = {
    id: '19:wil@thread.tacv2',
    kind: 'channel',
    tenantId: 't',
    teamId: 'team-wil',
    reference: {},
    updatedAt: '2026-03-01T09:00:00.000Z',
  };
  const inChannel = { id: channel.id, kind: 'channel' } as const;

  it('links the channel to the member’s organisation once, with an audit line', async () => {
    await h.store.conversations.put(channel);
    const linked = await h.casework.linkChannel(ahmed, inChannel);
    expect(linked).toEqual([
      {
        covenantId: LEK,
        covenantName: h.covenant(LEK).name,
        partnerId: 'wil',
        partnerName: 'WIL — Werk en Inkomen Lekstroom',
      },
    ]);
    expect((await h.store.conversations.get(channel.id))!.links).toEqual([
      { covenantId: LEK, partnerId: 'wil' },
    ]);
    await h.casework.linkChannel(carla, inChannel); // same partner: nothing new
    expect((await h.store.conversations.get(channel.id))!.links).toHaveLength(1);
    const audit = await h.store.audit.list({});
    expect(audit.filter((a) => a.detail.startsWith('linked channel'))).toEqual([
      expect.objectContaining({ userId: 'ahmed', partnerId: 'wil', action: 'change', caseId: null }),
    ]);
  });

  it('refuses outside a team channel and for someone awaiting approval', async () => {
    await h.store.conversations.put(channel);
    await expect(h.casework.linkChannel(ahmed, { id: 'a:personal', kind: 'personal' })).rejects.toMatchObject(
      { refusal: { code: 'channel_only' } },
    );
    const pending: Member = {
      userId: 'nina',
      name: 'Nina',
      memberships: [{ covenantId: LEK, partnerId: 'mitros', roles: [], status: 'pending' }],
    };
    await expect(h.casework.linkChannel(pending, inChannel)).rejects.toBeInstanceOf(NotAllowed);
    expect((await h.store.conversations.get(channel.id))!.links).toBeUndefined();
  });
});
