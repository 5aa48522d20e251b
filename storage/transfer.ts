import type { Store } from '../casework/ports.js';
import { messageKeyOf } from './outbox-message-key.js';

// Copies one store into another through the ports only, so it works between any two engines
// (lowdb → PostgreSQL is the case that matters), then counts both sides.

export interface TransferReport {
  cases: number;
  events: number;
  members: number;
  audit: number;
  conversations: number;
  outbox: number;
  caseCounters: number;
}

export class TransferRefused extends Error {}

async function count(store: Store): Promise<Omit<TransferReport, 'caseCounters'>> {
  const summaries = await store.cases.listSummaries({});
  const events = summaries.reduce((sum, s) => sum + s.version, 0);
  return {
    cases: summaries.length,
    events,
    members: (await store.members.list()).length,
    audit: (await store.audit.list({})).length,
    conversations: (await store.conversations.list({})).length,
    outbox: (await store.outbox.list({})).length,
  };
}

/**
 * Copies cases (with their histories, summaries and personal data), case numbers, members, the
 * audit log, conversation references and the outbox. Dialog state is not copied: a card flow
 * under way simply starts again. Refuses a target that already holds cases.
 */
export async function transferStore(source: Store, target: Store): Promise<TransferReport> {
  if ((await target.cases.listSummaries({})).length > 0)
    throw new TransferRefused('the target store already holds cases; copy into an empty database');

  const summaries = await source.cases.listSummaries({});
  const highest = new Map<string, number>();
  for (const summary of summaries) {
    const record = (await source.cases.get(summary.caseId))!;
    await target.cases.create(record);
    // Human ids are PREFIX-YEAR-NNNN; the target must go on counting after the highest copied.
    const match = /-(\d{4})-(\d+)$/.exec(record.id);
    if (match) {
      const key = `${record.covenantId}:${match[1]}`;
      highest.set(key, Math.max(highest.get(key) ?? 0, Number(match[2])));
    }
  }
  for (const [key, number] of highest) {
    const [covenantId, year] = key.split(':') as [string, string];
    while ((await target.cases.nextCaseNumber(covenantId, Number(year))) < number) {
      // the counter only moves forward, one number at a time
    }
  }
  for (const member of await source.members.list()) await target.members.put(member);
  for (const entry of await source.audit.list({})) await target.audit.append(entry);
  for (const conversation of await source.conversations.list({}))
    await target.conversations.put(conversation);
  for (const entry of await source.outbox.list({})) {
    const { state, attempts: _a, reclaimed: _r, leaseUntil: _l, sentAt, lastError, ...message } = entry;
    // Entry by entry, also the further conversations of a message already copied.
    await target.outbox.planTargets([{ ...message, messageKey: messageKeyOf(entry) }]);
    if (state === 'sent')
      await target.outbox.finish(entry.key, { state: 'sent', at: sentAt ?? entry.notBefore });
    if (state === 'failed')
      await target.outbox.finish(entry.key, { state: 'failed', error: lastError ?? 'failed' });
    // 'sending' was cut off mid-send in the old process: planned again, it goes out once more.
  }

  const [before, after] = [await count(source), await count(target)];
  for (const key of Object.keys(before) as (keyof typeof before)[])
    if (before[key] !== after[key])
      throw new Error(
        `verification failed: ${key} ${before[key]} in the source, ${after[key]} in the target`,
      );
  return { ...after, caseCounters: highest.size };
}
