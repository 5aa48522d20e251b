import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { SpanKind, SpanStatusCode, ValueType, type Attributes } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { classifyHttpError } from '../delivery/send-failure.js';
import type { TelemetrySettings } from './settings.js';
import type { Telemetry, TelemetrySources } from './telemetry.js';

// Imported only when an OTLP endpoint is configured (start-telemetry.ts). The providers are
// this app's own, not registered globally: two apps in one process (tests) do not share them —
// but the 429 counter listens to the whole process's HTTP responses.

const SCOPE = 'aanzet';
/** node:http's diagnostics channel for a finished client response (Node 18.16 and later). */
const HTTP_RESPONSE_FINISHED = 'http.client.response.finish';
/** The Bot Connector REST API: sends, replies and updates of activities. */
const BOT_CONNECTOR_PATH = /^\/v3\/conversations\//;
/** Turn durations in milliseconds: a status lookup takes a few, a report on PostgreSQL hundreds. */
const TURN_BUCKETS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

export function openTelemetry(settings: TelemetrySettings, sources: TelemetrySources): Telemetry {
  const resource = resourceFromAttributes({ 'service.name': settings.serviceName });
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: settings.tracesUrl
      ? [
          new BatchSpanProcessor(
            new OTLPTraceExporter({ url: settings.tracesUrl, headers: settings.tracesHeaders }),
            { scheduledDelayMillis: settings.spanDelayMs },
          ),
        ]
      : [],
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: settings.metricsUrl
      ? [
          new PeriodicExportingMetricReader({
            exporter: new OTLPMetricExporter({ url: settings.metricsUrl, headers: settings.metricsHeaders }),
            exportIntervalMillis: settings.metricIntervalMs,
            exportTimeoutMillis: Math.min(30_000, settings.metricIntervalMs),
          }),
        ]
      : [],
  });
  const tracer = tracerProvider.getTracer(SCOPE);
  const meter = meterProvider.getMeter(SCOPE);

  const turnDuration = meter.createHistogram('aanzet.turn.duration', {
    description: 'How long a turn took, from admission to its answer',
    unit: 'ms',
    advice: { explicitBucketBoundaries: TURN_BUCKETS_MS },
  });
  const deliveries = meter.createCounter('aanzet.deliveries', {
    description: 'Outbox messages whose delivery ended, by result (sent, gone, failed)',
    valueType: ValueType.INT,
  });
  const throttled = meter.createCounter('aanzet.deliveries.throttled', {
    description: 'Answers 429 Too Many Requests from the Bot Connector service',
    valueType: ValueType.INT,
  });
  // Every 429 the Bot Connector answers, read where node:http finishes a response: also those
  // botbuilder's own client retries within one send (a 429 with Retry-After), which neither the
  // deliverer nor the delivery span sees, and those to a turn's replies.
  const countThrottled = (message: unknown) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    if (response.statusCode === 429 && BOT_CONNECTOR_PATH.test(request.path)) throttled.add(1);
  };
  subscribe(HTTP_RESPONSE_FINISHED, countThrottled);
  const outboxDepth = meter.createObservableGauge('aanzet.outbox.depth', {
    description: 'Outbox entries waiting to be sent (planned) or being sent (sending)',
    valueType: ValueType.INT,
  });
  outboxDepth.addCallback(async (result) => {
    // While the store is unreachable there is no figure: the gauge skips a collection then.
    const depth = await sources.outboxDepth();
    result.observe(depth.planned, { state: 'planned' });
    result.observe(depth.sending, { state: 'sending' });
  });

  return {
    turnStarted: () => {
      const started = performance.now();
      const span = tracer.startSpan('aanzet.turn', { kind: SpanKind.SERVER });
      return (facts) => {
        const attributes: Attributes = {
          'aanzet.turn.kind': facts.turn,
          'aanzet.conversation.kind': facts.conversation,
          'aanzet.turn.outcome': facts.outcome,
          ...(facts.route ? { 'aanzet.turn.route': facts.route } : {}),
        };
        span.setAttributes(attributes);
        // No exception event: an error's message may repeat what someone typed.
        if (facts.outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        turnDuration.record(performance.now() - started, attributes);
      };
    },
    delivery: async (messageKind, send) => {
      const span = tracer.startSpan('aanzet.delivery', {
        kind: SpanKind.CLIENT,
        attributes: { 'aanzet.message.kind': messageKind },
      });
      try {
        await send();
        span.setAttribute('aanzet.delivery.result', 'sent');
      } catch (error) {
        const failure = classifyHttpError(error);
        span.setAttributes({
          'aanzet.delivery.result': failure.status === 429 ? 'throttled' : 'failed',
          ...(failure.status !== undefined ? { 'http.response.status_code': failure.status } : {}),
          ...(failure.code !== undefined ? { 'error.type': failure.code } : {}),
        });
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
    delivered: (result) => deliveries.add(1, { result }),
    shutdown: async () => {
      unsubscribe(HTTP_RESPONSE_FINISHED, countThrottled);
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}
