// Waits until a condition holds (what a test waits for happens in another process or later in
// this one), checking every `everyMs`; fails naming what it waited for once `timeoutMs` is over.
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = 'the condition',
  everyMs = 20,
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
