import type { Storage, StoreItems } from 'botbuilder';
import { EtagConflict, type KeyValues } from '../casework/ports.js';

/**
 * botbuilder's Storage over the project's store, so dialog and conversation state survive a
 * restart and are shared by every bot instance on the same store. eTags map to the store's etags.
 */
export class StoreStorage implements Storage {
  constructor(private readonly keyValues: KeyValues) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.keyValues.get(keys);
    const items: StoreItems = {};
    for (const [key, { value, etag }] of Object.entries(found))
      items[key] = { ...(value as Record<string, unknown>), eTag: etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes).map(([key, item]) => {
      const { eTag, ...value } = item as Record<string, unknown> & { eTag?: string };
      return { key, value, ...(eTag ? { etag: eTag } : {}) };
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
