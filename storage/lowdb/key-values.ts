import { randomUUID } from 'node:crypto';
import { EtagConflict, type KeyValues } from '../../casework/ports.js';
import { copy, type LowdbAccess } from './access.js';

// Key values (dialog state) on the lowdb document, each with an etag and an optional expiry.

const expired = (entry: { expiresAt?: string }, now: Date | undefined) =>
  now !== undefined && entry.expiresAt !== undefined && Date.parse(entry.expiresAt) <= now.getTime();

export function lowdbKeyValues(access: LowdbAccess): KeyValues {
  const doc = () => access.doc();
  const isExpired = (key: string, now: Date) => {
    const entry = doc().keyValues[key];
    return entry !== undefined && expired(entry, now);
  };

  const sweep = async (now: Date, keys?: string[]): Promise<number> => {
    const candidates = keys ?? Object.keys(doc().keyValues);
    // Nothing to delete costs no write of the whole file.
    if (!candidates.some((key) => isExpired(key, now))) {
      access.assertUsable();
      return 0;
    }
    return access.mutate(() => {
      let removed = 0;
      for (const key of candidates) {
        if (isExpired(key, now) && delete doc().keyValues[key]) removed++;
      }
      return removed;
    });
  };

  return {
    get: async (keys, now) => {
      const found = access.read(() =>
        Object.fromEntries(
          keys.flatMap((k) => {
            const entry = doc().keyValues[k];
            return entry && !expired(entry, now) ? [[k, { value: entry.value, etag: entry.etag }]] : [];
          }),
        ),
      );
      // Swept on read too, so a left flow's personal data is gone as soon as anyone looks.
      if (now && keys.some((k) => isExpired(k, now))) await sweep(now, keys);
      return found;
    },
    set: (entries) => {
      const stored = copy(entries);
      return access.mutate(() => {
        for (const { key, etag } of stored) {
          if (etag !== undefined && etag !== '*' && doc().keyValues[key]?.etag !== etag)
            throw new EtagConflict(key);
        }
        for (const { key, value, expiresAt } of stored)
          doc().keyValues[key] = { value, etag: randomUUID(), ...(expiresAt ? { expiresAt } : {}) };
      });
    },
    delete: (keys) => access.mutate(() => keys.forEach((key) => delete doc().keyValues[key])),
    sweepExpired: (now) => sweep(now),
  };
}
