import { isUnanswered } from './data-errors';
import { browserScheduler, type Scheduler } from './scheduler';

/** A write to one record: its id orders the writes to it. */
export interface RecordWrite {
  item: { id: string };
}

/** Where the unsent writes are kept between page loads: the browser's localStorage, or nothing. */
export type WriteStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** One write handed to the outbox, and what becomes of it. */
export interface Delivery<W, Saved> {
  write: W;
  /** Resolves with what the server stored once it acknowledged the write; rejects when it refused it. */
  saved: Promise<Saved>;
  /** Resolves, with why, the first time the server gave no answer: the write is kept and sent again. */
  held: Promise<unknown>;
}

interface Entry<W, Saved> extends Delivery<W, Saved> {
  uid: string;
  state: 'queued' | 'sending' | 'held';
  settle: { saved(value: Saved): void; refused(error: unknown): void; held(error: unknown): void };
}

interface Stored<W> {
  uid: string;
  write: W;
}

export interface OutboxOptions {
  /** Keeps the writes across page loads under `key`: another key (another teacher) sees none of them. */
  storage?: WriteStorage;
  key?: string;
  scheduler?: Scheduler;
}

const MAX_IN_FLIGHT = 4;
/**
 * Waits before each automatic new try in a row while the server is out of reach; the last repeats.
 * Each sends the oldest waiting write alone; once it is through, all the others follow.
 */
const RETRY_DELAYS_MS = [500, 1000];

/**
 * Writes the backend has not acknowledged yet. Each is kept (in `storage` when given) from
 * the moment it is made until the server answers, and sent again by itself while the server
 * is out of reach, and at once on {@link retryNow}. Writes to one record go one after another,
 * in the order they were made, so a retried create is never overtaken by its edit. `send` must
 * make a write that may already have arrived (its answer lost) safe to send again.
 */
export class Outbox<W extends RecordWrite, Saved> {
  private entries: Entry<W, Saved>[] = [];
  /** Every write this outbox has held, so that it leaves another tab's alone in the storage. */
  private readonly known = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly W[] = [];
  private retries = 0;
  private cancelRetry: (() => void) | undefined;
  private readonly scheduler: Scheduler;

  constructor(
    private readonly send: (write: W) => Promise<Saved>,
    private readonly options: OutboxOptions = {},
  ) {
    this.scheduler = options.scheduler ?? browserScheduler;
    for (const { uid, write } of this.read()) this.entries.push(this.entry(uid, write));
    this.publish();
    this.flush();
  }

  /** Keeps `write` and sends it (after the earlier writes to the same record). */
  submit(write: W): Delivery<W, Saved> {
    const entry = this.entry(crypto.randomUUID(), write);
    this.entries.push(entry);
    this.persist();
    this.publish();
    this.flush();
    return entry;
  }

  /** The writes not acknowledged yet, oldest first, to show them again (e.g. after a reload). */
  deliveries(): readonly Delivery<W, Saved>[] {
    return [...this.entries];
  }

  /** Sends the writes that wait for the server now, instead of at the next automatic try. */
  retryNow(): void {
    this.requeue(this.entries.filter((entry) => entry.state === 'held'));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The unsent writes, oldest first; a new array whenever they change. */
  getSnapshot = (): readonly W[] => this.snapshot;

  /** Stops trying again by itself (the writes stay kept). */
  close(): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
  }

  private entry(uid: string, write: W): Entry<W, Saved> {
    this.known.add(uid);
    let settle!: Entry<W, Saved>['settle'];
    let heldOnce!: (error: unknown) => void;
    const saved = new Promise<Saved>((resolve, reject) => {
      settle = { saved: resolve, refused: reject, held: (error) => heldOnce(error) };
    });
    const held = new Promise<unknown>((resolve) => {
      heldOnce = resolve;
    });
    // A write nobody waits for (restored, not on screen) must not be an unhandled rejection.
    saved.catch(() => undefined);
    return { uid, write, state: 'queued', saved, held, settle };
  }

  private flush(): void {
    let inFlight = this.entries.filter((entry) => entry.state === 'sending').length;
    const busy = new Set<string>();
    for (const entry of this.entries) {
      const record = entry.write.item.id;
      if (entry.state === 'queued' && !busy.has(record) && inFlight < MAX_IN_FLIGHT) {
        inFlight++;
        void this.deliver(entry);
      }
      busy.add(record);
    }
  }

  private async deliver(entry: Entry<W, Saved>): Promise<void> {
    entry.state = 'sending';
    try {
      const saved = await this.send(entry.write);
      this.retries = 0;
      this.remove(entry);
      entry.settle.saved(saved);
      // the server answers again: what waited for it goes now
      this.retryNow();
    } catch (error) {
      if (isUnanswered(error)) {
        entry.state = 'held';
        entry.settle.held(error);
        this.retryLater();
      } else {
        this.remove(entry);
        entry.settle.refused(error);
      }
    }
    this.flush();
  }

  private retryLater(): void {
    if (this.cancelRetry) return;
    const delay = RETRY_DELAYS_MS[Math.min(this.retries, RETRY_DELAYS_MS.length - 1)] ?? 1000;
    this.retries++;
    this.cancelRetry = this.scheduler.after(delay, () => {
      this.cancelRetry = undefined;
      this.requeue(this.entries.filter((entry) => entry.state === 'held').slice(0, 1));
    });
  }

  private requeue(entries: readonly Entry<W, Saved>[]): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    for (const entry of entries) entry.state = 'queued';
    this.flush();
  }

  private remove(entry: Entry<W, Saved>): void {
    this.entries = this.entries.filter((other) => other !== entry);
    this.persist();
    this.publish();
  }

  private read(): Stored<W>[] {
    const { storage, key } = this.options;
    if (!storage || key === undefined) return [];
    try {
      const stored: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(stored) ? (stored as Stored<W>[]) : [];
    } catch {
      return [];
    }
  }

  private persist(): void {
    const { storage, key } = this.options;
    if (!storage || key === undefined) return;
    const others = this.read().filter(({ uid }) => !this.known.has(uid));
    const own = this.entries.map(({ uid, write }): Stored<W> => ({ uid, write }));
    storage.setItem(key, JSON.stringify([...others, ...own]));
  }

  private publish(): void {
    this.snapshot = this.entries.map((entry) => entry.write);
    for (const listener of this.listeners) listener();
  }
}
