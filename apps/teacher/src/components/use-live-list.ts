'use client';

import type { LiveList, LiveListState } from '@exam-results/live-data';
import { useEffect, useState } from 'react';
import { readableReason } from '../lib/data-errors';

export interface LiveView {
  /** True once a complete list has been read. */
  loaded: boolean;
  /** Whether changes made elsewhere arrive right now. */
  status: LiveListState<unknown>['status'];
  /** Why reading or listening failed, as a sentence for the teacher. */
  problem: string | undefined;
  retry: () => void;
}

/**
 * Keeps a live list (from @exam-results/live-data) open while the component is shown and
 * hands every complete set of items to `onItems`.
 */
export function useLiveList<T>(open: () => LiveList<T>, onItems: (items: readonly T[]) => void): LiveView {
  const [live, setLive] = useState<{ open: () => LiveList<T>; list: LiveList<T>; state: LiveListState<T> }>();

  useEffect(() => {
    const list = open();
    let handed: readonly T[] | undefined;
    const stop = list.subscribe(() => {
      const state = list.getState();
      if (state.loaded && state.items !== handed) {
        handed = state.items;
        onItems(state.items);
      }
      setLive({ open, list, state });
    });
    return () => {
      stop();
      list.close();
    };
  }, [open, onItems]);

  const current = live?.open === open ? live : undefined;
  const error = current?.state.error;
  return {
    loaded: current?.state.loaded ?? false,
    status: current?.state.status ?? 'connecting',
    problem: error === undefined ? undefined : readableReason(error, { reading: true }),
    retry: () => current?.list.retry(),
  };
}
