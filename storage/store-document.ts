import { z } from 'zod';
import type { CaseRecord } from '../casework/case/types.js';
import type { AuditEntry, ConversationTarget, Member, OutboxEntry, Versioned } from '../casework/ports.js';

// The one JSON document the lowdb adapter keeps on disk, and its check on load.

export const FORMAT_VERSION = 1;

export interface StoreDocument {
  formatVersion: typeof FORMAT_VERSION;
  cases: Record<string, CaseRecord>;
  /** Key `${covenantId}:${year}`: the last case number handed out. */
  caseCounters: Record<string, number>;
  members: Record<string, Member>;
  audit: AuditEntry[];
  /** expiresAt (ISO): the entry is gone from then on (bot dialog state that was left). */
  keyValues: Record<string, Versioned & { expiresAt?: string }>;
  conversations: Record<string, ConversationTarget>;
  outbox: Record<string, OutboxEntry>;
}

export function emptyDocument(): StoreDocument {
  return {
    formatVersion: FORMAT_VERSION,
    cases: dictionary({}),
    caseCounters: dictionary({}),
    members: dictionary({}),
    audit: [],
    keyValues: dictionary({}),
    conversations: dictionary({}),
    outbox: dictionary({}),
  };
}

/**
 * The store writes ids as keys into these objects: without a prototype, no id (`__proto__`,
 * `constructor`) can reach or replace Object.prototype, and a lookup finds own keys only.
 */
export function dictionary<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

// Checked: the top level, and the fields the store itself indexes and queries, so a damaged
// record stops the start-up with its path instead of failing a query later. The rest of a
// record belongs to the domain; loose objects keep it as it is.
const nullableString = z.string().nullable();
const summaryShape = z.looseObject({
  caseId: z.string(),
  covenantId: z.string(),
  status: z.enum(['open', 'closed', 'purged']),
  version: z.number().int().nonnegative(),
  responsiblePartnerId: nullableString,
  deadline: nullableString,
  participants: z.array(z.string()),
  closedAt: nullableString,
  purgeAfter: nullableString,
});
export const caseShape = z.looseObject({
  id: z.string().min(1),
  covenantId: z.string().min(1),
  version: z.number().int().nonnegative(),
  householdKey: nullableString,
  personal: z.looseObject({}).nullable(),
  events: z.array(z.looseObject({})),
  summary: summaryShape,
});
const memberShape = z.looseObject({
  userId: z.string().min(1),
  name: z.string(),
  memberships: z.array(z.looseObject({ covenantId: z.string(), partnerId: z.string() })),
});
export const auditShape = z.looseObject({ at: z.string(), userId: z.string(), caseId: nullableString });
const outboxShape = z.looseObject({
  key: z.string().min(1),
  state: z.enum(['planned', 'sending', 'sent', 'failed']),
  notBefore: z.string(),
  leaseUntil: nullableString,
});
const conversationShape = z.looseObject({
  id: z.string().min(1),
  kind: z.enum(['personal', 'groupChat', 'channel']),
  tenantId: z.string(),
});

// Strict at the top: an unknown key (written by a newer AanZet) would otherwise be dropped
// silently by the next write.
const documentShape = z
  .strictObject({
    formatVersion: z.literal(FORMAT_VERSION),
    cases: z.record(z.string(), caseShape),
    caseCounters: z.record(z.string(), z.number().int().nonnegative()),
    members: z.record(z.string(), memberShape),
    audit: z.array(auditShape),
    keyValues: z.record(
      z.string(),
      z.strictObject({ value: z.unknown(), etag: z.string(), expiresAt: z.iso.datetime().optional() }),
    ),
    conversations: z.record(z.string(), conversationShape),
    outbox: z.record(z.string(), outboxShape),
  })
  .superRefine((doc, ctx) => {
    for (const [key, record] of Object.entries(doc.cases))
      if (record.id !== key)
        ctx.addIssue({ code: 'custom', path: ['cases', key, 'id'], message: 'differs from its key' });
    for (const [key, member] of Object.entries(doc.members))
      if (member.userId !== key)
        ctx.addIssue({ code: 'custom', path: ['members', key, 'userId'], message: 'differs from its key' });
  });

/** Parses the file's text; anything else than a valid document is an Error naming the file and why. */
export function parseDocument(text: string, file: string): StoreDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message}); the file was left as it is`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version !== FORMAT_VERSION)
    throw new Error(
      `${file}: formatVersion ${version} is not supported (this AanZet reads ${FORMAT_VERSION})`,
    );
  const result = documentShape.safeParse(json);
  if (!result.success) {
    const reasons = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
    throw new Error(
      `${file}: not an AanZet data file: ${reasons.join('; ')}${more}; the file was left as it is`,
    );
  }
  // The shape the store relies on is checked above; the domain fields inside are the domain's own.
  const doc = result.data as unknown as StoreDocument;
  return {
    ...doc,
    cases: dictionary(doc.cases),
    caseCounters: dictionary(doc.caseCounters),
    members: dictionary(doc.members),
    keyValues: dictionary(doc.keyValues),
    conversations: dictionary(doc.conversations),
    outbox: dictionary(doc.outbox),
  };
}
