import type { Logger } from 'pino';
import type { TelemetrySettings } from './settings.js';
import { noTelemetry, type Telemetry, type TelemetrySources } from './telemetry.js';

/**
 * The OpenTelemetry SDK exporting over OTLP/HTTP to the configured endpoints, or `noTelemetry`
 * without settings: the SDK is only imported when it is used.
 */
export async function startTelemetry(
  settings: TelemetrySettings | undefined,
  sources: TelemetrySources,
  logger: Logger,
): Promise<Telemetry> {
  if (!settings) return noTelemetry;
  const { openTelemetry } = await import('./open-telemetry.js');
  const telemetry = openTelemetry(settings, sources);
  logger.info(
    {
      traces: shown(settings.tracesUrl),
      metrics: shown(settings.metricsUrl),
      service: settings.serviceName,
    },
    'telemetry: exporting over OTLP/HTTP',
  );
  return telemetry;
}

/** An endpoint for the log: without a user name, password or query that may hold a key. */
function shown(url: string | undefined): string {
  if (!url) return 'off';
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}
