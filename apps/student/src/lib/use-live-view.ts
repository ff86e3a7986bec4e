'use client';

import type { ExamResultsClient, LinkStatus, LiveList, Versioned } from '@exam-results/live-data';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { dataClient } from './data-client';
import { RowChanges, type Row } from './row-changes';

const HIGHLIGHT_MS = 2000;

export interface LiveView<T> {
  rows: readonly Row<T>[];
  loaded: boolean;
  status: LinkStatus;
  error: string | undefined;
  retry(): void;
}

type Opener<T> = (client: ExamResultsClient) => LiveList<T>;

class LiveViewStore<T extends Versioned> {
  private readonly listeners = new Set<() => void>();
  private list: LiveList<T> | undefined;
  private changes = new RowChanges<T>(Date.now, HIGHLIGHT_MS);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private view: LiveView<T>;

  constructor(private readonly open: Opener<T>) {
    this.view = { rows: [], loaded: false, status: 'connecting', error: undefined, retry: () => this.list?.retry() };
  }

  start = () => {
    const list = this.open(dataClient());
    this.list = list;
    this.changes = new RowChanges<T>(Date.now, HIGHLIGHT_MS);
    let wasLoaded = false;
    const stopListening = list.subscribe(() => {
      const state = list.getState();
      this.changes.update(state.items, wasLoaded);
      wasLoaded = state.loaded;
      this.refresh();
    });
    return () => {
      stopListening();
      list.close();
      clearTimeout(this.timer);
    };
  };

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.view;

  private refresh() {
    const state = this.list?.getState();
    if (!state) return;
    clearTimeout(this.timer);
    const next = this.changes.expire();
    if (next !== undefined) this.timer = setTimeout(() => this.refresh(), next - Date.now());
    this.view = { ...this.view, rows: this.changes.rows(), loaded: state.loaded, status: state.status, error: state.error };
    for (const listener of this.listeners) listener();
  }
}

/**
 * Opens a live list for as long as the component is mounted, with the rows that
 * just changed marked. Give the component a `key` per list it shows: `open` is
 * read once.
 */
export function useLiveView<T extends Versioned>(open: Opener<T>): LiveView<T> {
  const [store] = useState(() => new LiveViewStore(open));
  useEffect(() => store.start(), [store]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
