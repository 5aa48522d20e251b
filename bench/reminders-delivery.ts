import { pathToFileURL } from 'node:url';
import { Deliverer, type DeliveryJob } from '../bot/delivery/deliverer.js';
import { minimumSpanMs, TEAMS_CONVERSATION_LIMITS, tenantLimits } from '../bot/delivery/rate-limits.js';
import { postMessage, startThrottlingConnector } from '../tests/helpers/throttling-connector.js';
import { round } from './measure.js';

// (b) Delivery of reminders to a local connector that enforces the Teams limits (429 when
// broken): real Deliverer, real time, real HTTP. The yardstick is the theoretical minimum:
// the time the last message can go at the earliest, given both the per-conversation windows
// and the tenant's 50/s.

export interface DeliveryBenchFigures {
  delivery_vs_minimum: number;
  throttled: number;
  lost: number;
  duplicated: number;
  seconds: number;
  minimum_seconds: number;
  messages: number;
  conversations: number;
}

const TENANT = 'tenant-bench';

export async function runDeliveryBench(options: { quick: boolean }): Promise<DeliveryBenchFigures> {
  const conversations = options.quick ? 60 : 300;
  const perConversation = 10;
  const messages = conversations * perConversation;
  // Lower bounds, each exact for one key (sending as early as allowed is optimal there): the
  // last of one conversation's 10 (7 at 0 s, the 8th at 1 s, the 9th and 10th at 2 s) and the
  // last of the tenant's N (50 per second: at ⌊(N-1)/50⌋ s). Virtual-time tests show the
  // Deliverer reaching the larger one, so it is the minimum.
  const minimumMs = Math.max(
    minimumSpanMs(perConversation, TEAMS_CONVERSATION_LIMITS),
    minimumSpanMs(messages, tenantLimits()),
  );

  const connector = await startThrottlingConnector();
  // A running bot has a warm HTTP client: open fetch's connections (one per request of the
  // first burst of 50) in a tenant of their own, so the figure is not about socket set-up.
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      postMessage(connector.url, `warm-up-${i}`, 'tenant-warm-up', 'warm-up'),
    ),
  );
  const keys: string[] = [];
  const jobs: DeliveryJob[] = [];
  // Reminders come out of the plan interleaved: round robin over the conversations.
  for (let i = 0; i < perConversation; i++) {
    for (let c = 0; c < conversations; c++) {
      const conversationId = `19:bench-${c}@thread.v2`;
      const key = `${conversationId}#${i}`;
      keys.push(key);
      jobs.push({
        key,
        conversationId,
        tenantId: TENANT,
        send: () => postMessage(connector.url, conversationId, TENANT, key),
      });
    }
  }

  const deliverer = new Deliverer();
  const started = performance.now();
  const results = await deliverer.deliver(jobs);
  const seconds = (performance.now() - started) / 1000;
  await connector.close();

  const delivered = connector.accepted
    .filter((a) => a.tenantId === TENANT)
    .map((a) => String(a.activity.text));
  const unique = new Set(delivered);
  const lost = keys.filter((k) => !unique.has(k)).length;
  const duplicated = delivered.length - unique.size;
  let outOfOrder = 0;
  const next = new Map<string, number>();
  for (const key of delivered) {
    const [id = '', i] = key.split('#');
    if (Number(i) !== (next.get(id) ?? 0)) outOfOrder++;
    next.set(id, (next.get(id) ?? 0) + 1);
  }
  const notSent = results.filter((r) => r.outcome !== 'sent').length;

  const figures: DeliveryBenchFigures = {
    delivery_vs_minimum: round(seconds / (minimumMs / 1000), 3),
    throttled: connector.throttled,
    lost,
    duplicated,
    seconds: round(seconds, 2),
    minimum_seconds: minimumMs / 1000,
    messages,
    conversations,
  };
  console.log(
    `delivery: ${messages} reminders over ${conversations} conversations in ${figures.seconds} s ` +
      `(minimum ${figures.minimum_seconds} s, ×${figures.delivery_vs_minimum}); ` +
      `429s ${figures.throttled}, lost ${lost}, duplicated ${duplicated}, out of order ${outOfOrder}, ` +
      `not sent ${notSent}`,
  );
  return figures;
}

// `tsx bench/reminders-delivery.ts [--quick]` runs it alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runDeliveryBench({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify({ bench: 'reminders-delivery', ...figures }));
}
