import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  createBotFrameworkAuthenticationFromConfiguration,
  type ConversationReference,
} from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyHttpError, Deliverer, type DeliveryJob } from '../bot/delivery/deliverer.js';
import { minimumSpanMs, tenantLimits } from '../bot/delivery/rate-limits.js';
import {
  postMessage,
  startThrottlingConnector,
  type ThrottlingConnector,
} from './helpers/throttling-connector.js';

// Real time, real HTTP: the Deliverer posting to a local connector that enforces the Teams
// limits. Small batches, so this file runs in seconds.

let connector: ThrottlingConnector | undefined;
afterEach(async () => {
  await connector?.close();
  connector = undefined;
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function fetchJobs(
  url: string,
  conversations: number,
  perConversation: number,
  tenantId = 't1',
): DeliveryJob[] {
  return range(perConversation).flatMap((i) =>
    range(conversations).map((c) => {
      const key = `c${c}-m${i}`;
      return { key, conversationId: `c${c}`, tenantId, send: () => postMessage(url, `c${c}`, tenantId, key) };
    }),
  );
}

function expectAllOnceInOrder(c: ThrottlingConnector, jobs: DeliveryJob[]): void {
  const texts = c.accepted.map((a) => a.activity.text);
  expect(new Set(texts).size).toBe(texts.length); // no duplicates
  expect(texts).toHaveLength(jobs.length); // no loss
  const conversations = new Set(jobs.map((j) => j.conversationId));
  for (const id of conversations) {
    const expected = jobs.filter((j) => j.conversationId === id).map((j) => j.key);
    expect(c.accepted.filter((a) => a.conversationId === id).map((a) => a.activity.text)).toEqual(expected);
  }
}

describe('Deliverer against the throttling connector', () => {
  it('never gets a 429 when it keeps the limits, and takes about the minimum time', async () => {
    const c = (connector = await startThrottlingConnector({ tenantLimits: tenantLimits(10) }));
    const deliverer = new Deliverer({ tenantLimits: tenantLimits(10) });
    const jobs = fetchJobs(c.url, 3, 10);
    const started = Date.now();
    const results = await deliverer.deliver(jobs);
    const ms = Date.now() - started;

    expect(results.every((r) => r.outcome === 'sent' && r.attempts === 1)).toBe(true);
    expect(c.throttled).toBe(0);
    expectAllOnceInOrder(c, jobs);
    const minimum = Math.max(
      minimumSpanMs(30, tenantLimits(10)),
      minimumSpanMs(10, [{ count: 7, perMs: 1000 }]),
    );
    expect(minimum).toBe(2000);
    expect(ms).toBeGreaterThanOrEqual(minimum);
    expect(ms).toBeLessThan(minimum * 1.5); // loose: other test files share the two cores
  });

  it('is throttled with a too permissive limiter (so the connector enforces) and still delivers all', async () => {
    const c = (connector = await startThrottlingConnector());
    const deliverer = new Deliverer({
      conversationLimits: [{ count: 100, perMs: 1000 }],
      tenantLimits: tenantLimits(1000),
    });
    const jobs = fetchJobs(c.url, 2, 10);
    const results = await deliverer.deliver(jobs);

    expect(c.throttled).toBeGreaterThan(0);
    expect(deliverer.stats.throttled).toBe(c.throttled);
    expect(results.every((r) => r.outcome === 'sent')).toBe(true);
    expectAllOnceInOrder(c, jobs);
  });

  it('retries 503s, and stops at a conversation that is gone (through fetch and botbuilder)', async () => {
    const c = (connector = await startThrottlingConnector());
    c.markGone('c1', 'blocked');
    c.markGone('c2', 'not-found');
    c.failNext(2, 503);
    const adapter = new CloudAdapter(
      createBotFrameworkAuthenticationFromConfiguration(
        null,
        new ConfigurationServiceClientCredentialFactory({}),
      ),
    );
    // c2 goes through botbuilder's ConnectorClient, like the bot's proactive sends.
    const viaBotbuilder = (key: string): DeliveryJob => ({
      key,
      conversationId: 'c2',
      tenantId: 't1',
      send: () => {
        const reference: Partial<ConversationReference> = {
          channelId: 'msteams',
          serviceUrl: c.url,
          conversation: { id: 'c2', tenantId: 't1', isGroup: false, conversationType: 'personal', name: '' },
          bot: { id: '28:aanzet', name: 'AanZet' },
        };
        return adapter.continueConversationAsync('', reference, async (context) => {
          await context.sendActivity(key);
        });
      },
    });
    const jobs = [
      ...fetchJobs(c.url, 3, 3).filter((j) => j.conversationId !== 'c2'),
      viaBotbuilder('b0'),
      viaBotbuilder('b1'),
    ];
    const deliverer = new Deliverer({ backoffBaseMs: 20 });
    const results = await deliverer.deliver(jobs);

    const byKey = Object.fromEntries(results.map((r) => [r.key, r]));
    expect(['c0-m0', 'c0-m1', 'c0-m2'].map((k) => byKey[k]!.outcome)).toEqual(['sent', 'sent', 'sent']);
    expect(byKey['c1-m0']).toMatchObject({
      outcome: 'gone',
      attempts: 1,
      error: { status: 403, code: 'ConversationBlockedByUser' },
    });
    expect(byKey['c1-m1']).toMatchObject({ outcome: 'gone', attempts: 0 });
    expect(byKey['b0']).toMatchObject({
      outcome: 'gone',
      attempts: 1,
      error: { status: 404, code: 'ConversationNotFound' },
    });
    expect(byKey['b1']).toMatchObject({ outcome: 'gone', attempts: 0 });
    expect(c.refused.filter((r) => r.conversationId === 'c1' || r.conversationId === 'c2')).toHaveLength(2);
    expect(deliverer.stats).toMatchObject({ sent: 3, retried: 2, gone: 5, throttled: 0 });
  });

  it('classifies the errors botbuilder and fetch really throw', async () => {
    const c = (connector = await startThrottlingConnector());
    c.markGone('blocked');
    const adapter = new CloudAdapter(
      createBotFrameworkAuthenticationFromConfiguration(
        null,
        new ConfigurationServiceClientCredentialFactory({}),
      ),
    );
    const send = (id: string) =>
      adapter.continueConversationAsync(
        '',
        {
          channelId: 'msteams',
          serviceUrl: c.url,
          conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
        },
        async (context) => void (await context.sendActivity('hi')),
      );
    const caught = async (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      );

    const blocked = await caught(send('blocked'));
    expect((blocked as Error).name).toBe('RestError');
    expect(classifyHttpError(blocked)).toEqual({ status: 403, code: 'ConversationBlockedByUser' });
    // ConnectorClient retries 429 itself (3 times, honouring Retry-After) before it throws.
    c.failNext(4, 429, 0);
    expect(classifyHttpError(await caught(send('busy')))).toEqual({
      status: 429,
      code: 'ServiceError',
      retryAfterMs: 0,
    });

    const closedPort = new URL(c.url).port;
    await c.close();
    connector = undefined;
    const refused = await caught(postMessage(`http://127.0.0.1:${closedPort}/`, 'x', 't1', 'hi'));
    expect(classifyHttpError(refused)).toMatchObject({ code: 'ECONNREFUSED', timeout: true });
  });
});
