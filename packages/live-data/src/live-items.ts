/**
 * What every live item carries: AppSync models have an `id` and an `updatedAt` (AWSDateTime)
 * set by the server on every write, which orders the versions of one id.
 */
export interface Versioned {
  id: string;
  updatedAt: string;
}

export type ChangeKind = 'create' | 'update' | 'delete';

export interface Change<T extends Versioned> {
  kind: ChangeKind;
  item: T;
}

function isNewer(candidate: string, current: string): boolean {
  const a = Date.parse(candidate);
  const b = Date.parse(current);
  return Number.isNaN(a) || Number.isNaN(b) ? candidate > current : a > b;
}

/**
 * A set of items kept in step with a backend from a listed snapshot plus
 * create/update/delete events. Applying the same event twice, or an event older
 * than what is already held, changes nothing; a deleted id stays deleted unless
 * a strictly newer version of it arrives.
 */
export class LiveItems<T extends Versioned> {
  private readonly byId = new Map<string, T>();
  private readonly deletedAt = new Map<string, string>();

  /** Applies one event; returns whether the set changed. */
  apply({ kind, item }: Change<T>): boolean {
    return kind === 'delete' ? this.remove(item) : this.upsert(item);
  }

  /**
   * Replaces the content with a listed snapshot, then re-applies the events received
   * while the list was being read (the snapshot may or may not include them). A
   * version held locally that is newer than the listed one is kept; an item the
   * snapshot lacks and no replayed event brings back is gone. Returns whether the content changed
   * (a re-list after a reconnection usually finds what is held).
   */
  replaceWith(snapshot: readonly T[], replay: readonly Change<T>[]): boolean {
    const held = [...this.byId.values()];
    const heldById = new Map(this.byId);
    this.byId.clear();
    for (const listed of snapshot) {
      const local = heldById.get(listed.id);
      const tombstone = this.deletedAt.get(listed.id);
      if (tombstone !== undefined && !isNewer(listed.updatedAt, tombstone)) continue;
      this.byId.set(listed.id, local && isNewer(local.updatedAt, listed.updatedAt) ? local : listed);
    }
    for (const change of replay) this.apply(change);
    const now = this.toArray();
    return now.length !== held.length || now.some((item, index) => item !== held[index] && JSON.stringify(item) !== JSON.stringify(held[index]));
  }

  toArray(): T[] {
    return [...this.byId.values()];
  }

  private upsert(item: T): boolean {
    const tombstone = this.deletedAt.get(item.id);
    if (tombstone !== undefined) {
      if (!isNewer(item.updatedAt, tombstone)) return false;
      this.deletedAt.delete(item.id);
    }
    const current = this.byId.get(item.id);
    if (current && !isNewer(item.updatedAt, current.updatedAt)) return false;
    this.byId.set(item.id, item);
    return true;
  }

  private remove(item: T): boolean {
    const tombstone = this.deletedAt.get(item.id);
    if (tombstone === undefined || isNewer(item.updatedAt, tombstone)) this.deletedAt.set(item.id, item.updatedAt);
    return this.byId.delete(item.id);
  }
}
