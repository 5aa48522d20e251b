import type { StoreDocument } from '../store-document.js';

/**
 * What each port of the lowdb store uses of the store (lowdb-store.ts): the live document, and
 * reads and changes that go through the store's one write queue.
 */
export interface LowdbAccess {
  /** The live document: look at it or change it only inside read() or mutate(). */
  doc(): StoreDocument;
  /**
   * Applies a change in turn with the others and resolves once a write containing it has
   * finished, so whatever a caller has been told is on disk.
   */
  mutate<T>(apply: () => T): Promise<T>;
  /** Reads see every applied change; the copy keeps callers from changing stored state. */
  read<T>(get: () => T): T;
  /** Throws when the store is closed or refuses use after a failed write. */
  assertUsable(): void;
}

/**
 * A deep copy: what goes into or comes out of the document is never shared with a caller. The
 * document holds JSON data (it is read from and written to a JSON file), so a plain walk does it,
 * about nine times faster than structuredClone, which every read of every turn paid.
 */
export function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  // Anything but a plain object (a Date in a dialog's state) as before.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copied: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copied[key] = copy((value as Record<string, unknown>)[key]);
  return copied as T;
}
