import { requireCoordinator, type Actor } from '../access.js';
import { authorOf, type CaseworkContext, type LoadedCase } from '../context.js';
import { CaseClosed, InvalidInput } from '../errors.js';

// A signal for a household that already has an open case joins that case. The coordinator sees
// each join and may undo it: a made-up signal must not buy another organisation a seat.

/**
 * Takes a joined signal off the case (the coordinator only): the signal no longer counts, the
 * flags it brought are dropped, and what its partner entered is removed from the personal part.
 */
export async function undoJoin(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  joinSeq: number,
): Promise<LoadedCase> {
  const loaded = await ctx.load(caseId);
  ctx.requireVersion(loaded, expectedVersion);
  if (loaded.state.status !== 'open') throw new CaseClosed(loaded.record.id);
  const membership = requireCoordinator(actor, loaded.covenant, 'undo a joined signal');
  const join = loaded.state.joins.find((j) => j.seq === joinSeq);
  if (!join) throw new InvalidInput({ joinSeq: 'dit signaal hoort niet (meer) bij de casus' });
  const personal = loaded.record.personal;
  return ctx.commit(
    loaded,
    [{ type: 'join_undone', joinSeq, partnerId: join.partnerId }],
    authorOf(actor, membership.partnerId),
    {
      userId: actor.userId,
      partnerId: membership.partnerId,
      action: 'change',
      detail: `joined signal (event ${joinSeq}) of ${join.partnerId} undone, its entry removed`,
    },
    personal ? { ...personal, joined: (personal.joined ?? []).filter((j) => j.seq !== joinSeq) } : undefined,
  );
}
