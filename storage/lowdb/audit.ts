import type { AuditEntry, AuditLog } from '../../casework/ports.js';
import { copy, type LowdbAccess } from './access.js';
import { mergeByTime } from './case-archive.js';

// The audit log on the lowdb document: one list in order, with positions indexed by case and by
// user so that a case's or a person's entries are found without walking the whole log. The list
// in memory is the whole log: the archived entries (of cases moved to the archive files, merged
// by time) followed, by time, by the live document's; a move to the archive changes files only.

export class AuditIndex {
  private readonly byCase = new Map<string, number[]>();
  private readonly byUser = new Map<string, number[]>();
  private readonly entries: AuditEntry[];

  constructor(
    private readonly live: () => AuditEntry[],
    archived: AuditEntry[] = [],
  ) {
    this.entries = mergeByTime(archived, live());
    this.entries.forEach((entry, i) => this.index(entry, i));
  }

  /** Inside mutate: appends the entries to the live log and indexes them. */
  add(entries: AuditEntry[]): void {
    for (const entry of entries) {
      this.live().push(entry);
      this.index(entry, this.entries.push(entry) - 1);
    }
  }

  /** Inside read: the entries of a case and/or a person, in log order. */
  find({ caseId, userId }: { caseId?: string; userId?: string }): AuditEntry[] {
    const lists: number[][] = [];
    if (caseId !== undefined) lists.push(this.byCase.get(caseId) ?? []);
    if (userId !== undefined) lists.push(this.byUser.get(userId) ?? []);
    const positions = lists.sort((a, b) => a.length - b.length)[0];
    const entries = positions ? positions.map((i) => this.entries[i]!) : this.entries;
    return entries.filter(
      (e) => (caseId === undefined || e.caseId === caseId) && (userId === undefined || e.userId === userId),
    );
  }

  private index(entry: AuditEntry, position: number): void {
    const add = (map: Map<string, number[]>, key: string) => {
      const list = map.get(key);
      if (list) list.push(position);
      else map.set(key, [position]);
    };
    if (entry.caseId !== null) add(this.byCase, entry.caseId);
    add(this.byUser, entry.userId);
  }
}

export function lowdbAudit(access: LowdbAccess, index: AuditIndex): AuditLog {
  return {
    append: (entry) => {
      const stored = copy(entry);
      return access.mutate(() => index.add([stored]));
    },
    list: async (filter) => access.read(() => index.find(filter)),
  };
}
