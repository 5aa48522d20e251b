/**
 * Values this process keeps for a short while, to spare the store a read on every turn: at most
 * `maxEntries` (the oldest goes first), each for at most `ttlMs`, and forgotten at once when the
 * owner says the stored data changed. What is kept must be safe to be that late when another
 * instance changes it: the caller says why, where it uses one.
 */
export class ShortMemo<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  private forgotten = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.nowMs()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key); // a key set again counts as new for the bound
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, until: this.nowMs() + this.ttlMs });
  }

  /**
   * Sets the value only when nothing was forgotten since `generation` was read: a value read from
   * the store while a write landed may be the one before the write.
   */
  setIfNothingForgottenSince(generation: number, key: K, value: V): void {
    if (generation === this.forgotten) this.set(key, value);
  }

  /** Counts every delete and clear; read it before the store read whose result is to be kept. */
  get generation(): number {
    return this.forgotten;
  }

  delete(key: K): void {
    this.forgotten++;
    this.entries.delete(key);
  }

  clear(): void {
    this.forgotten++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
