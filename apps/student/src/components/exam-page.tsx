'use client';

import { gradeComparator, gradeDistribution, watchGuestExams, watchGuestResults } from '@exam-results/live-data/guest';
import { useLiveList } from '@exam-results/live-data/react';
import { formatExamDate, plural } from '@exam-results/web-shell';
import Link from 'next/link';
import { useEffect, useMemo } from 'react';
import { browserClient } from '../lib/browser-client';
import { HIGHLIGHT_MS } from '../lib/highlight';
import { sameOwner } from '../lib/same-owner';
import type { ExamPageData } from '../lib/server-reads';
import { ConnectionStatus } from './connection-status';
import { GradeChart } from './grade-chart';
import { LoadError } from './load-error';
import { ResultsTable } from './results-table';

/**
 * One exam at a shareable URL: its results and their distribution, kept live. Key it by `id`.
 * `initial` is what the server read: the first render (the server's HTML) shows it, then the
 * browser subscribes and reconciles; without it the browser reads it.
 */
export function ExamPage({ id, initial }: { id: string; initial: ExamPageData | undefined }) {
  const exams = useLiveList((options) => watchGuestExams(browserClient(), id, options), { highlightMs: HIGHLIGHT_MS, initialItems: initial?.exams });
  const live = useLiveList((options) => watchGuestResults(browserClient(), id, options), { highlightMs: HIGHLIGHT_MS, initialItems: initial?.results });
  const exam = exams.rows[0];

  const owner = exam?.item.owner;
  const results = useMemo(
    () => ({ ...live, rows: live.rows.filter((row) => sameOwner(owner, row.item)), items: live.items.filter((item) => sameOwner(owner, item)) }),
    [live, owner],
  );

  const grades = useMemo(() => results.items.map((result) => result.grade), [results.items]);
  const grading = exam?.item.grading;
  const maxPoints = exam?.item.maxPoints;
  const buckets = useMemo(() => gradeDistribution(grades, { grading, maxPoints }), [grades, grading, maxPoints]);
  const compareGrades = useMemo(() => gradeComparator(grades, { grading, maxPoints }), [grades, grading, maxPoints]);

  const subject = exam?.item.subject;
  useEffect(() => {
    if (subject) document.title = `${subject} · Exam results`;
  }, [subject]);

  const error = exams.error ?? results.error;
  const retry = () => {
    exams.retry();
    live.retry();
  };

  if (exams.loaded && !exam) {
    return (
      <>
        <BackLink />
        <h1>Exam not found</h1>
        <p className="empty">There is no exam at this address, or its teacher removed it.</p>
      </>
    );
  }

  return (
    <>
      <BackLink />
      <header className="page-header">
        <div>
          <h1 aria-busy={!exam}>{exam ? exam.item.subject : <span className="skeleton-text">Loading exam…</span>}</h1>
          <p className="lead">
            {exam ? (
              <>
                <time dateTime={exam.item.date}>{formatExamDate(exam.item.date)}</time> · {exam.item.teacher}
              </>
            ) : (
              ' '
            )}
          </p>
        </div>
        <ConnectionStatus statuses={[exams.status, results.status]} failed={error !== undefined} onRetryNow={() => browserClient().realtime().reconnectNow()} />
      </header>

      {exam?.mark === 'removed' && (
        <p className="notice" role="alert">
          The teacher has just removed this exam.
        </p>
      )}
      {error !== undefined && <LoadError what="This page" error={error} onRetry={retry} />}

      <div className="exam-layout">
        <section aria-labelledby="results-heading" className="exam-results">
          <h2 id="results-heading">
            Results{results.loaded ? <span className="count"> ({results.items.length})</span> : null}
          </h2>
          {!results.loaded ? (
            <div className="skeleton-table" aria-busy="true" aria-label="Loading results" />
          ) : results.rows.length === 0 ? (
            <p className="empty">No results yet — this page updates by itself.</p>
          ) : (
            <ResultsTable rows={results.rows} compareGrades={compareGrades} />
          )}
          <p className="visually-hidden" aria-live="polite">
            {announce(results.rows.map((row) => row.mark))}
          </p>
        </section>
        <section aria-labelledby="distribution-heading" className="exam-chart">
          <h2 id="distribution-heading">Grade distribution</h2>
          <GradeChart title={`Grade distribution${subject ? ` for ${subject}` : ''}`} buckets={buckets} total={results.items.length} />
        </section>
      </div>
    </>
  );
}

function BackLink() {
  return (
    <p className="back">
      <Link href="/">← All exams</Link>
    </p>
  );
}

function announce(marks: readonly (string | undefined)[]): string {
  const count = (mark: string) => marks.filter((m) => m === mark).length;
  const parts = [
    [count('added'), 'result added', 'results added'],
    [count('changed'), 'result changed', 'results changed'],
    [count('removed'), 'result removed', 'results removed'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => plural(n, one, many))
    .join(', ');
}
