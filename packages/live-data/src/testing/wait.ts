import type { LiveList, LiveListState } from '../live-list';

/**
 * Resolves with the first state of `list` (the current one included) that
 * satisfies `accept`; rejects after `timeoutMs` with the last state seen.
 */
export function waitForState<T>(
  list: LiveList<T>,
  accept: (state: LiveListState<T>) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<LiveListState<T>> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = list.getState();
      if (!accept(state)) return false;
      clearTimeout(timer);
      stop();
      resolve(state);
      return true;
    };
    const timer = setTimeout(() => {
      stop();
      const { items, ...rest } = list.getState();
      reject(new Error(`timed out waiting for ${what}; last state: ${JSON.stringify({ ...rest, items })}`));
    }, timeoutMs);
    const stop = list.subscribe(check);
    check();
  });
}
