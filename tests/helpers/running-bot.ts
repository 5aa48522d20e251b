import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startApp, type App } from '../../bot/app.js';
import { readConfig, type ConfigOptions } from '../../bot/config.js';
import { TeamsClient } from './teams-client.js';

// The real app on a free port with its log lines kept, for the tests of the HTTP edge, the
// dialog state expiry and readiness. Stop it with stop(): the data folder goes too.

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface RunningBot {
  app: App;
  client: TeamsClient;
  logs: LogLine[];
  dataDir: string;
  stop(): Promise<void>;
}

export async function startRunningBot(options: {
  connectorUrl: string;
  env?: Record<string, string>;
  clock?: () => Date;
  configOptions?: ConfigOptions;
  app?: Parameters<typeof startApp>[1];
  dataDir?: string;
}): Promise<RunningBot> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aanzet-edge-'));
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const config = readConfig(
    { PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off', ...options.env },
    options.configOptions,
  );
  const app = await startApp(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.app,
    logger: pino({ level: 'info' }, sink),
  });
  return {
    app,
    client: new TeamsClient(app.server.url, options.connectorUrl),
    logs,
    dataDir,
    stop: async () => {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A raw HTTP request, for what fetch will not send (another Host header). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
