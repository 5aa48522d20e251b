import type { LiveDocument } from './packed-case.js';

/**
 * What each port of the lowdb store uses of the store (lowdb-store.ts): the live document, and
 * reads and changes that go through the store's one write queue.
 */
export interface LowdbAccess {
  /** The live document: look at it or change it only inside read() or mutate(). */
  doc(): LiveDocument;
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

// What goes into or comes out of the document is never shared with a caller (a JSON file's data).
export { copy } from '../../casework/json-copy.js';
