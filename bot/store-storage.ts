import type { Storage, StoreItems } from 'botbuilder';
import { EtagConflict, type KeyValues } from '../casework/ports.js';

/** Dialog state left alone this long is deleted, with the personal data typed into it. */
export const DIALOG_STATE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * botbuilder's Storage over the project's store, so dialog and conversation state survive a
 * restart and are shared by every bot instance on the same store. eTags map to the store's etags.
 * Every write sets the entry to expire a TTL later: a flow left half way does not keep a
 * household's name, address and phone number for ever.
 */
export class StoreStorage implements Storage {
  constructor(
    private readonly keyValues: KeyValues,
    private readonly clock: () => Date = () => new Date(),
    private readonly ttlMs: number = DIALOG_STATE_TTL_MS,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.keyValues.get(keys, this.clock());
    const items: StoreItems = {};
    for (const [key, { value, etag }] of Object.entries(found))
      items[key] = { ...(value as Record<string, unknown>), eTag: etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const expiresAt = new Date(this.clock().getTime() + this.ttlMs).toISOString();
    const entries = Object.entries(changes).map(([key, item]) => {
      const { eTag, ...value } = item as Record<string, unknown> & { eTag?: string };
      return { key, value, expiresAt, ...(eTag ? { etag: eTag } : {}) };
    });
    try {
      await this.keyValues.set(entries);
    } catch (error) {
      // botbuilder's own storages say so in this form; BotState surfaces it to the turn.
      if (error instanceof EtagConflict)
        throw new Error(`Storage: error writing "${error.key}" due to eTag conflict.`);
      throw error;
    }
  }

  delete(keys: string[]): Promise<void> {
    return this.keyValues.delete(keys);
  }
}
