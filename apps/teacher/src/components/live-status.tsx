'use client';

import type { LiveView } from '@exam-results/live-data/react';
import { readableReason } from '../lib/data-errors';

/** Why reading or listening failed, as a sentence for the teacher. */
function problemOf({ error }: LiveView<unknown>): string | undefined {
  return error === undefined ? undefined : readableReason(error, { reading: true });
}

/** What to show instead of a list that is loading or could not be read. */
export function LoadStatus({ live, what }: { live: LiveView<unknown>; what: string }) {
  const problem = problemOf(live);
  if (problem !== undefined && !live.loaded) {
    return (
      <div className="load-error" role="alert">
        <p>
          Could not load {what}. {problem}
        </p>
        <button type="button" className="button secondary" onClick={live.retry}>
          Try again
        </button>
      </div>
    );
  }
  if (!live.loaded) {
    return (
      <p className="loading" role="status">
        Loading {what}…
      </p>
    );
  }
  return null;
}

/**
 * One status for a live list: live, connecting, reconnecting (with "Retry now", which subscribes
 * again at once instead of at the next try) or, when reading or listening failed with the
 * connection up, stopped with "Reconnect".
 */
export function LiveIndicator({ live }: { live: LiveView<unknown> }) {
  const problem = problemOf(live);
  if (live.loaded && problem !== undefined && live.status !== 'reconnecting') {
    return (
      <p className="live-indicator stopped" role="status">
        Live updates stopped. {problem}{' '}
        <button type="button" className="button secondary small" onClick={live.retry}>
          Reconnect
        </button>
      </p>
    );
  }
  if (live.status === 'reconnecting') {
    return (
      <p className="live-indicator reconnecting" role="status">
        Reconnecting… changes made elsewhere will show when back{' '}
        <button type="button" className="button secondary small" onClick={live.retry}>
          Retry now
        </button>
      </p>
    );
  }
  const text = {
    connecting: 'Connecting for live updates…',
    live: 'Live: changes from other tabs show here',
  }[live.status];
  return (
    <p className={`live-indicator ${live.status}`} role="status">
      {text}
    </p>
  );
}
