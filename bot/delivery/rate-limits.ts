/** At most `count` sends in any `perMs` long stretch of time. */
export interface RateWindow {
  count: number;
  perMs: number;
}

/** Teams limits per bot per conversation thread (all four hold at once). */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { count: 7, perMs: 1_000 },
  { count: 8, perMs: 2_000 },
  { count: 60, perMs: 30_000 },
  { count: 1_800, perMs: 3_600_000 },
];

/** Teams allows an app about 50 requests per second per tenant. */
export function tenantLimits(perSecond = 50): RateWindow[] {
  return [{ count: perSecond, perMs: 1_000 }];
}

interface KeyState {
  /** Times of finished sends, ascending; only the newest `maxCount` can matter. */
  times: number[];
  /** Sends under way: their time is not known yet, so they count in every window. */
  pending: number;
}

/**
 * Exact sliding windows, not token buckets: a bucket of 7 refilling at 7/s empties at t=0 and
 * has a token again at 143 ms — an 8th send within one second, which a sliding-window service
 * answers with 429. Remembering send times keeps "at most count sends in (t - perMs, t]" exactly.
 *
 * A send is counted from `begin` (as if it happened now and stays in every window) until `end`,
 * where it is recorded at its completion time. The service sees it arrive somewhere between the
 * two, so recording the completion time is never earlier than the service's own clock: network
 * latency can delay sends but never make them look closer together than they were.
 */
export class SlidingWindowLimiter {
  private readonly keys = new Map<string, KeyState>();
  private readonly longestMs: number;
  private readonly maxCount: number;

  constructor(
    private readonly windows: readonly RateWindow[],
    /** Extra wait per window, for a service whose clock rounds differently. */
    private readonly marginMs = 0,
  ) {
    this.longestMs = Math.max(0, ...windows.map((w) => w.perMs));
    this.maxCount = Math.max(0, ...windows.map((w) => w.count));
  }

  /** Earliest time ≥ now at which one more send for `key` keeps every window; Infinity while in-flight sends fill a window. */
  earliest(key: string, now: number): number {
    const state = this.keys.get(key);
    if (!state) return now;
    let at = now;
    for (const { count, perMs } of this.windows) {
      const allowedDone = count - 1 - state.pending; // finished sends the window may still hold
      if (allowedDone < 0) return Infinity;
      const blocking = state.times[state.times.length - 1 - allowedDone];
      // That send must leave the window: (t - perMs, t] excludes it once t ≥ blocking + perMs.
      if (blocking !== undefined) at = Math.max(at, blocking + perMs + this.marginMs);
    }
    return at;
  }

  /** A send that happened at `at`. */
  record(key: string, at: number): void {
    const state = this.state(key);
    const { times } = state;
    let i = times.length;
    while (i > 0 && times[i - 1]! > at) i--; // completions arrive almost always in order
    times.splice(i, 0, at);
    if (times.length > this.maxCount) times.splice(0, times.length - this.maxCount);
    this.pruneKey(key, state, at);
  }

  /** A send starts now; call `end` when it settles (whatever the answer). */
  begin(key: string): void {
    this.state(key).pending++;
  }

  end(key: string, at: number): void {
    const state = this.state(key);
    state.pending = Math.max(0, state.pending - 1);
    this.record(key, at);
  }

  /** Forget what no window can see any more (keys of conversations that went quiet). */
  prune(now: number): void {
    for (const [key, state] of this.keys) this.pruneKey(key, state, now);
  }

  /**
   * The send times some window still counts, per key, ascending; a send under way counts as
   * `now`. What another sender must know to continue this one's pace.
   */
  times(now: number): Record<string, number[]> {
    this.prune(now);
    const times: Record<string, number[]> = {};
    for (const [key, state] of this.keys) {
      const all = [...state.times, ...new Array<number>(state.pending).fill(now)];
      if (all.length > 0) times[key] = all.slice(-this.maxCount);
    }
    return times;
  }

  /**
   * Takes over another sender's `times` in place of its own: that sender knew the sends before
   * it (they were handed to it), so its times are the newer whole. Sends under way here stay.
   * Entries that are not lists of numbers are left out.
   */
  replaceTimes(times: Record<string, unknown>, now: number): void {
    for (const state of this.keys.values()) state.times = [];
    for (const [key, list] of Object.entries(times)) {
      if (!Array.isArray(list)) continue;
      const valid = list.filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
      this.state(key).times = valid.sort((a, b) => a - b).slice(-this.maxCount);
    }
    this.prune(now);
  }

  /** Number of remembered send times (to check memory stays bounded). */
  get size(): number {
    let n = 0;
    for (const state of this.keys.values()) n += state.times.length;
    return n;
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = { times: [], pending: 0 }));
    return state;
  }

  private pruneKey(key: string, state: KeyState, now: number): void {
    const horizon = now - this.longestMs - this.marginMs;
    let drop = 0;
    while (drop < state.times.length && state.times[drop]! <= horizon) drop++;
    if (drop > 0) state.times.splice(0, drop);
    if (state.times.length === 0 && state.pending === 0) this.keys.delete(key);
  }
}

/**
 * The earliest time (ms after the first send at 0) at which the `count`-th send can go under
 * `windows`. Sending each message as early as the windows allow is optimal for one key, so this
 * is the theoretical minimum for one conversation or one tenant.
 */
export function minimumSpanMs(count: number, windows: readonly RateWindow[]): number {
  const limiter = new SlidingWindowLimiter(windows);
  let at = 0;
  for (let i = 0; i < count; i++) {
    at = limiter.earliest('k', at);
    limiter.record('k', at);
  }
  return at;
}
