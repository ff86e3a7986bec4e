'use client';

import { describeGrading } from '@exam-results/live-data';
import { useLiveList } from '@exam-results/live-data/react';
import { formatExamDate } from '@exam-results/web-shell';
import Link from 'next/link';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { watchTeacherExam, watchTeacherResults } from '../lib/data-api';
import { countResults } from '../lib/format';
import { csvFileName, resultsCsv } from '../lib/results-csv';
import { ResultsEditor } from '../lib/results-editor';
import { BulkImport } from './bulk-import';
import { LiveIndicator, LoadStatus } from './live-status';
import { Notices } from './notices';
import { ResultsTable } from './results-table';
import { useSession } from './session';
import { ReleasePanel } from './release-panel';
import { StatisticsPanel } from './statistics-panel';
import { StudentPagePanel } from './student-page-panel';

function download(name: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** One exam and its results, live: a grid to add, edit in place and delete with undo, import many; statistics and the student page beside it (under it on a narrow screen). */
export function ExamPage({ examId }: { examId: string }) {
  const { client, api, outboxes } = useSession();
  const [editor] = useState(() => new ResultsEditor(examId, api, { outbox: outboxes.results }));
  const view = useSyncExternalStore(editor.subscribe, editor.getSnapshot, editor.getSnapshot);
  const examLive = useLiveList(() => watchTeacherExam(client, examId));
  // An exam created while the server is out of reach is shown as the teacher made it until the server
  // has it: results can be entered at once, and wait for the exam's create.
  const unsentExams = useSyncExternalStore(outboxes.exams.subscribe, outboxes.exams.getSnapshot, outboxes.exams.getSnapshot);
  const unsentCreate = unsentExams.find((write) => write.op === 'create' && write.item.id === examId)?.item;
  const exam = examLive.items[0] ?? unsentCreate;
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

  if (!examLive.loaded && !unsentCreate) {
    return (
      <>
        {back}
        <h1>Exam</h1>
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

      <div className="exam-layout">
        <section aria-labelledby="results-heading" className="panel results-panel">
          <h2 id="results-heading">Results</h2>
          {results.loaded ? null : <LoadStatus live={results} what="the results" />}
          <ResultsTable editor={editor} rows={view.rows} saving={view.saving} grading={grading} gradeHint={describeGrading(grading)} labelledBy="results-heading" />
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
          <BulkImport editor={editor} rows={view.rows} />
        </section>

        <div className="exam-side">
          <ReleasePanel exam={exam} onChange={async (change) => void (await api.updateExam({ id: exam.id, ...change }))} />
          <StatisticsPanel grades={grades} grading={grading} examId={exam.id} passMark={exam.passMark ?? null} />
          <StudentPagePanel examId={exam.id} subject={exam.subject} rows={view.rows} />
        </div>
      </div>
    </>
  );
}
