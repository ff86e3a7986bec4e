import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Versioned } from '../live-items';
import { LiveListView, type LiveView, type LiveViewOptions, type OpenLiveList } from './live-list-view';

/**
 * Keeps a live list open while the component is mounted and renders from it. `open` and
 * `options` are read once, on the first render: give the component a `key` per list it
 * shows. With `initialItems` the first render (on the server too) already shows them, loaded.
 *
 * ```tsx
 * const results = useLiveList(() => watchResults(client, examId), { highlightMs: 2000 });
 * // from items a server component read:
 * const results = useLiveList((options) => watchResults(client, examId, options), { initialItems, highlightMs: 2000 });
 * ```
 */
export function useLiveList<T extends Versioned>(open: OpenLiveList<T>, options?: LiveViewOptions<T>): LiveView<T> {
  const [view] = useState(() => new LiveListView(open, options));
  useEffect(() => view.start(), [view]);
  return useSyncExternalStore(view.subscribe, view.getSnapshot, view.getSnapshot);
}
