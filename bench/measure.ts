/** Median wall time in milliseconds of `runs` sequential calls (after one warm-up call). */
export async function medianMs(runs: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  await fn(-1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
