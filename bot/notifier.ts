import type { Casework } from '../casework/casework.js';
import type { AddressedMessage, Store } from '../casework/ports.js';
import type { PlannedMessage } from '../casework/ports.js';
import type { Notifier } from '../dialogs/scope.js';
import { addressed } from './reminders/targets.js';

/**
 * Notices go into the outbox, addressed like reminders, and `wake` has them delivered right
 * after the turn (the scheduler's kick). The turn never waits for a send, a throttled chat or
 * the connector's retries: it answers with its own card at once.
 */
export class OutboxNotifier implements Notifier {
  constructor(
    private readonly casework: Casework,
    private readonly store: Store,
    private readonly wake: () => void,
  ) {}

  async tell(notices: PlannedMessage[]): Promise<void> {
    const messages: AddressedMessage[] = [];
    for (const notice of notices)
      messages.push(...(await addressed(this.store, this.casework.covenant(notice.covenantId), notice)));
    // A repeated turn (a double click, a retried invoke) plans nothing new: nothing to wake for.
    if (messages.length > 0 && (await this.store.outbox.plan(messages)) > 0) this.wake();
  }
}
