import type { OutboxEntry } from '../casework/ports.js';

/**
 * The message key of an entry, also for entries written before it was stored: their key was
 * `messageKey|conversationId`, or `messageKey|goneConversationId|reroute|conversationId`.
 * (Migration 2 derives it the same way in SQL.)
 */
export function messageKeyOf(entry: Pick<OutboxEntry, 'key'> & { messageKey?: string }): string {
  if (entry.messageKey) return entry.messageKey;
  const direct = entry.key.split('|reroute|')[0]!;
  return direct.slice(0, Math.max(0, direct.lastIndexOf('|')));
}
