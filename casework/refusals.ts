import type { Actor } from './access.js';
import { normaliseCaseId } from './case/case-id.js';
import type { CaseworkContext } from './context.js';
import { NotAllowed } from './errors.js';

/**
 * Runs a use case on one case; a refusal (NotAllowed) is written to the audit log with the user,
 * their partner in the case's covenant, the case and the refusal code, then thrown on. A turn
 * that is allowed pays nothing for this.
 */
export async function auditRefusals<T>(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NotAllowed) await auditRefusal(ctx, actor, normaliseCaseId(caseId), error);
    throw error;
  }
}

async function auditRefusal(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  refusal: NotAllowed,
): Promise<void> {
  const summary = await ctx.deps.cases.getSummary(caseId);
  const membership = actor.memberships.find((m) => m.covenantId === summary?.covenantId);
  await ctx.audit({
    userId: actor.userId,
    partnerId: membership?.partnerId ?? null,
    action: 'refused',
    caseId: summary ? caseId : null,
    detail: `${refusal.refusal.code}: ${refusal.action}`,
  });
}
