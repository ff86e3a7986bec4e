'use client';

import type { Notice } from '../lib/store';

/**
 * Writes the backend refused, already undone on screen, and writes waiting for the server, each
 * with a way to dismiss it, and to retry an entry that was not saved or send a waiting one now.
 */
export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  return (
    <div role="alert" className="notices">
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
