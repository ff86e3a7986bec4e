'use client';

import { watchExams, watchResults } from '@exam-results/live-data';
import { useLiveList } from '@exam-results/live-data/react';
import { formatExamDate } from '@exam-results/web-shell';
import Link from 'next/link';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { countResults } from '../lib/format';
import { ResultsEditor } from '../lib/results-editor';
import { AddResultForm } from './add-result-form';
import { BulkImport } from './bulk-import';
import { LiveIndicator, LoadStatus } from './live-status';
import { Notices } from './notices';
import { ResultsTable } from './results-table';
import { useSession } from './session';

/** One exam and its results, live: add, edit in place, delete with undo, import many. */
export function ExamPage({ examId }: { examId: string }) {
  const { client, api } = useSession();
  const [editor] = useState(() => new ResultsEditor(examId, api));
  const view = useSyncExternalStore(editor.subscribe, editor.getSnapshot, editor.getSnapshot);
  const examLive = useLiveList(() => watchExams(client, examId));
  const exam = examLive.items[0];
  const results = useLiveList(() => watchResults(client, examId), { onItems: (rows) => editor.setServerRows(rows) });

  useEffect(() => () => editor.close(), [editor]);

  const back = (
    <p>
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
        {results.loaded ? <span>{countResults(view.rows.length)}</span> : null}
      </p>
      <LiveIndicator live={results} />

      <section aria-labelledby="results-heading" className="panel">
        <h2 id="results-heading">Results</h2>
        <AddResultForm editor={editor} />
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
          <ResultsTable editor={editor} rows={view.rows} saving={view.saving} onEmptied={focusStudentField} />
        )}
      </section>

      <BulkImport editor={editor} rows={view.rows} />
    </>
  );
}
