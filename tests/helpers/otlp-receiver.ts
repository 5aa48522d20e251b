import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local OTLP/HTTP collector: it accepts every export (JSON, as @opentelemetry/exporter-*-otlp-http
// send) and keeps the requests, with helpers to read spans and metric points out of them.

export interface OtlpRequest {
  path: string;
  contentType: string;
  /** The body as sent, to check that nothing personal is in any of it. */
  raw: string;
  body: unknown;
}

export interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

export interface ReceivedSpan {
  name: string;
  kind: number;
  status?: { code?: number };
  attributes: Record<string, unknown>;
}

export interface ReceivedPoint {
  metric: string;
  type: 'sum' | 'gauge' | 'histogram';
  attributes: Record<string, unknown>;
  /** asInt / asDouble of a sum or gauge; count of a histogram. */
  value: number;
}

export interface OtlpReceiver {
  url: string;
  requests: OtlpRequest[];
  spans(): ReceivedSpan[];
  points(): ReceivedPoint[];
  close(): Promise<void>;
}

export async function startOtlpReceiver(port = 0): Promise<OtlpReceiver> {
  const requests: OtlpRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // Kept raw: the assertions on content type say what was expected.
      }
      requests.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', raw, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bodiesOf = (path: string) => requests.filter((r) => r.path === path).map((r) => r.body as Any);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    spans: () =>
      bodiesOf('/v1/traces').flatMap((body) =>
        list(body.resourceSpans).flatMap((rs) =>
          list(rs.scopeSpans).flatMap((ss) =>
            list(ss.spans).map((span) => ({
              name: String(span.name),
              kind: Number(span.kind),
              status: span.status as { code?: number },
              attributes: attributes(span.attributes),
            })),
          ),
        ),
      ),
    points: () =>
      bodiesOf('/v1/metrics').flatMap((body) =>
        list(body.resourceMetrics).flatMap((rm) =>
          list(rm.scopeMetrics).flatMap((sm) =>
            list(sm.metrics).flatMap((metric) =>
              (['sum', 'gauge', 'histogram'] as const).flatMap((type) =>
                list((metric[type] as Any | undefined)?.dataPoints).map((point) => ({
                  metric: String(metric.name),
                  type,
                  attributes: attributes(point.attributes),
                  value: Number(type === 'histogram' ? point.count : (point.asInt ?? point.asDouble)),
                })),
              ),
            ),
          ),
        ),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Any = Record<string, unknown>;
const list = (value: unknown): Any[] => (Array.isArray(value) ? (value as Any[]) : []);

/** OTLP's [{ key, value: { stringValue | intValue | … } }] as a plain object. */
function attributes(value: unknown): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const { key, value: v } of list(value) as unknown as OtlpAttribute[]) {
    const inner = Object.values(v)[0];
    result[key] = typeof inner === 'string' && 'intValue' in v ? Number(inner) : inner;
  }
  return result;
}
