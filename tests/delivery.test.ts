import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../bot/delivery/clock.js';
import {
  classifyHttpError,
  Deliverer,
  type DelivererOptions,
  type DeliveryJob,
  type SendFailure,
} from '../bot/delivery/deliverer.js';
import {
  minimumSpanMs,
  SlidingWindowLimiter,
  TEAMS_CONVERSATION_LIMITS,
  tenantLimits,
  type RateWindow,
} from '../bot/delivery/rate-limits.js';

// The delivery logic on virtual time: a fake Teams service that enforces the sliding windows
// itself (429 when broken), so every test also proves "never faster than allowed".

interface Accepted {
  key: string;
  conversationId: string;
  tenantId: string;
  at: number;
}

class FakeTeams {
  readonly accepted: Accepted[] = [];
  readonly attempts: { key: string; at: number }[] = [];
  throttled = 0;
  /** Failures to throw for a key, one per attempt, before it succeeds. */
  readonly script = new Map<string, SendFailure[]>();

  constructor(
    readonly clock: VirtualClock,
    private readonly options: {
      conversationLimits?: readonly RateWindow[];
      tenantLimits?: readonly RateWindow[];
      /** Virtual ms before the request arrives and after it was handled (random when a function). */
      latency?: () => number;
    } = {},
  ) {}

  job(key: string, conversationId: string, tenantId = 't1'): DeliveryJob {
    return { key, conversationId, tenantId, send: () => this.send(key, conversationId, tenantId) };
  }

  private async send(key: string, conversationId: string, tenantId: string): Promise<void> {
    const latency = this.options.latency;
    if (latency) await this.clock.sleep(latency());
    const at = this.clock.now();
    this.attempts.push({ key, at });
    const scripted = this.script.get(key)?.shift();
    if (scripted) throw scripted;
    const wait = Math.max(
      waitFor(
        this.accepted.filter((a) => a.conversationId === conversationId).map((a) => a.at),
        this.options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS,
        at,
      ),
      waitFor(
        this.accepted.filter((a) => a.tenantId === tenantId).map((a) => a.at),
        this.options.tenantLimits ?? tenantLimits(),
        at,
      ),
    );
    if (wait > 0) {
      this.throttled++;
      throw { status: 429, retryAfterMs: wait } satisfies SendFailure;
    }
    this.accepted.push({ key, conversationId, tenantId, at });
    if (latency) await this.clock.sleep(latency());
  }

  keysOf(conversationId: string): string[] {
    return this.accepted.filter((a) => a.conversationId === conversationId).map((a) => a.key);
  }
}

/** How long a send at `at` must wait so that no window holds `count` earlier accepted sends. */
function waitFor(times: number[], windows: readonly RateWindow[], at: number): number {
  let wait = 0;
  for (const { count, perMs } of windows) {
    const inWindow = times.filter((t) => t > at - perMs).sort((a, b) => a - b);
    if (inWindow.length >= count) wait = Math.max(wait, inWindow[inWindow.length - count]! + perMs - at);
  }
  return wait;
}

/** Independent check: the largest number of sends in any window, per window. */
function worstWindows(times: number[], windows: readonly RateWindow[]): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  return windows.map(({ perMs }) => {
    let worst = 0;
    let lo = 0;
    for (let hi = 0; hi < sorted.length; hi++) {
      while (sorted[lo]! <= sorted[hi]! - perMs) lo++;
      let end = hi;
      while (end + 1 < sorted.length && sorted[end + 1] === sorted[hi]) end++;
      worst = Math.max(worst, end - lo + 1);
    }
    return worst;
  });
}

function setup(options: DelivererOptions = {}, fake: ConstructorParameters<typeof FakeTeams>[1] = {}) {
  const clock = new VirtualClock();
  const teams = new FakeTeams(clock, fake);
  const deliverer = new Deliverer({ clock, random: () => 0.5, ...options });
  return { clock, teams, deliverer };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('SlidingWindowLimiter', () => {
  it('gives the exact earliest time under 7/1 s, 8/2 s, 60/30 s and 1800/h', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_CONVERSATION_LIMITS);
    for (let i = 0; i < 7; i++) limiter.record('c', 0);
    expect(limiter.earliest('c', 0)).toBe(1000); // 7 in (t-1 s, t]
    limiter.record('c', 1000);
    expect(limiter.earliest('c', 1000)).toBe(2000); // 8 in (t-2 s, t]
    expect(limiter.earliest('other', 5)).toBe(5);
    expect(minimumSpanMs(10, TEAMS_CONVERSATION_LIMITS)).toBe(2000);
    // 8 per 2 s up to the 60th at 14 s; then the 60/30 s window repeats the first 30 s.
    expect(minimumSpanMs(100, TEAMS_CONVERSATION_LIMITS)).toBe(39_000);
    expect(minimumSpanMs(1801, [{ count: 1800, perMs: 3_600_000 }])).toBe(3_600_000);
    expect(minimumSpanMs(3000, tenantLimits())).toBe(59_000);
    expect(minimumSpanMs(600, tenantLimits())).toBe(11_000);
  });

  it('counts sends under way in every window until they settle', () => {
    const limiter = new SlidingWindowLimiter(tenantLimits(3));
    limiter.begin('t');
    limiter.begin('t');
    expect(limiter.earliest('t', 0)).toBe(0);
    limiter.begin('t');
    expect(limiter.earliest('t', 0)).toBe(Infinity);
    limiter.end('t', 40);
    expect(limiter.earliest('t', 50)).toBe(1040); // two under way + one done fill the window
    limiter.end('t', 60);
    limiter.end('t', 90);
    expect(limiter.earliest('t', 100)).toBe(1040);
  });

  it('keeps memory bounded: at most the largest count per key, nothing older than the longest window', () => {
    const limiter = new SlidingWindowLimiter(TEAMS_CONVERSATION_LIMITS);
    for (let i = 0; i < 10_000; i++) limiter.record('c', i * 100);
    expect(limiter.size).toBeLessThanOrEqual(1800);
    limiter.record('d', 0);
    limiter.prune(10_000 * 100 + 3_600_000);
    expect(limiter.size).toBe(0);
  });

  it('hands its times to another limiter, which then keeps the same windows (the sender’s turn)', () => {
    const one = new SlidingWindowLimiter(tenantLimits(3));
    one.record('t', 100);
    one.record('t', 200);
    one.begin('t'); // under way: counted as now
    one.record('old', -5_000); // out of every window by now: left out
    const times = one.times(300);
    expect(times).toEqual({ t: [100, 200, 300] });

    const two = new SlidingWindowLimiter(tenantLimits(3));
    two.record('t', 250); // its own older knowledge is replaced, not added
    two.replaceTimes({ ...times, bad: ['x', null], worse: 'not a list' }, 300);
    expect(two.earliest('t', 300)).toBe(1_100);
    expect(two.earliest('bad', 300)).toBe(300);
  });
});

describe('Deliverer on virtual time', () => {
  it('sends 100 messages to one conversation in exactly the minimum time, no window broken', async () => {
    const { teams, deliverer } = setup();
    const results = await deliverer.deliver(range(100).map((i) => teams.job(`m${i}`, 'c1')));
    expect(results.every((r) => r.outcome === 'sent' && r.attempts === 1)).toBe(true);
    const times = teams.accepted.map((a) => a.at);
    expect(Math.max(...times)).toBe(39_000);
    expect(worstWindows(times, TEAMS_CONVERSATION_LIMITS)).toEqual([7, 8, 60, 100]);
    expect(teams.keysOf('c1')).toEqual(range(100).map((i) => `m${i}`));
    expect(teams.throttled).toBe(0);
  });

  it('keeps the windows on arrival when requests take a random time to travel', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) % 200) + 1; // 1..200 ms
    const { teams, deliverer } = setup({}, { latency: random });
    const jobs = range(6).flatMap((c) => range(40).map((i) => teams.job(`c${c}-${i}`, `c${c}`)));
    const results = await deliverer.deliver(jobs);
    expect(results.every((r) => r.outcome === 'sent')).toBe(true);
    expect(teams.throttled).toBe(0);
    for (let c = 0; c < 6; c++) {
      const times = teams.accepted.filter((a) => a.conversationId === `c${c}`).map((a) => a.at);
      const [perSecond, perTwo] = worstWindows(times, TEAMS_CONVERSATION_LIMITS);
      expect(perSecond).toBeLessThanOrEqual(7);
      expect(perTwo).toBeLessThanOrEqual(8);
    }
  });

  it('runs conversations in parallel; one waiting for its window does not hold up the others', async () => {
    const { teams, deliverer } = setup(
      { tenantLimits: tenantLimits(1000) },
      { tenantLimits: tenantLimits(1000) },
    );
    const busy = range(20).map((i) => teams.job(`busy-${i}`, 'busy'));
    const others = range(20).flatMap((c) => range(7).map((i) => teams.job(`o${c}-${i}`, `o${c}`)));
    await deliverer.deliver([...busy, ...others, teams.job('last', 'late')]);
    const at = (key: string) => teams.accepted.find((a) => a.key === key)!.at;
    expect(others.every((job) => at(job.key) === 0)).toBe(true);
    expect(at('last')).toBe(0);
    expect(at('busy-19')).toBe(minimumSpanMs(20, TEAMS_CONVERSATION_LIMITS));
    expect(teams.throttled).toBe(0);
  });

  it('holds 50/s per tenant across 300 conversations and reaches the minimum of the benchmark', async () => {
    const { teams, deliverer, clock } = setup();
    const jobs = range(10).flatMap((i) => range(300).map((c) => teams.job(`c${c}-${i}`, `c${c}`)));
    const results = await deliverer.deliver(jobs);
    expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(3000);
    expect(clock.now()).toBe(59_000);
    expect(
      worstWindows(
        teams.accepted.map((a) => a.at),
        tenantLimits(),
      ),
    ).toEqual([50]);
    expect(teams.throttled).toBe(0);
    expect(new Set(teams.accepted.map((a) => a.key)).size).toBe(3000);
    for (const c of [0, 150, 299]) expect(teams.keysOf(`c${c}`)).toEqual(range(10).map((i) => `c${c}-${i}`));
  });

  it('keeps tenants apart: each gets its own 50/s', async () => {
    const { teams, deliverer, clock } = setup();
    const jobs = ['t1', 't2'].flatMap((t) =>
      range(50).flatMap((c) => range(2).map((i) => teams.job(`${t}-${c}-${i}`, `${t}-c${c}`, t))),
    );
    await deliverer.deliver(jobs);
    expect(teams.accepted).toHaveLength(200);
    expect(clock.now()).toBe(1000); // one shared tenant would need 3 s
  });

  it('shares the windows between consecutive batches', async () => {
    const { teams, deliverer } = setup();
    await deliverer.deliver(range(7).map((i) => teams.job(`a${i}`, 'c')));
    await deliverer.deliver([teams.job('b', 'c')]);
    expect(teams.accepted.at(-1)).toMatchObject({ key: 'b', at: 1000 });
  });

  it('waits for Retry-After on 429 for that conversation only, then delivers everything', async () => {
    const { teams, deliverer } = setup();
    teams.script.set('a2', [{ status: 429, retryAfterMs: 5000 }]);
    const jobs = ['a', 'b'].flatMap((c) => range(20).map((i) => teams.job(`${c}${i}`, c)));
    const results = await deliverer.deliver(jobs);
    expect(results.every((r) => r.outcome === 'sent')).toBe(true);
    expect(results.find((r) => r.key === 'a2')!.attempts).toBe(2);
    const throttledAt = teams.attempts.find((a) => a.key === 'a2')!.at;
    const at = (key: string) => teams.accepted.find((a) => a.key === key)!.at;
    expect(at('a2')).toBeGreaterThanOrEqual(throttledAt + 5000);
    expect(teams.keysOf('a')).toEqual(range(20).map((i) => `a${i}`));
    // b went on meanwhile.
    expect(
      teams.accepted.filter((a) => a.key.startsWith('b') && a.at < throttledAt + 5000).length,
    ).toBeGreaterThan(7);
    expect(deliverer.stats).toMatchObject({ sent: 40, throttled: 1, retried: 0 });
  });

  it('still delivers everything exactly once with a too permissive limiter (the service throttles)', async () => {
    const { teams, deliverer } = setup({ conversationLimits: [{ count: 100, perMs: 1000 }] });
    const jobs = range(3).flatMap((c) => range(20).map((i) => teams.job(`c${c}-${i}`, `c${c}`)));
    const results = await deliverer.deliver(jobs);
    expect(results.every((r) => r.outcome === 'sent')).toBe(true);
    expect(teams.throttled).toBeGreaterThan(0);
    expect(deliverer.stats.throttled).toBe(teams.throttled);
    for (let c = 0; c < 3; c++) expect(teams.keysOf(`c${c}`)).toEqual(range(20).map((i) => `c${c}-${i}`));
  });

  it('gives up on a job that keeps being throttled', async () => {
    const { teams, deliverer } = setup({ maxThrottled: 3 });
    teams.script.set(
      'x',
      range(10).map(() => ({ status: 429, retryAfterMs: 1000 })),
    );
    const [result] = await deliverer.deliver([teams.job('x', 'c')]);
    expect(result).toMatchObject({ outcome: 'failed', attempts: 4, error: { status: 429 } });
  });

  it('retries 412/502/503/504 and time-outs with exponential back-off and full jitter', async () => {
    const { teams, deliverer } = setup({ backoffBaseMs: 100 });
    teams.script.set('a1', [{ status: 503 }, { status: 502 }, { timeout: true }, { status: 412 }]);
    teams.script.set('b0', [{ status: 504 }]);
    const results = await deliverer.deliver([
      teams.job('a0', 'a'),
      teams.job('a1', 'a'),
      teams.job('a2', 'a'),
      teams.job('b0', 'b'),
    ]);
    expect(results.map((r) => [r.key, r.outcome, r.attempts])).toEqual([
      ['a0', 'sent', 1],
      ['a1', 'sent', 5],
      ['a2', 'sent', 1],
      ['b0', 'sent', 2],
    ]);
    // random() = 0.5: waits of 50, 100, 200, 400 ms after each failure.
    expect(teams.attempts.filter((a) => a.key === 'a1').map((a) => a.at)).toEqual([0, 50, 150, 350, 750]);
    expect(teams.keysOf('a')).toEqual(['a0', 'a1', 'a2']);
    expect(deliverer.stats).toMatchObject({ sent: 4, retried: 5, failed: 0 });
  });

  it('caps the attempts: then the job fails and the conversation goes on', async () => {
    const { teams, deliverer } = setup({ maxAttempts: 5, backoffCapMs: 1000 });
    teams.script.set(
      'a0',
      range(20).map(() => ({ status: 503 })),
    );
    const results = await deliverer.deliver([teams.job('a0', 'a'), teams.job('a1', 'a')]);
    expect(results[0]).toMatchObject({ outcome: 'failed', attempts: 5, error: { status: 503 } });
    expect(results[1]).toMatchObject({ outcome: 'sent', attempts: 1 });
    expect(teams.attempts.filter((a) => a.key === 'a0')).toHaveLength(5);
  });

  it('fails other 4xx at once', async () => {
    const { teams, deliverer } = setup();
    teams.script.set('a0', [{ status: 400, code: 'BadArgument' }]);
    teams.script.set('b0', [{ status: 403, code: 'Forbidden' }]);
    const results = await deliverer.deliver([
      teams.job('a0', 'a'),
      teams.job('b0', 'b'),
      teams.job('b1', 'b'),
    ]);
    expect(results.map((r) => [r.outcome, r.attempts])).toEqual([
      ['failed', 1],
      ['failed', 1],
      ['sent', 1],
    ]);
  });

  it.each([
    [403, 'BotNotInConversationRoster'],
    [403, 'ConversationBlockedByUser'],
    [403, 'BotDisabledByAdmin'],
    [404, 'ConversationNotFound'],
  ])(
    'marks %i %s gone, never retries, and returns the rest of that conversation gone unsent',
    async (status, code) => {
      const { teams, deliverer } = setup();
      teams.script.set('x1', [{ status, code }]);
      const jobs = [
        ...range(4).map((i) => teams.job(`x${i}`, 'x')),
        ...range(3).map((i) => teams.job(`y${i}`, 'y')),
      ];
      const results = await deliverer.deliver(jobs);
      expect(results.map((r) => [r.key, r.outcome, r.attempts])).toEqual([
        ['x0', 'sent', 1],
        ['x1', 'gone', 1],
        ['x2', 'gone', 0],
        ['x3', 'gone', 0],
        ['y0', 'sent', 1],
        ['y1', 'sent', 1],
        ['y2', 'sent', 1],
      ]);
      expect(results[2]!.error).toEqual({ status, code });
      expect(teams.attempts.filter((a) => a.key.startsWith('x'))).toHaveLength(2);
      expect(deliverer.stats).toMatchObject({ sent: 4, gone: 3, retried: 0, failed: 0 });
    },
  );
});

describe('classifyHttpError', () => {
  const request = createPipelineRequest({
    url: 'https://smba.trafficmanager.net/emea/v3/conversations/x/activities',
  });
  const restError = (status: number, headers: Record<string, string>, body: unknown) => {
    const bodyAsText = JSON.stringify(body);
    const error = new RestError('failed', {
      statusCode: status,
      request,
      // core-client adds parsedBody to the pipeline response it puts on the error.
      response: Object.assign(
        { status, headers: createHttpHeaders(headers), request, bodyAsText },
        { parsedBody: body },
      ),
    });
    // What core-client's deserialization policy copies from the body.
    error.code = (body as { error?: { code?: string } }).error?.code;
    return error;
  };

  it('reads botbuilder/core-rest-pipeline RestErrors', () => {
    expect(
      classifyHttpError(restError(429, { 'Retry-After': '3' }, { error: { code: 'Throttled' } })),
    ).toEqual({
      status: 429,
      code: 'Throttled',
      retryAfterMs: 3000,
    });
    const now = Date.parse('2026-11-23T10:00:00Z');
    const dated = restError(429, { 'retry-after': 'Mon, 23 Nov 2026 10:00:05 GMT' }, {});
    expect(classifyHttpError(dated, now)).toEqual({ status: 429, retryAfterMs: 5000 });
    expect(classifyHttpError(restError(503, { 'retry-after-ms': '250' }, {}))).toEqual({
      status: 503,
      retryAfterMs: 250,
    });
    const blocked = restError(403, {}, { error: { code: 'ConversationBlockedByUser', message: 'blocked' } });
    expect(classifyHttpError(blocked)).toEqual({ status: 403, code: 'ConversationBlockedByUser' });
    // The code only in the body text (no error spec to deserialise with).
    const bare = new RestError('x', {
      statusCode: 404,
      response: {
        status: 404,
        headers: createHttpHeaders(),
        request,
        bodyAsText: '{"error":{"code":"ConversationNotFound"}}',
      },
    });
    expect(classifyHttpError(bare)).toEqual({ status: 404, code: 'ConversationNotFound' });
    const socket = new RestError('socket hang up', { code: 'ECONNRESET', request });
    expect(classifyHttpError(socket)).toEqual({ code: 'ECONNRESET', timeout: true });
    const aborted = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(classifyHttpError(aborted)).toEqual({ timeout: true });
  });

  it('reads axios, fetch and plain shapes', () => {
    const axios = Object.assign(new Error('Request failed with status code 403'), {
      isAxiosError: true,
      code: 'ERR_BAD_REQUEST',
      response: {
        status: 403,
        headers: { 'content-type': 'application/json' },
        data: { error: { code: 'BotDisabledByAdmin' } },
      },
    });
    expect(classifyHttpError(axios)).toEqual({ status: 403, code: 'BotDisabledByAdmin' });
    const axiosTimeout = Object.assign(new Error('timeout of 5000ms exceeded'), { code: 'ECONNABORTED' });
    expect(classifyHttpError(axiosTimeout)).toEqual({ code: 'ECONNABORTED', timeout: true });
    const axios429 = { response: { status: 429, headers: { 'retry-after': '2' }, data: '' } };
    expect(classifyHttpError(axios429)).toEqual({ status: 429, retryAfterMs: 2000 });
    expect(classifyHttpError(new DOMException('The operation timed out.', 'TimeoutError'))).toEqual({
      timeout: true,
    });
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(classifyHttpError(refused)).toEqual({ code: 'ECONNREFUSED', timeout: true });
    const fromResponse = { status: 429, headers: new Headers({ 'Retry-After': '1' }), body: {} };
    expect(classifyHttpError(fromResponse)).toEqual({ status: 429, retryAfterMs: 1000 });
    expect(classifyHttpError({ status: 408 })).toEqual({ status: 408, timeout: true });
    expect(classifyHttpError({ status: 502, code: 'BadGateway' })).toEqual({
      status: 502,
      code: 'BadGateway',
    });
    expect(classifyHttpError(new Error('boom'))).toEqual({});
    expect(classifyHttpError('boom')).toEqual({});
  });
});
