import type { Versioned } from '@exam-results/live-data';

type Change<T> = { kind: 'put'; item: T } | { kind: 'remove' };

export interface CollectionView<T> {
  items: readonly T[];
  /** Ids of records with a change the server has not answered yet. */
  pending: ReadonlySet<string>;
}

interface LocalChange<T> {
  id: string;
  change: Change<T>;
  /** Set once the server accepted the change: what it stored, or that it removed the record. */
  accepted?: Change<T>;
}

function reflectedBy<T extends Versioned>(local: LocalChange<T>, server: ReadonlyMap<string, T>): boolean {
  const { accepted } = local;
  if (!accepted) return false;
  const current = server.get(local.id);
  if (accepted.kind === 'remove') return current === undefined;
  return current !== undefined && current.updatedAt >= accepted.item.updatedAt;
}

/**
 * A live list (as `observeQuery` delivers it) with the teacher's own writes shown at once.
 * Each local change stays on top of the server's list until the server's list shows it;
 * a change the server refuses is dropped, which puts back what was there before.
 */
export class OptimisticCollection<T extends Versioned> {
  private server = new Map<string, T>();
  private changes: LocalChange<T>[] = [];
  private queues = new Map<string, Promise<unknown>>();
  private listeners = new Set<() => void>();
  private snapshot: CollectionView<T> = { items: [], pending: new Set() };

  constructor(private readonly order: (a: T, b: T) => number) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CollectionView<T> => this.snapshot;

  get(id: string): T | undefined {
    return this.snapshot.items.find((item) => item.id === id);
  }

  setServerItems(items: readonly T[]): void {
    this.server = new Map(items.map((item) => [item.id, item]));
    this.changes = this.changes.filter((local) => !reflectedBy(local, this.server));
    this.publish();
  }

  /** Shows `item` now and stores it with `write`; if the server refuses, the record is shown as before. */
  put(item: T, write: () => Promise<T>): Promise<void> {
    return this.apply(item.id, { kind: 'put', item }, async () => ({ kind: 'put', item: await write() }));
  }

  /** Hides the record now and deletes it with `write`; if the server refuses, it comes back. */
  remove(id: string, write: () => Promise<void>): Promise<void> {
    return this.apply(id, { kind: 'remove' }, async () => {
      await write();
      return { kind: 'remove' };
    });
  }

  /** Writes to one record run one after another, in the order they were made. */
  private async apply(id: string, change: Change<T>, write: () => Promise<Change<T>>): Promise<void> {
    const local: LocalChange<T> = { id, change };
    this.changes.push(local);
    this.publish();

    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(write);
    this.queues.set(id, run);
    try {
      local.accepted = await run;
      // what the server now holds supersedes earlier accepted changes to the same record
      this.changes = this.changes.filter((other) => other === local || other.id !== id || !other.accepted);
      if (reflectedBy(local, this.server)) this.changes = this.changes.filter((other) => other !== local);
    } catch (error) {
      this.changes = this.changes.filter((other) => other !== local);
      throw error;
    } finally {
      if (this.queues.get(id) === run) this.queues.delete(id);
      this.publish();
    }
  }

  private publish(): void {
    const view = new Map(this.server);
    for (const { id, change, accepted } of this.changes) {
      const effective = accepted ?? change;
      if (effective.kind === 'put') view.set(id, effective.item);
      else view.delete(id);
    }
    const pending = new Set(this.changes.filter((local) => !local.accepted).map((local) => local.id));
    this.snapshot = { items: [...view.values()].sort(this.order), pending };
    for (const listener of this.listeners) listener();
  }
}
