import { waitFor } from '@exam-results/local-backend/testing';
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
  const watched = { read: () => list.getState(), subscribe: (listener: () => void) => list.subscribe(listener) };
  return waitFor(watched, accept, what, timeoutMs, ({ items, ...rest }) => JSON.stringify({ ...rest, items }));
}
