import { initialLink, nextLink, type LinkEvent, type LinkStatus } from './link-status';
import { LiveItems, type Change, type ChangeKind, type Versioned } from './live-items';

export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

export interface ChangeHandlers<T> {
  next(item: T): void;
  error(error: unknown): void;
}

/**
 * Where a live list reads from: a paginated list, one subscription per kind of change, and the
 * real-time client's connection events (Amplify's Hub, or appsync-guest's `onEvent`).
 */
export interface LiveSource<T extends Versioned> {
  /** The subscription fields (e.g. `onCreateResult`) whose acknowledgement by AppSync means events flow. */
  subscriptionFields: readonly string[];
  /** Calls `onEvent` for each connection state change and subscription acknowledgement; returns the function that stops. */
  listenToLink(onEvent: (event: LinkEvent) => void): () => void;
  listPage(nextToken: string | null): Promise<Page<T>>;
  subscribe(kind: ChangeKind, handlers: ChangeHandlers<T>): () => void;
}

export interface LiveListState<T> {
  /** Every item currently known, in no particular order; a new array whenever it changes. */
  items: readonly T[];
  /** True once a complete list has been read, or from the first state when given initial items. */
  loaded: boolean;
  /** `live` once every subscription is acknowledged on an open socket, as reported by the client. */
  status: LinkStatus;
  /** Why listing or a subscription failed; updates may have stopped until {@link LiveList.retry}. */
  error: string | undefined;
}

export interface LiveList<T> {
  getState(): LiveListState<T>;
  /** Calls `listener` after every state change; returns the function that stops it. */
  subscribe(listener: () => void): () => void;
  /**
   * Starts the subscriptions again, after an error or to reconnect now instead of at the
   * client's next try; the list is read again once they are acknowledged.
   */
  retry(): void;
  close(): void;
}

export interface LiveListOptions<T> {
  /**
   * Items already read (e.g. by a server render): the list is `loaded` with them from its
   * first state, then reconciles them with what it lists and hears, by `updatedAt`.
   */
  initialItems?: readonly T[];
  /**
   * Reads the list once its subscriptions are acknowledged, rather than at once and again then:
   * one read instead of two, for a list opened by many readers at the same moment (a release).
   */
  listWhenLive?: boolean;
}

const KINDS: readonly ChangeKind[] = ['create', 'update', 'delete'];
/**
 * Waits before each new try in a row at a list never read (the server out of reach, the sign-in
 * not checkable), and then until it is live, the last repeating: its subscriptions may have failed
 * before any socket was opened, and then no connection event would ever say it is time to try again.
 */
const RELOAD_DELAYS_MS: readonly number[] = [500, 1000];

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const graphQLErrors = (error as { errors?: { message?: unknown }[] } | null)?.errors;
  const first = graphQLErrors?.[0]?.message;
  return typeof first === 'string' ? first : String(error);
}

/**
 * Keeps a list in step with the backend: subscribes to creates, updates and
 * deletes, lists every page, and re-lists each time the client reports that its
 * subscriptions are acknowledged again after the socket was lost, so changes made
 * while disconnected are caught up. Events received while a list is being read are
 * applied at once and replayed over the listed snapshot.
 */
export function createLiveList<T extends Versioned>(source: LiveSource<T>, { initialItems, listWhenLive = false }: LiveListOptions<T> = {}): LiveList<T> {
  const items = new LiveItems<T>();
  if (initialItems) items.replaceWith(initialItems, []);
  const listeners = new Set<() => void>();
  let link = initialLink();
  let state: LiveListState<T> = { items: items.toArray(), loaded: initialItems !== undefined, status: link.status, error: undefined };
  let replay: Change<T>[] | undefined;
  let syncRun = 0;
  let closed = false;
  let stopSubscriptions: (() => void)[] = [];
  // A failed subscription stays failed until retry(); a failed list is cured by the next good one.
  let subscriptionError: string | undefined;
  let reloads = 0;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;

  const publish = (change: Partial<LiveListState<T>>) => {
    state = { ...state, ...change };
    for (const listener of listeners) listener();
  };

  const receive = (change: Change<T>) => {
    if (closed) return;
    replay?.push(change);
    if (items.apply(change)) publish({ items: items.toArray() });
  };

  const subscriptionFailed = (error: unknown) => {
    if (closed) return;
    subscriptionError = describe(error);
    publish({ error: subscriptionError });
  };

  const sync = async () => {
    const run = ++syncRun;
    replay = [];
    try {
      const snapshot: T[] = [];
      let nextToken: string | null = null;
      do {
        const page: Page<T> = await source.listPage(nextToken);
        if (closed || run !== syncRun) return;
        snapshot.push(...page.items);
        nextToken = page.nextToken;
      } while (nextToken);
      const changed = items.replaceWith(snapshot, replay);
      replay = undefined;
      publish({ items: changed || !state.loaded ? items.toArray() : state.items, loaded: true, error: subscriptionError });
      // After lists that failed, the subscriptions may have failed too, with no event to say so: go on until live.
      if (reloads > 0 && link.status !== 'live') reloadLater();
      else reloads = 0;
    } catch (error) {
      if (run !== syncRun) return;
      replay = undefined;
      publish({ error: describe(error) });
      if (!state.loaded) reloadLater();
    }
  };

  const reloadLater = () => {
    clearTimeout(reloadTimer);
    const delay = RELOAD_DELAYS_MS[Math.min(reloads, RELOAD_DELAYS_MS.length - 1)] ?? 1000;
    reloads++;
    reloadTimer = setTimeout(() => {
      if (closed || (state.loaded && link.status === 'live')) return;
      resubscribe();
      if (state.loaded) reloadLater();
      else void sync();
    }, delay);
  };

  const startSubscriptions = () => {
    stopSubscriptions = KINDS.map((kind) =>
      source.subscribe(kind, { next: (item) => receive({ kind, item }), error: subscriptionFailed }),
    );
  };

  // Fresh subscriptions, for a client that backs off: it opens a socket for them at once.
  const resubscribe = () => {
    for (const stop of stopSubscriptions) stop();
    subscriptionError = undefined;
    startSubscriptions();
  };

  const stopListening = source.listenToLink((event) => {
    if (closed) return;
    if (event.type === 'resubscribe') {
      resubscribe();
      // the link is down: what failed is told by the status until it is back
      if (state.error !== undefined) publish({ error: undefined });
      return;
    }
    const step = nextLink(link, event, source.subscriptionFields);
    link = step.link;
    if (link.status !== state.status) publish({ status: link.status });
    if (step.resync) void sync();
  });
  startSubscriptions();
  if (!listWhenLive) void sync();

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retry() {
      if (closed) return;
      resubscribe();
      // Re-listed when the subscriptions are acknowledged; at once only for a list never read.
      link = { ...initialLink(), status: link.status === 'connecting' ? 'connecting' : 'reconnecting' };
      publish({ status: link.status, error: undefined });
      if (!state.loaded) void sync();
    },
    close() {
      closed = true;
      clearTimeout(reloadTimer);
      syncRun++;
      stopListening();
      for (const stop of stopSubscriptions) stop();
      listeners.clear();
    },
  };
}
