'use client';

import { chartPassMark, gradeComparator, gradeDistribution, watchGuestExam, watchGuestResults, type Exam, type ExamResult, type LinkStatus, type ReleaseState } from '@exam-results/live-data/guest';
import { useLiveList } from '@exam-results/live-data/react';
import { formatExamDate, plural } from '@exam-results/web-shell';
import { useEffect, useMemo, useRef, useState } from 'react';
import { browserClient } from '../lib/browser-client';
import { HIGHLIGHT_MS } from '../lib/highlight';
import { sameOwner } from '../lib/same-owner';
import type { ExamPageData } from '../lib/server-reads';
import { RELEASE_SPREAD_MS, useReleaseState } from '../lib/use-release';
import { BackLink } from './back-link';
import { ConnectionStatus } from './connection-status';
import { ExamNotFound } from './exam-not-found';
import { GradeChart } from './grade-chart';
import { LoadError } from './load-error';
import { StaticPageNote } from './static-page-note';
import { ReleaseNotice } from './release-notice';
import { ResultsTable } from './results-table';

/**
 * One exam at a shareable URL: its results and their distribution, kept live from their release
 * on. Key it by `id`. `initial` is what the server read: the first render (the server's HTML)
 * shows it, then the browser subscribes and reconciles; without it the browser reads it.
 */
export function ExamPage({ id, initial }: { id: string; initial: ExamPageData | undefined }) {
  const exams = useLiveList((options) => watchGuestExam(browserClient(), id, options), {
    highlightMs: HIGHLIGHT_MS,
    initialItems: initial?.exam ? [initial.exam] : undefined,
  });
  const exam = exams.rows[0];
  const [firstNow] = useState(() => initial?.readAt ?? Date.now());
  const release = useReleaseState(exam?.item, firstNow, RELEASE_SPREAD_MS);
  const released = release?.kind === 'live' || release?.kind === 'released';
  const withdrawn = useWithdrawn(released, exam !== undefined);

  const subject = exam?.item.subject;
  useEffect(() => {
    if (subject) document.title = `${subject} · Exam results`;
  }, [subject]);

  if (exams.loaded && !exam) return <ExamNotFound />;

  const retryNow = () => browserClient().realtime().reconnectNow();
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
        {!released && <ConnectionStatus statuses={[exams.status]} failed={exams.error !== undefined} onRetryNow={retryNow} />}
      </header>
      <StaticPageNote>This page shows the results as they were when it opened. Without JavaScript it does not update by itself: reload it to see changes.</StaticPageNote>

      {exam?.mark === 'removed' && (
        <p className="notice" role="alert">
          The teacher has just removed this exam.
        </p>
      )}
      {exams.error !== undefined && <LoadError what="This page" error={exams.error} onRetry={() => exams.retry()} />}

      {exam && release && !released && <ReleaseNotice release={release as Exclude<ReleaseState, { kind: 'live' | 'released' }>} withdrawn={withdrawn} />}
      {exam && released && (
        <ReleasedResults
          exam={exam.item}
          initialResults={initial?.results ?? undefined}
          examStatus={exams.status}
          examFailed={exams.error !== undefined}
          onRetryNow={retryNow}
        />
      )}
    </>
  );
}

/** Whether the results were shown on this page and then withdrawn by the teacher. */
function useWithdrawn(released: boolean, known: boolean): boolean {
  const [seen, setSeen] = useState({ wasReleased: false, withdrawn: false });
  const next = !known ? seen : released ? { wasReleased: true, withdrawn: false } : { wasReleased: seen.wasReleased, withdrawn: seen.wasReleased };
  if (next.wasReleased !== seen.wasReleased || next.withdrawn !== seen.withdrawn) setSeen(next);
  return next.withdrawn;
}

// AppSync refuses the results a moment early when this device's clock runs ahead of AWS's: try again shortly.
const EARLY_RETRIES = 5;

function ReleasedResults({
  exam,
  initialResults,
  examStatus,
  examFailed,
  onRetryNow,
}: {
  exam: Exam;
  initialResults: ExamResult[] | undefined;
  examStatus: LinkStatus;
  examFailed: boolean;
  onRetryNow: () => void;
}) {
  // One read, once the subscriptions are acknowledged: at a release every open page reads at once.
  const live = useLiveList((options) => watchGuestResults(browserClient(), exam.id, { ...options, listWhenLive: true }), {
    highlightMs: HIGHLIGHT_MS,
    initialItems: initialResults,
  });
  const earlyRetries = useRef(0);
  const { error, retry } = live;
  useEffect(() => {
    if (error === undefined || !/not released yet/.test(error) || earlyRetries.current >= EARLY_RETRIES) return;
    earlyRetries.current += 1;
    const timer = setTimeout(retry, 1000 + Math.random() * 1000);
    return () => clearTimeout(timer);
  }, [error, retry]);

  const owner = exam.owner;
  const results = useMemo(
    () => ({ ...live, rows: live.rows.filter((row) => sameOwner(owner, row.item)), items: live.items.filter((item) => sameOwner(owner, item)) }),
    [live, owner],
  );
  const grades = useMemo(() => results.items.map((result) => result.grade), [results.items]);
  const { grading, maxPoints, subject, passMark } = exam;
  const buckets = useMemo(() => gradeDistribution(grades, { grading, maxPoints }), [grades, grading, maxPoints]);
  const compareGrades = useMemo(() => gradeComparator(grades, { grading, maxPoints }), [grades, grading, maxPoints]);

  return (
    <>
      <ConnectionStatus statuses={[examStatus, results.status]} failed={examFailed || results.error !== undefined} onRetryNow={onRetryNow} />
      {results.error !== undefined && <LoadError what="The results" error={results.error} onRetry={retry} />}
      <div className="exam-layout">
        <section aria-labelledby="results-heading" className="exam-results">
          <h2 id="results-heading">
            Results{results.loaded ? <span className="count"> ({results.items.length})</span> : null}
          </h2>
          {!results.loaded ? (
            <div className="skeleton-table" aria-busy="true" aria-label="Loading results" />
          ) : results.rows.length === 0 ? (
            <p className="empty">
              No results yet<span className="needs-script"> — this page updates by itself</span>.
            </p>
          ) : (
            <ResultsTable rows={results.rows} compareGrades={compareGrades} />
          )}
          <p className="visually-hidden" aria-live="polite">
            {announce(results.rows.map((row) => row.mark))}
          </p>
        </section>
        <section aria-labelledby="distribution-heading" className="exam-chart">
          <h2 id="distribution-heading">Grade distribution</h2>
          <GradeChart
            title={`Grade distribution for ${subject}`}
            buckets={buckets}
            total={results.items.length}
            passMark={chartPassMark(passMark, { grading, maxPoints })}
          />
        </section>
      </div>
    </>
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
