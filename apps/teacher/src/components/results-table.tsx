'use client';

import { limits } from '@exam-results/amplify/data/limits';
import { gradeComparator, type Grading } from '@exam-results/live-data';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExamResult } from '../lib/data-api';
import type { ResultInput, ResultsEditor } from '../lib/results-editor';

interface Props {
  editor: ResultsEditor;
  rows: readonly ExamResult[];
  saving: ReadonlySet<string>;
  grading: Grading;
  /** Where focus goes when the last row is deleted. */
  onEmptied: () => void;
}

function EditRow({ row, editor, onDone }: { row: ExamResult; editor: ResultsEditor; onDone: () => void }) {
  const id = useId();
  const [fields, setFields] = useState<Required<ResultInput>>({ student: row.student, grade: row.grade, fullName: row.fullName ?? '' });
  const [problem, setProblem] = useState<string>();

  const save = () => {
    const found = editor.problemWith(fields, row.id);
    setProblem(found?.message);
    if (found) return;
    void editor.edit(row.id, fields);
    onDone();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  };

  return (
    <tr className="editing" onKeyDown={onKeyDown}>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-student`}>
          Student
        </label>
        <input
          id={`${id}-student`}
          value={fields.student}
          maxLength={limits.student}
          autoFocus
          autoComplete="off"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => setFields({ ...fields, student: event.target.value })}
        />
        {problem ? (
          <p id={`${id}-problem`} className="form-error" role="alert">
            {problem}
          </p>
        ) : null}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-grade`}>
          Grade
        </label>
        <input
          id={`${id}-grade`}
          value={fields.grade}
          maxLength={limits.grade}
          autoComplete="off"
          onChange={(event) => setFields({ ...fields, grade: event.target.value })}
        />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-fullName`}>
          Full name
        </label>
        <input
          id={`${id}-fullName`}
          value={fields.fullName}
          maxLength={limits.fullName}
          autoComplete="off"
          onChange={(event) => setFields({ ...fields, fullName: event.target.value })}
        />
      </td>
      <td className="row-actions">
        <button type="button" className="button primary small" onClick={save}>
          Save
        </button>
        <button type="button" className="button secondary small" onClick={onDone}>
          Cancel
        </button>
      </td>
    </tr>
  );
}

/** The results of the exam; each row can be edited in place (Enter saves, Escape cancels) or deleted. */
type SortKey = 'entry' | 'student' | 'grade';

const SORTS: { key: SortKey; label: string }[] = [
  { key: 'entry', label: 'Order entered' },
  { key: 'student', label: 'Student' },
  { key: 'grade', label: 'Grade, best first' },
];

export function ResultsTable({ editor, rows: entered, saving, grading, onEmptied }: Props) {
  const id = useId();
  const [editingId, setEditingId] = useState<string>();
  const [sort, setSort] = useState<SortKey>('entry');
  const table = useRef<HTMLTableElement>(null);
  const rows = useMemo(() => {
    if (sort === 'entry') return entered;
    if (sort === 'student') return [...entered].sort((a, b) => a.student.localeCompare(b.student, undefined, { numeric: true, sensitivity: 'base' }));
    const compare = gradeComparator(entered.map((row) => row.grade), grading);
    return [...entered].sort((a, b) => compare(a.grade, b.grade));
  }, [entered, sort, grading]);

  const focusRowButton = (rowId: string, action: 'edit' | 'delete') => {
    requestAnimationFrame(() =>
      table.current?.querySelector<HTMLButtonElement>(`[data-row="${rowId}"][data-action="${action}"]`)?.focus(),
    );
  };

  const remove = (index: number, row: ExamResult) => {
    const neighbour = rows[index + 1] ?? rows[index - 1];
    void editor.remove(row.id);
    if (neighbour) focusRowButton(neighbour.id, 'delete');
    else onEmptied();
  };

  return (
    <>
    <div className="field sort-field">
      <label htmlFor={`${id}-sort`}>Sort by</label>
      <select id={`${id}-sort`} value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
        {SORTS.map(({ key, label }) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
    </div>
    <div className="results-scroll">
    <table ref={table} className="results">
      <caption className="visually-hidden">Results</caption>
      <thead>
        <tr>
          <th scope="col">Student</th>
          <th scope="col">Grade</th>
          <th scope="col">Full name (only you)</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) =>
          row.id === editingId ? (
            <EditRow
              key={row.id}
              row={row}
              editor={editor}
              onDone={() => {
                setEditingId(undefined);
                focusRowButton(row.id, 'edit');
              }}
            />
          ) : (
            <tr key={row.id} aria-busy={saving.has(row.id) || undefined}>
              <th scope="row">{row.student}</th>
              <td>
                {row.grade}
                {saving.has(row.id) ? <span className="saving"> Saving…</span> : null}
              </td>
              <td className="full-name">{row.fullName}</td>
              <td className="row-actions">
                <button
                  type="button"
                  className="button secondary small"
                  data-row={row.id}
                  data-action="edit"
                  aria-label={`Edit ${row.student}`}
                  onClick={() => setEditingId(row.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button danger small"
                  data-row={row.id}
                  data-action="delete"
                  aria-label={`Delete ${row.student}`}
                  onClick={() => remove(index, row)}
                >
                  Delete
                </button>
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
    </div>
    </>
  );
}
