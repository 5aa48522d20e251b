import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTelemetrySettings } from '../bot/telemetry/settings.js';
import { signalFor } from './helpers/casework-harness.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { startOtlpReceiver, type OtlpReceiver } from './helpers/otlp-receiver.js';
import { startRunningBot, type RunningBot } from './helpers/running-bot.js';
import { type TeamsUser, teamsUser as user, personalChat } from './helpers/teams-client.js';
import { until } from './helpers/until.js';

// Issue 13, point 5: OpenTelemetry traces and metrics over OTLP/HTTP when an endpoint is set —
// a span per turn and per send, turn durations, outbox depth, deliveries, 429s — carrying no
// personal data; and nothing at all (no request, no log line) without one. The real bot over
// HTTP, exporting to a local collector.

const TENANT = 'tenant-a';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros, who sent the signal
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL, whose step it is
const chat = (who: TeamsUser) => personalChat(who, TENANT);
const TYPED = 'Jan de Vries, Dukatenburg 12, 06-12345678';

let connector: FakeConnector;
let receiver: OtlpReceiver;
let bot: RunningBot | undefined;

beforeEach(async () => {
  connector = await startFakeConnector();
  receiver = await startOtlpReceiver();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await receiver.close();
  await connector.close();
});

async function startWithMembers(env: Record<string, string>): Promise<RunningBot> {
  bot = await startRunningBot({ connectorUrl: connector.url, env });
  for (const [who, partnerId] of [
    [SANNE, 'mitros'],
    [AHMED, 'wil'],
  ] as const)
    await bot.app.store.members.put({
      userId: who.aadObjectId,
      name: who.name,
      memberships: [{ covenantId: 'lekstroom', partnerId, roles: [], status: 'active' }],
    });
  return bot;
}

/** Turns that write, read, fail to parse, and a notice that Teams throttles once. */
async function aDayOfWork(running: RunningBot): Promise<string> {
  const { client, app } = running;
  await client.message(SANNE, chat(SANNE), 'help');
  await client.message(AHMED, chat(AHMED), 'help');
  await client.message(SANNE, chat(SANNE), TYPED);
  const sanne = (await app.store.members.get(SANNE.aadObjectId))!;
  const { caseId } = await app.casework.registerSignal(sanne, signalFor('lekstroom'));
  const version = (await app.store.cases.getSummary(caseId))!.version;
  const sentBefore = connector.sent.length;
  // The notice to Sanne is throttled three times: a 429 with Retry-After, which botbuilder's own
  // client waits out and retries unseen by AanZet's deliverer, then two without, which reach
  // the deliverer; sent after its back-off.
  connector.failNext(1, 429, 1);
  connector.failNext(2, 429, 0);
  const outcome = await client.invoke(AHMED, chat(AHMED), 'case.outcome', {
    caseId,
    version,
    outcomeId: 'regeling',
  });
  expect(outcome.status).toBe(200);
  await connector.waitFor((sent) => sent.length > sentBefore, 15_000);
  return caseId;
}

describe('with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('exports a span per turn and per send, and the turn, outbox and delivery metrics, as OTLP/JSON', async () => {
    const running = await startWithMembers({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_METRIC_EXPORT_INTERVAL: '200',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    await aDayOfWork(running);
    // Metrics while the bot runs (the periodic export), not only the flush at shutdown.
    await until(() => receiver.points().some((p) => p.metric === 'aanzet.deliveries'));
    await running.stop();
    bot = undefined;

    expect(new Set(receiver.requests.map((r) => r.path))).toEqual(new Set(['/v1/traces', '/v1/metrics']));
    for (const request of receiver.requests) expect(request.contentType).toMatch(/^application\/json/);

    const spans = receiver.spans();
    const turns = spans.filter((s) => s.name === 'aanzet.turn').map((s) => s.attributes);
    expect(turns).toEqual([
      turn('message', 'help'),
      turn('message', 'help'),
      turn('message', 'unknown'),
      turn('cardAction', 'case.outcome'),
    ]);
    const sends = spans.filter((s) => s.name === 'aanzet.delivery');
    const throttledSend = {
      'aanzet.message.kind': 'closed',
      'aanzet.delivery.result': 'throttled',
      'http.response.status_code': 429,
      'error.type': 'Failure',
    };
    expect(sends.map((s) => s.attributes)).toEqual([
      throttledSend,
      throttledSend,
      { 'aanzet.message.kind': 'closed', 'aanzet.delivery.result': 'sent' },
    ]);
    expect(sends[0]!.status?.code).toBe(2); // ERROR

    // Cumulative metrics: the last export has the totals.
    const last = (metric: string, attributes: Record<string, unknown> = {}) =>
      receiver
        .points()
        .filter((p) => p.metric === metric && matches(p.attributes, attributes))
        .at(-1);
    expect(last('aanzet.deliveries', { result: 'sent' })?.value).toBe(1);
    expect(connector.refusals.filter((r) => r.status === 429)).toHaveLength(3);
    expect(last('aanzet.deliveries.throttled')?.value).toBe(3); // every 429, also the one retried unseen
    expect(last('aanzet.turn.duration', turn('cardAction', 'case.outcome'))).toMatchObject({
      type: 'histogram',
      value: 1,
    });
    expect(last('aanzet.turn.duration', turn('message', 'help'))?.value).toBe(2);
    expect(last('aanzet.outbox.depth', { state: 'planned' })).toMatchObject({ type: 'gauge', value: 0 });
    expect(last('aanzet.outbox.depth', { state: 'sending' })?.value).toBe(0);
    expect(
      receiver.requests.some((r) => r.raw.includes('"service.name"') && r.raw.includes('"aanzet"')),
    ).toBe(true);
  });

  it('names nobody and repeats nothing typed, in any span or metric', async () => {
    const running = await startWithMembers({
      OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/`,
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    const caseId = await aDayOfWork(running);
    await running.stop();
    bot = undefined;
    const everything = receiver.requests.map((r) => r.raw).join('\n');
    expect(receiver.spans().length).toBeGreaterThanOrEqual(6);
    for (const secret of [
      'Sanne',
      'Ahmed',
      'aad-',
      '29:',
      'a:chat',
      TENANT,
      'Jan de Vries',
      'Dukatenburg',
      '06-12345678',
      caseId,
    ])
      expect(everything).not.toContain(secret);
  });

  it('a turn that fails has its outcome and an error status, and no error message', async () => {
    const running = await startWithMembers({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    connector.failNext(1, 400, undefined, 'BadArgument'); // the reply to 'help' is refused
    await running.client.message(SANNE, chat(SANNE), 'help');
    await running.stop();
    bot = undefined;
    const [failed] = receiver.spans().filter((s) => s.name === 'aanzet.turn');
    expect(failed).toMatchObject({
      attributes: { ...turn('message', 'help'), 'aanzet.turn.outcome': 'failed' },
      status: { code: 2 },
    });
    expect(JSON.stringify(failed)).not.toContain('fake connector');
  });

  it('the signal endpoints are used as given, and a signal set to none is not exported', async () => {
    const running = await startWithMembers({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/collector/spans`,
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    await running.client.message(SANNE, chat(SANNE), 'help');
    await running.stop();
    bot = undefined;
    expect(new Set(receiver.requests.map((r) => r.path))).toEqual(new Set(['/collector/spans']));
  });
});

describe('without an OTLP endpoint', () => {
  it('sends nothing and logs nothing about telemetry', async () => {
    // Where an SDK with default settings would send: localhost:4318 (when that port is free here).
    const defaultPort = await startOtlpReceiver(4318).catch(() => undefined);
    try {
      const running = await startWithMembers({
        OTEL_SERVICE_NAME: 'aanzet-test',
        OTEL_METRIC_EXPORT_INTERVAL: '100',
      });
      await aDayOfWork(running);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await running.stop();
      bot = undefined;
      expect(receiver.requests).toEqual([]);
      expect(defaultPort?.requests ?? []).toEqual([]);
      expect(running.logs.filter((l) => /telemetry|otel|otlp/i.test(JSON.stringify(l)))).toEqual([]);
    } finally {
      await defaultPort?.close();
    }
  });
});

describe('the OTEL_* settings', () => {
  it('are off without an endpoint, or when the SDK is disabled', () => {
    expect(readTelemetrySettings({})).toBeUndefined();
    expect(readTelemetrySettings({ OTEL_SERVICE_NAME: 'x' })).toBeUndefined();
    expect(
      readTelemetrySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_SDK_DISABLED: 'true',
      }),
    ).toBeUndefined();
  });

  it('refuse a value that cannot be used, naming the variable and not repeating a secret', () => {
    const refused = (env: Record<string, string>) => {
      try {
        readTelemetrySettings(env);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refused({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318 ' })).toMatch(
      /OTEL_EXPORTER_OTLP_ENDPOINT: an OTLP\/HTTP endpoint must be http:\/\/ or https:\/\//,
    );
    expect(refused({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toBe(
      'OTEL_EXPORTER_OTLP_ENDPOINT: not a URL (expected e.g. http://otel-collector:4318)',
    );
    expect(refused({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_METRIC_EXPORT_INTERVAL: '1m' })).toBe(
      "OTEL_METRIC_EXPORT_INTERVAL: a whole number of milliseconds above 0, not '1m'",
    );
    expect(refused({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'zipkin' })).toBe(
      "OTEL_TRACES_EXPORTER: only 'otlp' or 'none' is supported, not 'zipkin'",
    );
    const headers = refused({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'secret-token',
    });
    expect(headers).toBe('OTEL_EXPORTER_OTLP_HEADERS: expected key=value pairs separated by commas');
  });

  it('join the general endpoint with each signal’s path, and decode the headers', () => {
    expect(
      readTelemetrySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example:4318/otlp',
        OTEL_EXPORTER_OTLP_HEADERS: 'api-key=a%3Db,x=1',
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x=2',
      }),
    ).toMatchObject({
      tracesUrl: 'https://collector.example:4318/otlp/v1/traces',
      metricsUrl: 'https://collector.example:4318/otlp/v1/metrics',
      tracesHeaders: { 'api-key': 'a=b', x: '1' },
      metricsHeaders: { 'api-key': 'a=b', x: '2' },
      serviceName: 'aanzet',
    });
  });
});

function turn(kind: string, route: string): Record<string, unknown> {
  return {
    'aanzet.turn.kind': kind,
    'aanzet.turn.route': route,
    'aanzet.conversation.kind': 'personal',
    'aanzet.turn.outcome': 'answered',
  };
}

function matches(actual: Record<string, unknown>, expected: Record<string, unknown>): boolean {
  return Object.entries(expected).every(([key, value]) => actual[key] === value);
}
