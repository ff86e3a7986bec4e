import type { LinkStatus } from '../link-status';
import type { Versioned } from '../live-items';
import type { LiveList, LiveListOptions } from '../live-list';
import { RowChanges, type Row } from './row-changes';

/** Time for the highlights: read it, and run a task later (the returned function cancels it). */
export interface Clock {
  now(): number;
  after(ms: number, task: () => void): () => void;
}

const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * Opens the live list a view shows. With `initialItems`, it must hand the options on,
 * e.g. `(options) => watchResults(client, examId, options)`; without, `() => watchResults(client, examId)`.
 */
export type OpenLiveList<T> = (options: LiveListOptions<T>) => LiveList<T>;

export interface LiveViewOptions<T> extends LiveListOptions<T> {
  /** How long a row added, changed or removed stays marked (a removed row stays shown that long); 0, the default, marks nothing. */
  highlightMs?: number;
  /** Called with every new complete set of items, once the list is loaded (e.g. to hand them to a store). */
  onItems?: (items: readonly T[]) => void;
  clock?: Clock;
}

/** What a page renders from a live list. */
export interface LiveView<T> {
  /** Every item currently known, in no particular order. */
  items: readonly T[];
  /** The items, each marked if it just changed, plus the rows just removed (marked `removed`). */
  rows: readonly Row<T>[];
  loaded: boolean;
  status: LinkStatus;
  /** Why listing or a subscription failed; updates may have stopped until `retry()`. */
  error: string | undefined;
  retry(): void;
}

/**
 * The state behind `useLiveList`, readable with `useSyncExternalStore`: before `start()`
 * (a server render, the first render in the browser) it shows the initial items, as
 * loaded when there are any; `start()` opens the list with them and follows it.
 */
export class LiveListView<T extends Versioned> {
  private readonly listeners = new Set<() => void>();
  private readonly clock: Clock;
  private readonly highlightMs: number;
  private list: LiveList<T> | undefined;
  private changes: RowChanges<T>;
  private cancelExpiry: (() => void) | undefined;
  private view: LiveView<T>;

  constructor(
    private readonly open: OpenLiveList<T>,
    private readonly options: LiveViewOptions<T> = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.highlightMs = options.highlightMs ?? 0;
    this.changes = this.initialChanges();
    this.view = {
      items: options.initialItems ?? [],
      rows: this.changes.rows(),
      loaded: options.initialItems !== undefined,
      status: 'connecting',
      error: undefined,
      retry: () => this.list?.retry(),
    };
  }

  /** Opens the list and follows it; returns the function that closes it. */
  start = (): (() => void) => {
    const { initialItems, onItems } = this.options;
    const list = this.open(initialItems === undefined ? {} : { initialItems });
    if (initialItems !== undefined && !list.getState().loaded) {
      list.close();
      throw new Error('initialItems were given but open() did not hand them to its list: write (options) => watchResults(…, options)');
    }
    this.list = list;
    this.changes = this.initialChanges();
    let seen: readonly T[] | undefined;
    let handed: readonly T[] | undefined;
    let wasLoaded = initialItems !== undefined;
    const take = () => {
      const state = list.getState();
      if (state.items !== seen) {
        seen = state.items;
        this.changes.update(state.items, wasLoaded && this.highlightMs > 0);
      }
      if (state.loaded && state.items !== handed) {
        handed = state.items;
        onItems?.(state.items);
      }
      wasLoaded = state.loaded;
      this.refresh();
    };
    const stopListening = list.subscribe(take);
    take();
    return () => {
      stopListening();
      list.close();
      this.cancelExpiry?.();
    };
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveView<T> => this.view;

  private initialChanges(): RowChanges<T> {
    const changes = new RowChanges<T>(() => this.clock.now(), this.highlightMs);
    changes.update(this.options.initialItems ?? [], false);
    return changes;
  }

  private refresh(): void {
    const state = this.list?.getState();
    if (!state) return;
    this.cancelExpiry?.();
    const next = this.changes.expire();
    this.cancelExpiry = next === undefined ? undefined : this.clock.after(next - this.clock.now(), () => this.refresh());
    this.view = { ...this.view, items: state.items, rows: this.changes.rows(), loaded: state.loaded, status: state.status, error: state.error };
    for (const listener of this.listeners) listener();
  }
}
