import type { Actor } from '../access.js';
import type { CaseworkContext, LoadedCase } from '../context.js';
import { handle } from './handle.js';

// A signal for a household that already has an open case joins that case. The coordinator sees
// each join and may undo it: a made-up signal must not buy another organisation a seat.

/**
 * Takes a joined signal off the case (the coordinator only): the signal no longer counts, the
 * flags it brought are dropped, and what its partner entered is removed from the personal part.
 */
export function undoJoin(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  joinSeq: number,
): Promise<LoadedCase> {
  return handle(ctx, actor, caseId, expectedVersion, { type: 'undo_join', input: { joinSeq } });
}
