import { describe, expect, it } from 'vitest';
import { admitActivity, isJsonContentType, isLocalHostHeader, isLocalUrl } from '../bot/admission.js';

// The HTTP edge's rules on their own (the server tests are in http-edge.test.ts).

const LOCAL = { localMode: true, allowedTenants: [] };
const SERVED = { localMode: false, allowedTenants: ['tenant-a'] };
const activity = (overrides: Record<string, unknown> = {}) => ({
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:56150/_connector',
  conversation: { tenantId: 'tenant-a' },
  channelData: { tenant: { id: 'tenant-a' } },
  ...overrides,
});

describe('admitActivity', () => {
  it("local mode accepts the Agents Playground's events that carry the tenant id in one place only", () => {
    expect(admitActivity(activity({ channelData: undefined }), LOCAL)).toEqual({
      admitted: true,
      tenantId: 'tenant-a',
    });
    expect(admitActivity(activity({ conversation: {} }), LOCAL)).toEqual({
      admitted: true,
      tenantId: 'tenant-a',
    });
  });

  it('with an app id both places are required, and must agree ignoring case', () => {
    expect(admitActivity(activity({ channelData: undefined }), SERVED).admitted).toBe(false);
    expect(admitActivity(activity({ conversation: { tenantId: 'TENANT-A' } }), SERVED).admitted).toBe(true);
    expect(admitActivity(activity({ conversation: { tenantId: 'tenant-b' } }), SERVED)).toEqual({
      admitted: false,
      reason: 'conversation.tenantId and channelData.tenant.id disagree',
    });
  });

  it('a tenant id that is not a string, or blank, is no tenant id', () => {
    const odd = activity({ conversation: { tenantId: 42 }, channelData: { tenant: { id: '  ' } } });
    expect(admitActivity(odd, LOCAL)).toEqual({ admitted: false, reason: 'no tenant id' });
  });

  it('with an app id any serviceUrl is fine (the token names it); in local mode only this machine', () => {
    const teams = activity({ serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect(admitActivity(teams, SERVED).admitted).toBe(true);
    expect(admitActivity(teams, LOCAL).admitted).toBe(false);
  });
});

describe('what counts as this machine and as JSON', () => {
  it('Host headers', () => {
    for (const host of ['127.0.0.1:3978', 'localhost:3978', 'localhost', '[::1]:3978', '127.8.9.10'])
      expect(isLocalHostHeader(host), host).toBe(true);
    for (const host of [
      undefined,
      '',
      'attacker.example',
      '127.0.0.1.nip.io:3978',
      '0.0.0.0:3978',
      '[::]:3978',
    ])
      expect(isLocalHostHeader(host), String(host)).toBe(false);
  });

  it('URLs: http or https on loopback only', () => {
    expect(isLocalUrl('http://localhost:56150/_connector')).toBe(true);
    expect(isLocalUrl('file:///etc/passwd')).toBe(false);
    expect(isLocalUrl('http://user@attacker.example/')).toBe(false);
  });

  it('content types', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    for (const type of [
      undefined,
      'text/plain',
      'application/jsonp',
      'application/json-seq',
      'multipart/form-data',
    ])
      expect(isJsonContentType(type), String(type)).toBe(false);
  });
});
