const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs `read` for `key` unless a read of the same key is under way, whose answer is then shared:
 * at a results-day rush, the requests for one exam that arrive together cost one backend read.
 * Nothing is kept after the answer, so no request gets an answer older than a read in flight.
 */
export function sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = read().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}
