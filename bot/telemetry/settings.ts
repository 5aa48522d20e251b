// Where OpenTelemetry data goes, read from the standard OTEL_* variables (the OpenTelemetry
// specification's names), without loading the SDK: with no endpoint nothing is started at all.

export interface TelemetrySettings {
  /** OTLP/HTTP URL for spans; undefined: no traces. */
  tracesUrl: string | undefined;
  /** OTLP/HTTP URL for metrics; undefined: no metrics. */
  metricsUrl: string | undefined;
  /** Sent with every export (OTEL_EXPORTER_OTLP_HEADERS and the signal's own), e.g. an API key. */
  tracesHeaders: Record<string, string>;
  metricsHeaders: Record<string, string>;
  serviceName: string;
  /** How often metrics are exported (OTEL_METRIC_EXPORT_INTERVAL, default 60 s). */
  metricIntervalMs: number;
  /** How long finished spans wait to be sent together (OTEL_BSP_SCHEDULE_DELAY, default 5 s). */
  spanDelayMs: number;
}

/**
 * The settings, or undefined when no OTLP endpoint is configured (or OTEL_SDK_DISABLED=true, or
 * both signals are set to 'none'). A value that cannot be used stops the start with its name.
 */
export function readTelemetrySettings(env: NodeJS.ProcessEnv): TelemetrySettings | undefined {
  if (value(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const base = url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const signal = (name: 'TRACES' | 'METRICS', path: string): string | undefined => {
    const exporter = value(env, `OTEL_${name}_EXPORTER`)?.toLowerCase();
    if (exporter === 'none') return undefined;
    if (exporter !== undefined && exporter !== 'otlp')
      throw new Error(`OTEL_${name}_EXPORTER: only 'otlp' or 'none' is supported, not '${exporter}'`);
    // The signal's own endpoint is used as given; the general one gets the signal's path.
    return url(env, `OTEL_EXPORTER_OTLP_${name}_ENDPOINT`) ?? (base ? joinPath(base, path) : undefined);
  };
  const tracesUrl = signal('TRACES', 'v1/traces');
  const metricsUrl = signal('METRICS', 'v1/metrics');
  if (!tracesUrl && !metricsUrl) return undefined;
  const common = headers(env, 'OTEL_EXPORTER_OTLP_HEADERS');
  return {
    tracesUrl,
    metricsUrl,
    tracesHeaders: { ...common, ...headers(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') },
    metricsHeaders: { ...common, ...headers(env, 'OTEL_EXPORTER_OTLP_METRICS_HEADERS') },
    serviceName: value(env, 'OTEL_SERVICE_NAME') ?? 'aanzet',
    metricIntervalMs: milliseconds(env, 'OTEL_METRIC_EXPORT_INTERVAL') ?? 60_000,
    spanDelayMs: milliseconds(env, 'OTEL_BSP_SCHEDULE_DELAY') ?? 5_000,
  };
}

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function url(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = value(env, name);
  if (v === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw new Error(`${name}: not a URL (expected e.g. http://otel-collector:4318)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`${name}: an OTLP/HTTP endpoint must be http:// or https://, not ${parsed.protocol}`);
  return parsed.toString();
}

function joinPath(base: string, path: string): string {
  return base.endsWith('/') ? `${base}${path}` : `${base}/${path}`;
}

function milliseconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const v = value(env, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name}: a whole number of milliseconds above 0, not '${v}'`);
  return n;
}

/** `key=value,key2=value2`, values percent-encoded (the specification's format). */
function headers(env: NodeJS.ProcessEnv, name: string): Record<string, string> {
  const v = value(env, name);
  if (v === undefined) return {};
  const result: Record<string, string> = {};
  for (const pair of v.split(',')) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at).trim();
    if (at <= 0 || key === '') throw new Error(`${name}: expected key=value pairs separated by commas`);
    try {
      result[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new Error(`${name}: the value of '${key}' is not valid percent-encoding`);
    }
  }
  return result;
}
