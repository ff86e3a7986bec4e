'use client';

import { describeGrading } from '@exam-results/live-data';
import { useLiveList } from '@exam-results/live-data/react';
import { formatExamDate } from '@exam-results/web-shell';
import Link from 'next/link';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { watchTeacherExams, watchTeacherResults } from '../lib/data-api';
import { countResults } from '../lib/format';
import { csvFileName, resultsCsv } from '../lib/results-csv';
import { ResultsEditor } from '../lib/results-editor';
import { AddResultForm } from './add-result-form';
import { BulkImport } from './bulk-import';
import { LiveIndicator, LoadStatus } from './live-status';
import { Notices } from './notices';
import { ResultsTable } from './results-table';
import { useSession } from './session';
import { StatisticsPanel } from './statistics-panel';
import { StudentPagePanel } from './student-page-panel';

function download(name: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** One exam and its results, live: add, edit in place, delete with undo, import many; statistics; the student page. */
export function ExamPage({ examId }: { examId: string }) {
  const { client, api, outboxes } = useSession();
  const [editor] = useState(() => new ResultsEditor(examId, api, { outbox: outboxes.results }));
  const view = useSyncExternalStore(editor.subscribe, editor.getSnapshot, editor.getSnapshot);
  const examLive = useLiveList(() => watchTeacherExams(client, examId));
  const exam = examLive.items[0];
  const results = useLiveList(() => watchTeacherResults(client, examId), { onItems: (rows) => editor.setServerRows(rows) });
  const grading = useMemo(() => ({ grading: exam?.grading ?? null, maxPoints: exam?.maxPoints ?? null }), [exam?.grading, exam?.maxPoints]);
  const grades = useMemo(() => view.rows.map((row) => row.grade), [view.rows]);

  useEffect(() => () => editor.close(), [editor]);
  useEffect(() => editor.setGrading(grading), [editor, grading]);
  const connected = results.status === 'live' && results.error === undefined;
  useEffect(() => editor.setConnection(connected), [editor, connected]);

  const back = (
    <p className="back">
      <Link href="/">← All exams</Link>
    </p>
  );

  if (!examLive.loaded) {
    return (
      <>
        {back}
        <LoadStatus live={examLive} what="the exam" />
      </>
    );
  }
  if (!exam) {
    return (
      <>
        {back}
        <h1>Exam not found</h1>
        <p className="empty">This exam does not exist or has been deleted.</p>
      </>
    );
  }

  const focusStudentField = () => document.querySelector<HTMLInputElement>('.add-result input[name="student"]')?.focus();

  return (
    <>
      {back}
      <h1>{exam.subject}</h1>
      <p className="exam-meta">
        <span>{formatExamDate(exam.date)}</span>
        <span>{exam.teacher}</span>
        <span>{describeGrading(grading)}</span>
        {results.loaded ? <span>{countResults(view.rows.length)}</span> : null}
      </p>
      <LiveIndicator live={results} />

      <section aria-labelledby="results-heading" className="panel">
        <h2 id="results-heading">Results</h2>
        <AddResultForm editor={editor} gradeHint={describeGrading(grading)} />
        <BulkImport editor={editor} rows={view.rows} />
        <div className="actions page-actions">
          <button
            type="button"
            className="button secondary"
            disabled={view.rows.length === 0}
            onClick={() => download(csvFileName(exam.subject, exam.date), resultsCsv(view.rows))}
          >
            Export CSV
          </button>
          <button type="button" className="button secondary" onClick={() => window.print()}>
            Print
          </button>
        </div>
        <Notices notices={view.notices} onDismiss={(id) => editor.dismissNotice(id)} />
        <div className="undo-bar" role="status">
          {view.undo ? (
            <>
              <span>{view.undo.text}</span>
              <button type="button" className="button secondary small" onClick={() => void editor.undo()}>
                Undo
              </button>
            </>
          ) : null}
        </div>
        {!results.loaded ? (
          <LoadStatus live={results} what="the results" />
        ) : view.rows.length === 0 ? (
          <p className="empty">No results yet — add the first one above.</p>
        ) : (
          <ResultsTable editor={editor} rows={view.rows} saving={view.saving} grading={grading} onEmptied={focusStudentField} />
        )}
      </section>

      <StatisticsPanel grades={grades} grading={grading} />
      <StudentPagePanel examId={exam.id} subject={exam.subject} rows={view.rows} />
    </>
  );
}
