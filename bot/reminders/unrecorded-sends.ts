import type { Outbox } from '../../casework/ports.js';

/**
 * Sends the connector took while the store could not record them (the database went away in
 * between). Recorded first thing in the scheduler's next pass — before anything is claimed,
 * and long before their lease runs out and they would be claimed and sent again.
 */
export class UnrecordedSends {
  private readonly sentAt = new Map<string, string>();

  note(key: string, at: string): void {
    this.sentAt.set(key, at);
  }

  get keys(): string[] {
    return [...this.sentAt.keys()];
  }

  /** Records each as sent; throws (keeping the rest) while the store is still away. */
  async record(outbox: Outbox): Promise<void> {
    for (const [key, at] of this.sentAt) {
      await outbox.finish(key, { state: 'sent', at });
      this.sentAt.delete(key);
    }
  }
}
