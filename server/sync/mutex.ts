/**
 * One in-process lock per key (organization id). The store holds it across "write + commit +
 * emit", so change events of one organization leave in commit (seq) order. The database row lock
 * does the same job across processes; this one orders the in-process fan-out.
 */
export class KeyedMutex {
  private tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys currently held or waited on (for tests and leak checks). */
  get size(): number {
    return this.tails.size;
  }
}
