'use client';

import { plural } from '@exam-results/web-shell';
import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { BatchProgress } from '../lib/batch';
import { notTextProblem, previewImport, withoutImported } from '../lib/csv-import';
import type { ExamResult } from '../lib/data-api';
import { importResults, summarizeImport, type ImportOutcome } from '../lib/import-results';
import { problemWith } from '../lib/result-check';
import type { ResultsEditor } from '../lib/results-editor';
import { useFocusRescue } from './use-focus-rescue';
import './bulk-import.css';

type Run = { phase: 'importing'; progress: BatchProgress } | { phase: 'done'; outcome: ImportOutcome };

/**
 * Paste lines, pick or drop a CSV file, check the preview (the check every save makes), import with
 * progress; rows that did not land stay in the box on their own lines, listed with why.
 */
export function BulkImport({ editor, rows }: { editor: ResultsEditor; rows: readonly ExamResult[] }) {
  const id = useId();
  const [text, setText] = useState('');
  const [run, setRun] = useState<Run>();
  const [fileError, setFileError] = useState<string>();
  const { grading } = useSyncExternalStore(editor.subscribe, editor.getSnapshot, editor.getSnapshot);
  const preview = useMemo(() => previewImport(text, (input) => problemWith(input, grading, rows)), [text, grading, rows]);
  const importing = run?.phase === 'importing';
  // the box and the Import button are disabled while it runs: focus goes to how it went
  const [outcomeRef, actedOnImport] = useFocusRescue<HTMLDivElement>();

  const readFile = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    try {
      const content = await file.text();
      const problem = notTextProblem(content, file.name);
      if (problem) {
        setFileError(problem);
        return;
      }
      setText(content);
      setRun(undefined);
    } catch {
      setFileError(`Could not read ${file.name}. Choose a CSV or text file.`);
    }
  };

  const start = async () => {
    actedOnImport();
    const lines = preview.ready;
    setRun({ phase: 'importing', progress: { done: 0, failed: 0, total: lines.length } });
    const outcome = await importResults(lines, editor, {
      onProgress: (progress) => setRun({ phase: 'importing', progress }),
    });
    setRun({ phase: 'done', outcome });
    setText(withoutImported(text, outcome.succeeded));
  };

  return (
    <details
      className="panel bulk-import"
      onDragOver={(event) => {
        if (!importing && event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (importing) return;
        event.preventDefault();
        event.currentTarget.open = true;
        void readFile(event.dataTransfer.files[0]);
      }}
    >
      <summary>Add many results at once: paste, choose or drop a CSV file</summary>
      <div className="field">
        <label htmlFor={`${id}-text`}>Paste one result per line: student, grade</label>
        <p id={`${id}-hint`} className="hint">
          Separate the name and the grade with a comma, or paste two columns from a spreadsheet. Put a name that contains a
          comma in double quotes. A first line “student,grade” is skipped; under a first line “Student,Grade,Full name”
          (as Export CSV writes) a third column gives the full names only you see.
        </p>
        <textarea
          id={`${id}-text`}
          rows={6}
          value={text}
          disabled={importing}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setText(event.target.value);
            setRun(undefined);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>Or choose a CSV file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv,text/plain"
          disabled={importing}
          onChange={(event) => void readFile(event.target.files?.[0])}
        />
        {fileError ? (
          <p className="form-error" role="alert">
            {fileError}
          </p>
        ) : null}
      </div>

      <div ref={outcomeRef} tabIndex={-1} className="import-outcome">
        {run?.phase === 'importing' ? (
          <div className="import-progress" role="status">
            <label htmlFor={`${id}-progress`}>
              Importing: {run.progress.done} of {run.progress.total}
              {run.progress.failed > 0 ? `, ${run.progress.failed} failed` : ''}
            </label>
            <progress id={`${id}-progress`} max={run.progress.total} value={run.progress.done} />
          </div>
        ) : null}

        {run?.phase === 'done' ? (
          <div className={run.outcome.failed.length ? 'import-summary partial' : 'import-summary'} role="status">
            <p>{summarizeImport(run.outcome)}</p>
            {run.outcome.failed.length ? (
              <>
                <ul>
                  {run.outcome.failed.map(({ item, message }) => (
                    <li key={item.line}>
                      Line {item.line}: {message}
                    </li>
                  ))}
                </ul>
                <p>They are still in the box above, on the same lines: correct them or try again.</p>
              </>
            ) : null}
          </div>
        ) : null}
      </div>

      {!importing && (preview.ready.length > 0 || preview.failing.length > 0) ? (
        <div className="import-preview">
          <h3 id={`${id}-preview`}>Preview</h3>
          <p>
            {preview.ready.length} ready to import
            {preview.failing.length ? `, ${preview.failing.length} will not be imported` : ''}
            {preview.headerSkipped ? ' (the header line is skipped)' : ''}.
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-preview`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Student</th>
                  <th scope="col">Grade</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {[...preview.ready.map((row) => ({ ...row, problem: undefined })), ...preview.failing]
                  .sort((a, b) => a.line - b.line)
                  .map((row) => (
                    <tr key={row.line} className={row.problem ? 'failing' : undefined}>
                      <td>{row.line}</td>
                      <td>{row.student}</td>
                      <td>{row.grade}</td>
                      <td>{row.problem ?? 'Ready'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="button primary" disabled={preview.ready.length === 0} onClick={() => void start()}>
            {preview.ready.length === 0 ? 'Nothing to import' : `Import ${plural(preview.ready.length, 'result', 'results')}`}
            {preview.failing.length ? ` (skip ${preview.failing.length})` : ''}
          </button>
        </div>
      ) : null}
    </details>
  );
}
