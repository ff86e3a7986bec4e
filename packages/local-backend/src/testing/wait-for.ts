/** Something whose value changes, with a way to hear of each change. */
interface Watched<T> {
  read(): T;
  subscribe(listener: () => void): () => void;
}

/**
 * Resolves with the first value of `watched` (the current one included) that `accept`s,
 * checked on every change; rejects after `timeoutMs`, with the last value if `describe` is given.
 */
export function waitFor<T, S extends T>(
  watched: Watched<T>,
  accept: (value: T) => value is S,
  what: string,
  timeoutMs: number,
  describe?: (value: T) => string,
): Promise<S>;
export function waitFor<T>(watched: Watched<T>, accept: (value: T) => boolean, what: string, timeoutMs: number, describe?: (value: T) => string): Promise<T>;
export function waitFor<T>(
  watched: Watched<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs: number,
  describe?: (value: T) => string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const value = watched.read();
      if (!accept(value)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    };
    const timer = setTimeout(() => {
      unsubscribe();
      const last = describe ? `; last state: ${describe(watched.read())}` : '';
      reject(new Error(`timed out waiting for ${what}${last}`));
    }, timeoutMs);
    const unsubscribe = watched.subscribe(check);
    check();
  });
}

/** What a test has received so far (events, messages, acknowledgements), to wait on with waitFor. */
export class Recording<T> implements Watched<T[]> {
  readonly items: T[] = [];
  private readonly listeners = new Set<() => void>();

  push(item: T): void {
    this.items.push(item);
    this.changed();
  }

  /** Wakes the waiters when something else they check has changed. */
  changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  read(): T[] {
    return this.items;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
