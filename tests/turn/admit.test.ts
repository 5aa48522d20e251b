import { describe, expect, it } from 'vitest';
import { admitted } from '../../bot/turn/admit.js';
import { fakeTurn, recordingLogger, TENANT } from './fake-turn.js';

const message = { kind: 'message', text: 'help' } as const;

async function passes(overrides: Parameters<typeof fakeTurn>[1], allowedTenants = [TENANT]) {
  const { logger, lines } = recordingLogger();
  const { turn } = fakeTurn(message, overrides);
  let wentOn = false;
  await admitted({ localMode: false, allowedTenants }, logger)(turn, async () => {
    wentOn = true;
  });
  return { wentOn, lines: lines() };
}

describe('admission in the chain', () => {
  it('lets a Teams turn of a served tenant go on', async () => {
    expect((await passes({})).wentOn).toBe(true);
  });

  it('ends a turn from another channel with a warning, as the HTTP edge would refuse it', async () => {
    const { wentOn, lines } = await passes({
      envelope: {
        channelId: 'webchat',
        serviceUrl: 'https://example.org/',
        conversation: { tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      },
    });
    expect(wentOn).toBe(false);
    expect(lines).toMatchObject([{ level: 40, msg: 'turn refused', channelId: 'webchat' }]);
  });

  it('ends a turn of a tenant that is not served', async () => {
    expect((await passes({}, ['another-tenant'])).wentOn).toBe(false);
  });
});
