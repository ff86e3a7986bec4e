'use client';

import type { Notice } from '../lib/store';

/** Writes the backend refused, already undone on screen, each with a way to dismiss it. */
export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  return (
    <div role="alert" className="notices">
      {notices.map((notice) => (
        <div key={notice.id} className="notice">
          <p>{notice.text}</p>
          <button type="button" className="button secondary small" onClick={() => onDismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
