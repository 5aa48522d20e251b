import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../bot/config.js';
import { tempDirs } from './helpers/temp-dirs.js';

// Start-up configuration (issue 8, points 6 and 7): an app id needs the tenants it serves, and
// local mode (no app id, so no token checks) refuses to start anywhere but on a laptop.

const ROOT = resolve(import.meta.dirname, '..');
const APP = { MicrosoftAppId: '00000000-0000-4000-8000-0000000000aa', MicrosoftAppPassword: 'secret' };

const tempDir = tempDirs('aanzet-config-');

describe('with an app id', () => {
  it('AANZET_ALLOWED_TENANTS is required, and the refusal names it', () => {
    expect(() => readConfig({ ...APP })).toThrow(/AANZET_ALLOWED_TENANTS/);
    expect(() => readConfig({ ...APP, AANZET_ALLOWED_TENANTS: ' , ' })).toThrow(/AANZET_ALLOWED_TENANTS/);
    expect(readConfig({ ...APP, AANZET_ALLOWED_TENANTS: 'a, b' }).allowedTenants).toEqual(['a', 'b']);
  });

  it('demo members are refused: they are for local mode only', () => {
    expect(() =>
      readConfig({ ...APP, AANZET_ALLOWED_TENANTS: 't', AANZET_DEMO_MEMBERS: 'bot/demo-members.yaml' }),
    ).toThrow(/AANZET_DEMO_MEMBERS is for local mode only/);
  });

  it('production and a database are fine', () => {
    const config = readConfig({
      ...APP,
      AANZET_ALLOWED_TENANTS: 't',
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/aanzet',
    });
    expect(config.localMode).toBe(false);
  });
});

describe('local mode (no app id) is for a laptop', () => {
  it('starts with nothing set, serving every tenant', () => {
    const config = readConfig({});
    expect(config.localMode).toBe(true);
    expect(config.allowedTenants).toEqual([]);
  });

  it('refuses NODE_ENV=production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(
      /NODE_ENV is production but MicrosoftAppId is empty/,
    );
  });

  it('refuses DATABASE_URL, unless a test asks for it in code', () => {
    expect(() => readConfig({ DATABASE_URL: 'postgres://db/aanzet' })).toThrow(
      /DATABASE_URL is set but MicrosoftAppId is empty/,
    );
    const config = readConfig(
      { DATABASE_URL: 'postgres://db/aanzet' },
      { localModeWithDatabaseForTests: true },
    );
    expect(config.databaseUrl).toBe('postgres://db/aanzet');
  });

  it('refuses any other Microsoft* variable (a misspelt app id), naming it', () => {
    for (const [name, value] of [
      ['MicrosoftAppID', APP.MicrosoftAppId],
      ['MICROSOFT_APP_ID', APP.MicrosoftAppId],
      ['MicrosoftAppPassword', 'secret'],
      ['MicrosoftAppTenantId', 'tenant'],
      ['MicrosoftAppType', 'SingleTenant'],
    ] as const)
      expect(() => readConfig({ [name]: value }), name).toThrow(
        new RegExp(`${name} is set but MicrosoftAppId is empty`),
      );
    // Set but empty is not set.
    expect(readConfig({ MicrosoftAppPassword: '' }).localMode).toBe(true);
  });
});

describe('the bot process refuses to start', () => {
  function startBot(env: Record<string, string>) {
    const dataDir = tempDir();
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !/^microsoft|^aanzet_|^database_url$|^node_env$/i.test(key),
      ),
    );
    return spawnSync(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: ROOT,
      env: { ...clean, PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  it('with an app id but no AANZET_ALLOWED_TENANTS, naming the variable', () => {
    const run = startBot({ ...APP });
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('AANZET_ALLOWED_TENANTS');
  });

  it('in local mode with NODE_ENV=production', () => {
    const run = startBot({ NODE_ENV: 'production' });
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toContain('NODE_ENV is production but MicrosoftAppId is empty');
  });
});

describe('the Agents Playground of `npm start`', () => {
  it('is bound to 127.0.0.1: servers in its process that name no address listen on loopback only', () => {
    const script = `
      const net = require('node:net'); const http = require('node:http');
      const a = net.createServer().listen(0, () => {
        const b = http.createServer().listen(() => {
          const c = net.createServer().listen({ port: 0 }, () => {
            console.log(JSON.stringify([a, b, c].map((s) => s.address().address)));
            [a, b, c].forEach((s) => s.close());
          });
        });
      });`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', './bot/loopback-only.ts', '-e', script],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
  });
});
