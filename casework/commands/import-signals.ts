import { activeMembership, isCoordinator, type Actor } from '../access.js';
import { householdKey, type OutsideCriteria } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import { InvalidInput, NotAllowed, type FieldError } from '../errors.js';
import type { Membership } from '../ports.js';
import { isRefused } from './decisions/decision.js';
import { decideRegistration } from './decisions/registration.js';
import { factsFor } from './handle.js';
import { parseInput, registerSignalInput, type RegisterSignalInput } from './inputs.js';
import { registerSignal } from './register-signal.js';

// Many signals at once (npm run import): every row is checked as the register card checks it
// (the same schema and rules), a row already imported is skipped by its source id, the rest go
// through the same registerSignal, household matching included. One audit line for the run.

export interface ImportRow {
  /** The row's number in the file, for the report. */
  row: number;
  /** The row's id in the sender's system: importing it again finds it here. */
  sourceId: string;
  /** The signalling partner; absent: the importing member's own organisation. */
  partnerId?: string;
  /** The signal as the register card would send it (covenantId is the import's). */
  input: Omit<RegisterSignalInput, 'covenantId'>;
  /** What the file's reader already found wrong (an amount that is no amount): refused as is. */
  errors?: Record<string, FieldError>;
}

export type RowOutcome =
  /** outsideCriteria: recorded and closed at once as "Niet opgepakt: onterecht signaal" (DDAS). */
  | {
      row: number;
      outcome: 'imported';
      caseId: string;
      joined: boolean;
      outsideCriteria: OutsideCriteria | null;
    }
  | { row: number; outcome: 'duplicate'; caseId: string }
  | { row: number; outcome: 'refused'; error: InvalidInput | NotAllowed };

export interface ImportOptions {
  covenantId: string;
  /** Named in the audit line. */
  fileName: string;
  /** One refused row: nothing is written. */
  allOrNothing?: boolean;
  /** Check every row, write nothing. */
  dryRun?: boolean;
}

export interface ImportReport {
  covenantId: string;
  rows: RowOutcome[];
  imported: number;
  joined: number;
  /** Imported rows outside the covenant's criteria, recorded as not taken up. */
  notTakenUp: number;
  duplicates: number;
  refused: number;
  /** False for a dry run, or when all-or-nothing met a refused row. */
  written: boolean;
}

/** Households written at the same time: their writes share the store's group commit. */
const PARALLEL_HOUSEHOLDS = 256;

interface CheckedRow {
  row: ImportRow;
  actor: Actor;
  input: RegisterSignalInput;
  household: string;
}

export async function importSignals(
  ctx: CaseworkContext,
  actor: Actor,
  rows: ImportRow[],
  options: ImportOptions,
): Promise<ImportReport> {
  const covenant = ctx.covenant(options.covenantId);
  const membership = activeMembership(actor, covenant, 'import signals');
  const outcomes: RowOutcome[] = [];
  const checked: CheckedRow[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const result = await checkRow(ctx, actor, membership, row, options.covenantId, seen);
    if ('outcome' in result) outcomes.push(result);
    else checked.push(result);
  }
  const refusedBefore = outcomes.some((o) => o.outcome === 'refused');
  const written = !options.dryRun && !(options.allOrNothing && refusedBefore);
  if (written) outcomes.push(...(await registerAll(ctx, checked)));
  const report = summarise(options.covenantId, outcomes, written);
  await ctx.audit({
    userId: actor.userId,
    partnerId: membership.partnerId,
    action: 'change',
    caseId: null,
    detail:
      `import of "${options.fileName}"${options.dryRun ? ' (dry run)' : ''}: ${rows.length} rows, ` +
      `${report.imported} imported (${report.joined} joined an open case, ${report.notTakenUp} not taken up), ` +
      `${report.duplicates} imported before, ${report.refused} refused` +
      (written ? '' : ', nothing written'),
  });
  return report;
}

/** A row's checks without writing: who may send it, imported before, the register card's rules. */
async function checkRow(
  ctx: CaseworkContext,
  actor: Actor,
  membership: Membership,
  row: ImportRow,
  covenantId: string,
  seen: Set<string>,
): Promise<CheckedRow | RowOutcome> {
  const covenant = ctx.covenant(covenantId);
  const refuse = (field: string, code: string, params?: Record<string, string>): RowOutcome => ({
    row: row.row,
    outcome: 'refused',
    error: new InvalidInput({ [field]: params ? { code, params } : { code } }),
  });
  if (row.errors) return { row: row.row, outcome: 'refused', error: new InvalidInput(row.errors) };
  const partnerId = row.partnerId ?? membership.partnerId;
  if (!covenant.partners.some((p) => p.id === partnerId))
    return refuse('partnerId', 'import_unknown_partner', { partner: partnerId });
  // A coordinator imports for any signalling partner; anyone else for their own organisation.
  if (partnerId !== membership.partnerId && !isCoordinator(covenant, membership))
    return refuse('partnerId', 'import_not_your_partner', { partner: partnerId });
  if (row.sourceId.trim() === '') return refuse('sourceId', 'required', { field: 'sourceId' });
  const slot = `${partnerId}\u0000${row.sourceId}`;
  if (seen.has(slot)) return refuse('sourceId', 'import_source_twice', { source: row.sourceId });
  seen.add(slot);
  const known = await ctx.deps.cases.findBySource(covenantId, partnerId, row.sourceId);
  if (known !== undefined) return { row: row.row, outcome: 'duplicate', caseId: known };

  const input: RegisterSignalInput = { ...row.input, covenantId };
  const asPartner: Membership = { ...membership, partnerId };
  const rowActor: Actor = {
    ...actor,
    memberships: actor.memberships.map((m) => (m === membership ? asPartner : m)),
  };
  try {
    const parsed = parseInput(registerSignalInput, input);
    const decided = decideRegistration(parsed, factsFor(ctx, covenant, asPartner));
    if (isRefused(decided)) return { row: row.row, outcome: 'refused', error: decided.refused };
    return { row, actor: rowActor, input, household: householdKey(parsed.household) };
  } catch (error) {
    if (error instanceof InvalidInput) return { row: row.row, outcome: 'refused', error };
    throw error;
  }
}

/**
 * Registers the checked rows: one household's rows in file order (the first opens the case,
 * the next join it), different households side by side.
 */
async function registerAll(ctx: CaseworkContext, checked: CheckedRow[]): Promise<RowOutcome[]> {
  const byHousehold = new Map<string, CheckedRow[]>();
  for (const c of checked) byHousehold.set(c.household, [...(byHousehold.get(c.household) ?? []), c]);
  const queue = [...byHousehold.values()];
  const outcomes: RowOutcome[] = [];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift())
      for (const { row, actor, input } of group) {
        try {
          const done = await registerSignal(ctx, actor, input, row.sourceId);
          outcomes.push({
            row: row.row,
            outcome: 'imported',
            caseId: done.caseId,
            joined: done.joined,
            outsideCriteria: done.outsideCriteria,
          });
        } catch (error) {
          if (!(error instanceof InvalidInput || error instanceof NotAllowed)) throw error;
          outcomes.push({ row: row.row, outcome: 'refused', error });
        }
      }
  };
  await Promise.all(Array.from({ length: PARALLEL_HOUSEHOLDS }, worker));
  return outcomes;
}

function summarise(covenantId: string, outcomes: RowOutcome[], written: boolean): ImportReport {
  const rows = [...outcomes].sort((a, b) => a.row - b.row);
  const count = (test: (o: RowOutcome) => boolean) => rows.filter(test).length;
  return {
    covenantId,
    rows,
    imported: count((o) => o.outcome === 'imported'),
    joined: count((o) => o.outcome === 'imported' && o.joined),
    notTakenUp: count((o) => o.outcome === 'imported' && o.outsideCriteria !== null),
    duplicates: count((o) => o.outcome === 'duplicate'),
    refused: count((o) => o.outcome === 'refused'),
    written,
  };
}
