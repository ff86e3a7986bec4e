'use client';

import { useId, useState } from 'react';
import type { ExamResult } from '../lib/data-api';
import { studentExamUrl } from '../lib/student-link';
import { Dialog } from './dialog';
import { QrCode } from './qr-code';

/**
 * What students see of this exam and where: the public link (open, copy, QR code for a
 * projector), a plain notice that anyone with the link can read it, and a preview of it.
 */
export function StudentPagePanel({ examId, subject, rows }: { examId: string; subject: string; rows: readonly ExamResult[] }) {
  const id = useId();
  const url = studentExamUrl(examId);
  const [copied, setCopied] = useState<'copied' | 'failed'>();
  const [projecting, setProjecting] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="panel student-page">
      <h2 id={`${id}-heading`}>Student page</h2>
      <p className="public-notice">
        <strong>Anyone with this link can read it, without signing in:</strong> the subject, date and teacher, and each result’s
        name from the Student column with its grade. Full names are never shown there.
      </p>
      <div className="field">
        <label htmlFor={`${id}-url`}>Link to the student page</label>
        <input id={`${id}-url`} readOnly value={url} onFocus={(event) => event.target.select()} />
      </div>
      <div className="actions">
        <a className="button secondary" href={url} target="_blank" rel="noopener noreferrer">
          Open student page
        </a>
        <button type="button" className="button secondary" onClick={() => void copy()}>
          Copy link
        </button>
        <button type="button" className="button secondary" onClick={() => setProjecting(true)}>
          Show QR code
        </button>
        <span role="status" className="copy-status">
          {copied === 'copied' ? 'Link copied.' : copied === 'failed' ? 'Could not copy: select the link above and copy it.' : ''}
        </span>
      </div>
      <details className="student-preview">
        <summary>Preview what students see</summary>
        {rows.length === 0 ? (
          <p className="empty">No results yet: students see an empty list.</p>
        ) : (
          <table>
            <caption className="visually-hidden">What students see</caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Grade</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.student}</td>
                  <td>{row.grade}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
      {projecting ? (
        <Dialog title={`${subject}: scan for the results`} onClose={() => setProjecting(false)} className="projector">
          <QrCode text={url} label={`QR code of ${url}`} />
          <p className="projector-url">{url}</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setProjecting(false)} data-autofocus>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
