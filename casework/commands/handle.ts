import { requireCoordinator, requireParticipant, requireStepActor, type Actor } from '../access.js';
import { toIsoDate } from '../covenant/calendar.js';
import type { PersonalData } from '../case/types.js';
import { authorOf, type CaseworkContext, type LoadedCase } from '../context.js';
import { CaseClosed } from '../errors.js';
import type { Membership } from '../ports.js';
import type { Covenant } from '../covenant/covenant.js';
import { COMMAND_ACCESS, decide, type CaseCommand } from './decisions/case-commands.js';
import { orThrow, type Decided, type Facts, type PersonalChange } from './decisions/decision.js';

// The one way a command changes a case: load, check the version, authorise, decide (pure),
// then commit with the special rules and the audit line in one write.

export async function handle(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  command: CaseCommand,
): Promise<LoadedCase> {
  const loaded = await ctx.load(caseId);
  ctx.requireVersion(loaded, expectedVersion);
  if (loaded.state.status !== 'open') throw new CaseClosed(loaded.record.id);
  const membership = authorise(actor, loaded, command);
  const decided = orThrow(decide(loaded.state, command, factsFor(ctx, loaded.covenant, membership)));
  return commitDecided(ctx, actor, loaded, membership, decided);
}

function authorise(actor: Actor, { covenant, state }: LoadedCase, command: CaseCommand): Membership {
  const { who, action } = COMMAND_ACCESS[command.type];
  if (who === 'coordinator') return requireCoordinator(actor, covenant, action);
  if (who === 'participant') return requireParticipant(actor, covenant, state, action);
  return requireStepActor(actor, covenant, state, action);
}

/** What a decision may know besides the case, read once per command. */
export function factsFor(ctx: CaseworkContext, covenant: Covenant, membership: Membership): Facts {
  const now = ctx.now();
  return {
    covenant,
    calendar: ctx.calendar(covenant),
    now,
    today: toIsoDate(now),
    membership,
  };
}

/** Commits a decision on a loaded case (no events: the case as it is); also for a joining signal. */
export async function commitDecided(
  ctx: CaseworkContext,
  actor: Actor,
  loaded: LoadedCase,
  membership: Membership,
  decided: Decided,
): Promise<LoadedCase> {
  if (decided.events.length === 0) return loaded;
  const partnerId = membership.partnerId;
  return ctx.commit(
    loaded,
    decided.events,
    authorOf(actor, partnerId),
    { userId: actor.userId, partnerId, action: 'change', detail: decided.detail },
    decided.personal && changedPersonal(loaded, partnerId, decided.personal, ctx.now()),
  );
}

/** The personal part after the change; undefined leaves it as stored (e.g. when there is none). */
function changedPersonal(
  loaded: LoadedCase,
  partnerId: string,
  change: PersonalChange,
  now: Date,
): PersonalData | undefined {
  const personal = loaded.record.personal;
  if (change.kind === 'note') {
    const note = {
      at: now.toISOString(),
      byPartnerId: partnerId,
      text: change.text,
      visibleTo: change.visibleTo,
    };
    return { ...personal!, notes: [...personal!.notes, note] };
  }
  if (!personal) return undefined;
  if (change.kind === 'joined_entry') {
    const entry = {
      seq: loaded.record.version + 1,
      partnerId,
      at: now.toISOString(),
      household: change.household,
    };
    return { ...personal, joined: [...(personal.joined ?? []), entry] };
  }
  if (change.kind === 'drop_joined_entry')
    return { ...personal, joined: (personal.joined ?? []).filter((j) => j.seq !== change.joinSeq) };
  // A reason belongs to the first event of this commit.
  const reason = { seq: loaded.record.version + 1, byPartnerId: partnerId, text: change.text };
  return { ...personal, reasons: [...(personal.reasons ?? []), reason] };
}
