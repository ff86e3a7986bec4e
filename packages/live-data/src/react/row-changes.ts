import type { Versioned } from '../live-items';

type Mark = 'added' | 'changed' | 'removed';

export interface Row<T> {
  item: T;
  mark: Mark | undefined;
}

/**
 * Remembers what changed between successive versions of a live list, so a page can
 * highlight rows that were added or edited and show deleted rows fading out, each
 * for `holdMs`. Time comes from `now` so the expiry is tested without waiting.
 */
export class RowChanges<T extends Versioned> {
  private previous = new Map<string, T>();
  private readonly marks = new Map<string, { mark: Exclude<Mark, 'removed'>; until: number }>();
  private readonly removed = new Map<string, { item: T; until: number }>();

  constructor(
    private readonly now: () => number,
    private readonly holdMs: number,
  ) {}

  /** Takes the list's latest items; with `highlight` false (the first load) nothing is marked. */
  update(items: readonly T[], highlight: boolean): void {
    const until = this.now() + this.holdMs;
    const current = new Map(items.map((item) => [item.id, item]));
    for (const item of items) {
      this.removed.delete(item.id);
      const before = this.previous.get(item.id);
      if (!highlight || before?.updatedAt === item.updatedAt) continue;
      this.marks.set(item.id, { mark: before ? 'changed' : 'added', until });
    }
    for (const [id, item] of this.previous) {
      if (current.has(id)) continue;
      this.marks.delete(id);
      if (highlight) this.removed.set(id, { item, until });
    }
    this.previous = current;
  }

  rows(): Row<T>[] {
    const now = this.now();
    const rows: Row<T>[] = [];
    for (const item of this.previous.values()) {
      const marked = this.marks.get(item.id);
      rows.push({ item, mark: marked && marked.until > now ? marked.mark : undefined });
    }
    for (const { item, until } of this.removed.values()) if (until > now) rows.push({ item, mark: 'removed' });
    return rows;
  }

  /** Forgets what has expired; returns when the next mark expires, if any remains. */
  expire(): number | undefined {
    const now = this.now();
    let next: number | undefined;
    for (const store of [this.marks, this.removed]) {
      for (const [id, { until }] of store) {
        if (until <= now) store.delete(id);
        else next = Math.min(next ?? until, until);
      }
    }
    return next;
  }
}
