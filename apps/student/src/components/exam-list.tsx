'use client';

import { watchGuestExams, watchGuestResults, type Exam } from '@exam-results/live-data/guest';
import { useLiveList, type Row } from '@exam-results/live-data/react';
import { formatExamDate, plural } from '@exam-results/web-shell';
import Link from 'next/link';
import { useId, useMemo, useState } from 'react';
import { browserClient } from '../lib/browser-client';
import { findExams } from '../lib/exam-search';
import { HIGHLIGHT_MS } from '../lib/highlight';
import { sameOwner } from '../lib/same-owner';
import type { ExamListData } from '../lib/server-reads';
import { ConnectionStatus } from './connection-status';
import { LoadError } from './load-error';

/** Every exam, newest first, with its number of results; `initial` is what the server read. */
export function ExamList({ initial }: { initial: ExamListData | undefined }) {
  const exams = useLiveList((options) => watchGuestExams(browserClient(), undefined, options), { highlightMs: HIGHLIGHT_MS, initialItems: initial?.exams });
  const results = useLiveList((options) => watchGuestResults(browserClient(), undefined, options), { initialItems: initial?.results });
  const [search, setSearch] = useState('');
  const [subject, setSubject] = useState('');
  const searchId = useId();
  const subjectId = useId();

  // Only results written by the exam's own teacher count (defence in depth, as on the exam page).
  const resultCounts = useMemo(() => {
    const owners = new Map(exams.items.map((exam) => [exam.id, exam.owner]));
    const counts = new Map<string, number>();
    for (const { examId, owner } of results.items) {
      if (sameOwner(owners.get(examId), { owner })) counts.set(examId, (counts.get(examId) ?? 0) + 1);
    }
    return counts;
  }, [exams.items, results.items]);

  const subjects = useMemo(() => [...new Set(exams.items.map((exam) => exam.subject))].sort((a, b) => a.localeCompare(b)), [exams.items]);

  const visible = useMemo(() => findExams(exams.rows, search, subject), [exams.rows, search, subject]);

  const error = exams.error ?? results.error;
  const retry = () => {
    exams.retry();
    results.retry();
  };

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Exam results</h1>
          <p className="lead">Results appear here as teachers enter them. No account needed.</p>
        </div>
        <ConnectionStatus statuses={[exams.status, results.status]} failed={error !== undefined} onRetryNow={() => browserClient().realtime().reconnectNow()} />
      </header>

      {error !== undefined && <LoadError what="The exam list" error={error} onRetry={retry} />}

      <div className="filters" role="search">
        <div className="field">
          <label htmlFor={searchId}>Search</label>
          <input
            id={searchId}
            type="search"
            placeholder="Subject or teacher"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={subjectId}>Subject</label>
          <select id={subjectId} value={subject} onChange={(event) => setSubject(event.target.value)}>
            <option value="">All subjects</option>
            {subjects.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      </div>

      {!exams.loaded ? (
        <ul className="exam-list" aria-busy="true" aria-label="Loading exams">
          {[0, 1, 2].map((n) => (
            <li key={n} className="exam-card skeleton" />
          ))}
        </ul>
      ) : exams.rows.length === 0 ? (
        <p className="empty">No exams yet — this page updates by itself.</p>
      ) : visible.length === 0 ? (
        <p className="empty">No exam matches your search.</p>
      ) : (
        <ul className="exam-list" aria-label="Exams, newest first">
          {visible.map(({ item, mark }) => {
            const count = resultCounts.get(item.id) ?? 0;
            return (
              <li key={`${item.id}:${item.updatedAt}`} className="exam-card" data-mark={mark}>
                {mark === 'removed' ? (
                  <span className="exam-link">
                    <ExamSummary exam={item} count={count} />
                  </span>
                ) : (
                  <Link className="exam-link" href={`/exams/${encodeURIComponent(item.id)}`}>
                    <ExamSummary exam={item} count={count} />
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announce(exams.rows)}
      </p>
    </>
  );
}

function ExamSummary({ exam, count }: { exam: Exam; count: number }) {
  return (
    <>
      <span className="exam-subject">{exam.subject}</span>
      <span className="exam-meta">
        <time dateTime={exam.date}>{formatExamDate(exam.date)}</time> · {exam.teacher}
      </span>
      <span className="exam-count">{plural(count, 'result', 'results')}</span>
    </>
  );
}

function announce(rows: readonly Row<Exam>[]): string {
  const added = rows.filter((row) => row.mark === 'added').map((row) => row.item.subject);
  return added.length > 0 ? `New exam: ${added.join(', ')}` : '';
}
