'use client';

import type { Notice } from '../lib/store';

/** Writes the backend refused, already undone on screen, each with a way to dismiss it, and to retry an entry that was not saved. */
export function Notices({ notices, onDismiss, connectionBack = false }: { notices: readonly Notice[]; onDismiss: (id: number) => void; connectionBack?: boolean }) {
  return (
    <div role="alert" className="notices">
      {connectionBack ? <p className="connection-back">The connection is back: retry the entries that were not saved.</p> : null}
      {notices.map((notice) => (
        <div key={notice.id} className="notice">
          <p>{notice.text}</p>
          {notice.retry ? (
            <button type="button" className="button primary small" onClick={notice.retry}>
              Retry
            </button>
          ) : null}
          <button type="button" className="button secondary small" onClick={() => onDismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
