/** Time for the deliverer: injected so tests can run an hour of rate limits in milliseconds. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * Virtual time: when every promise chain has run out of work (checked with setImmediate, which
 * runs after all pending microtasks), time jumps to the earliest sleeper and wakes it. Only for
 * code whose sole waiting is on this clock — real I/O would see time jump under it.
 */
export class VirtualClock implements Clock {
  private timers: Timer[] = [];
  private scheduled = false;

  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.time + Math.max(0, ms), resolve };
      // Insert after timers due at the same time, so equal sleeps wake in order.
      let i = this.timers.length;
      while (i > 0 && this.timers[i - 1]!.at > timer.at) i--;
      this.timers.splice(i, 0, timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const first = this.timers[0];
      if (!first) return;
      this.time = Math.max(this.time, first.at);
      while (this.timers[0] && this.timers[0].at <= this.time) this.timers.shift()!.resolve();
      if (this.timers.length > 0) this.schedule();
    });
  }
}
