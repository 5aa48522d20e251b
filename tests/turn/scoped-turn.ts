import { identify } from '../../bot/turn/identify.js';
import { buildScope } from '../../bot/turn/scope.js';
import type { Turn } from '../../bot/turn/turn.js';
import type { PlannedMessage } from '../../casework/ports.js';
import type { Harness } from '../helpers/casework-harness.js';

/** Runs identify and buildScope on the turn, as the chain does before the gate. */
export async function scoped(harness: Harness, turn: Turn): Promise<void> {
  const notifier = { tell: async (_notices: PlannedMessage[]) => {} };
  const scope = buildScope({ casework: harness.casework, store: harness.store, notifier });
  await identify(turn, () => scope(turn, async () => {}));
}
