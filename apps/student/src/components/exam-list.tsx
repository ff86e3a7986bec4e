'use client';

import { listGuestExamsPage, watchGuestRecentExams, type Exam } from '@exam-results/live-data/guest';
import { useLiveList, type Row } from '@exam-results/live-data/react';
import { formatExamDate, formatReleaseTime } from '@exam-results/web-shell';
import Link from 'next/link';
import { useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { browserClient } from '../lib/browser-client';
import { findExams } from '../lib/exam-search';
import { HIGHLIGHT_MS } from '../lib/highlight';
import type { ExamListData } from '../lib/server-reads';
import { useReleaseState } from '../lib/use-release';
import { ConnectionStatus } from './connection-status';
import { LoadError } from './load-error';
import { StaticPageNote } from './static-page-note';

const byDateNewestFirst = (a: Row<Exam>, b: Row<Exam>) => b.item.date.localeCompare(a.item.date) || b.item.createdAt.localeCompare(a.item.createdAt);

/**
 * The most recent exams, newest first, a page at a time, and when each one's results come;
 * `initial` is what the server read. It reads no result: an exam's page does.
 */
export function ExamList({ initial }: { initial: ExamListData | undefined }) {
  const exams = useLiveList((options) => watchGuestRecentExams(browserClient(), options), { highlightMs: HIGHLIGHT_MS, initialItems: initial?.exams });
  const older = useOlderExams(initial?.nextToken);
  const [firstNow] = useState(() => initial?.readAt ?? Date.now());
  const [search, setSearch] = useState('');
  const [subject, setSubject] = useState('');
  const searchId = useId();
  const subjectId = useId();

  const rows = useMemo(() => {
    const recent = new Set(exams.rows.map((row) => row.item.id));
    return [...exams.rows, ...older.exams.filter((exam) => !recent.has(exam.id)).map((item): Row<Exam> => ({ item, mark: undefined }))].sort(byDateNewestFirst);
  }, [exams.rows, older.exams]);
  const subjects = useMemo(() => [...new Set(rows.map((row) => row.item.subject))].sort((a, b) => a.localeCompare(b)), [rows]);
  const visible = useMemo(() => findExams(rows, search, subject), [rows, search, subject]);
  const list = useRef<HTMLUListElement>(null);

  // The keyboard goes on from the first exam shown of those added (exams of one date may fall among the ones shown
  // already), or from the last one when there was none to add.
  const showOlder = async () => {
    if (older.loading) return;
    const added = new Set((await older.loadMore()).map((exam) => exam.id));
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.exam-link') ?? [])];
    (links.find((link) => added.has(link.dataset.examId ?? '')) ?? links.at(-1))?.focus();
  };

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Exam results</h1>
          <p className="lead">Results appear here as teachers release them. No account needed.</p>
        </div>
        <ConnectionStatus statuses={[exams.status]} failed={exams.error !== undefined} onRetryNow={() => browserClient().realtime().reconnectNow()} />
      </header>
      <StaticPageNote>This list is as it was when the page opened. Without JavaScript it does not update by itself: reload it to see new exams.</StaticPageNote>

      {exams.error !== undefined && <LoadError what="The exam list" error={exams.error} onRetry={() => exams.retry()} />}

      <div className="filters needs-script" role="search">
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
      ) : rows.length === 0 ? (
        <p className="empty">
          No exams yet<span className="needs-script"> — this page updates by itself</span>.
        </p>
      ) : visible.length === 0 ? (
        <p className="empty">No exam matches your search.</p>
      ) : (
        <ul className="exam-list" aria-label="Exams, newest first" ref={list}>
          {visible.map(({ item, mark }) => (
            <li key={`${item.id}:${item.updatedAt}`} className="exam-card" data-mark={mark}>
              {mark === 'removed' ? (
                <span className="exam-link">
                  <ExamSummary exam={item} firstNow={firstNow} />
                </span>
              ) : (
                <Link className="exam-link" href={`/exams/${encodeURIComponent(item.id)}`} data-exam-id={item.id}>
                  <ExamSummary exam={item} firstNow={firstNow} />
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {exams.loaded && older.hasMore && (
        <p className="more needs-script">
          {/* aria-disabled, not disabled: a disabled button would drop the keyboard's focus to the page while it loads. */}
          <button type="button" onClick={() => void showOlder()} aria-disabled={older.loading}>
            {older.loading ? 'Loading older exams…' : 'Show older exams'}
          </button>
        </p>
      )}
      {older.error !== undefined && (
        <p className="notice notice-error" role="alert">
          Older exams could not be read: {older.error}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announce(exams.rows)}
      </p>
    </>
  );
}

/**
 * Older exams, read a page at a time on demand (`listExamsByDate`). `firstNextToken` is where the
 * server's first page ended; without it (the browser read the first page) the first request
 * finds it again.
 */
function useOlderExams(firstNextToken: string | null | undefined) {
  const [exams, setExams] = useState<Exam[]>([]);
  const [nextToken, setNextToken] = useState<string | null | undefined>(firstNextToken);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  /** Reads the next page and returns its exams, shown by the time it returns. */
  async function loadMore(): Promise<Exam[]> {
    setLoading(true);
    setError(undefined);
    let added: Exam[] = [];
    try {
      const token = nextToken === undefined ? (await listGuestExamsPage(browserClient())).nextToken : nextToken;
      if (token === null) {
        flushSync(() => setNextToken(null));
        return added;
      }
      const page = await listGuestExamsPage(browserClient(), token);
      added = page.items;
      flushSync(() => {
        setExams((shown) => [...shown, ...page.items]);
        setNextToken(page.nextToken);
      });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      flushSync(() => setLoading(false));
    }
    return added;
  }
  return { exams, hasMore: nextToken !== null, loading, error, loadMore };
}

function ExamSummary({ exam, firstNow }: { exam: Exam; firstNow: number }) {
  return (
    <>
      <span className="exam-subject">{exam.subject}</span>
      <span className="exam-meta">
        <time dateTime={exam.date}>{formatExamDate(exam.date)}</time> · {exam.teacher}
      </span>
      <span className="exam-count">
        <ReleaseLine exam={exam} firstNow={firstNow} />
      </span>
    </>
  );
}

// The list reads no result, so it cannot tell whether any is entered yet: it says only what the exam's settings say.
function ReleaseLine({ exam, firstNow }: { exam: Exam; firstNow: number }) {
  const release = useReleaseState(exam, firstNow, 0);
  if (release.kind === 'scheduled') return <>Results at {formatReleaseTime(release.at)}</>;
  if (release.kind === 'draft') return <>Results not released yet</>;
  if (release.kind === 'released') return <>Results released</>;
  return <>Results as they are entered</>;
}

function announce(rows: readonly Row<Exam>[]): string {
  const added = rows.filter((row) => row.mark === 'added').map((row) => row.item.subject);
  return added.length > 0 ? `New exam: ${added.join(', ')}` : '';
}
