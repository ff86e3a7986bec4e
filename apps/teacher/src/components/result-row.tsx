'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ExamResult } from '../lib/data-api';
import type { ResultsEditor } from '../lib/results-editor';
import { describedBy, useLimitedText } from './limited-input';
import { ACTION_COLUMN, COLUMN, RESULT_COLUMNS, type CellPosition, type ResultField } from './result-columns';
import { RowNotes } from './row-notes';

/** A cell being edited: what its input starts with, and whether it starts selected (typing replaces it). */
export interface CellEdit {
  field: ResultField;
  draft: string;
  select: boolean;
}

interface Props {
  row: ExamResult;
  /** Its place in the grid. */
  index: number;
  editor: ResultsEditor;
  saving: boolean;
  /** The column that is this grid's one tab stop, when it is in this row. */
  tabStop: number | undefined;
  /** Mount the row again (a new `key`) for each edit: the draft starts from `edit`. */
  edit: CellEdit | undefined;
  /** A key pressed on a cell that is not being edited: moves, starts an edit, or undoes. */
  onCellKeyDown: (event: KeyboardEvent, at: CellPosition, row: ExamResult) => void;
  onStartEdit: (row: ExamResult, edit: CellEdit) => void;
  /** The edit is over (saved or cancelled); `then` is where the keyboard goes next, if anywhere. */
  onEditDone: (at: CellPosition, then?: CellPosition) => void;
  onDelete: (row: ExamResult, index: number) => void;
}

const valuesOf = (row: ExamResult): Record<ResultField, string> => ({ student: row.student, grade: row.grade, fullName: row.fullName ?? '' });

/** One result in the grid: each value is a cell that is edited in place, and a Delete button. */
export function ResultRow({ row, index, editor, saving, tabStop, edit, onCellKeyDown, onStartEdit, onEditDone, onDelete }: Props) {
  const id = useId();
  const column = COLUMN[edit?.field ?? 'grade'];
  const [draft, setDraft] = useState(edit?.draft ?? '');
  const [problem, setProblem] = useState<string>();
  const finished = useRef(false);
  const limited = useLimitedText({
    value: draft,
    onValueChange: (value) => {
      setDraft(value);
      setProblem(undefined);
    },
    limit: column.limit,
    what: column.what,
  });
  const at = (col: number): CellPosition => ({ row: index, col });

  /** Saves the draft; false when it cannot be saved, and the problem shows. An unchanged value is not checked again. */
  const save = (): boolean => {
    if (!edit) return true;
    finished.current = draft === valuesOf(row)[edit.field];
    if (finished.current) return true;
    const values = { ...valuesOf(row), [edit.field]: draft };
    const found = editor.problemWith(values, row.id);
    if (found) {
      setProblem(found.message);
      return false;
    }
    finished.current = true;
    void editor.edit(row.id, values);
    return true;
  };

  const onEditorKeyDown = (event: KeyboardEvent<HTMLInputElement>, col: number) => {
    const then = {
      Enter: { row: index + 1, col },
      ArrowDown: { row: index + 1, col },
      ArrowUp: { row: index - 1, col },
      Tab: { row: index, col: event.shiftKey ? col - 1 : col + 1 },
    }[event.key];
    if (event.key === 'Escape') {
      event.preventDefault();
      finished.current = true;
      onEditDone(at(col), at(col));
    } else if (then) {
      event.preventDefault();
      if (save()) onEditDone(at(col), then);
    }
  };

  const editorCol = edit ? RESULT_COLUMNS.indexOf(COLUMN[edit.field]) : -1;
  const editorInput = edit ? (
    <input
      {...limited.inputProps}
      autoFocus
      autoComplete="off"
      onFocus={(event) => {
        const end = event.target.value.length;
        event.target.setSelectionRange(edit.select ? 0 : end, end);
      }}
      data-row={row.id}
      data-col={editorCol}
      aria-label={`${column.cellLabel} for ${row.student}`}
      aria-invalid={problem ? true : undefined}
      aria-describedby={describedBy(limited.describedBy, problem ? `${id}-problem` : undefined)}
      onKeyDown={(event) => onEditorKeyDown(event, editorCol)}
      onBlur={() => {
        // focus left the cell some other way (a click elsewhere): keep the change if it can be saved
        if (!finished.current && save()) onEditDone(at(editorCol));
      }}
    />
  ) : null;

  const cellProps = (col: number, field: ResultField) => ({
    'data-row': row.id,
    'data-col': col,
    tabIndex: tabStop === col ? 0 : -1,
    onKeyDown: (event: KeyboardEvent) => onCellKeyDown(event, at(col), row),
    onClick: () => onStartEdit(row, { field, draft: valuesOf(row)[field], select: true }),
  });
  const editing = (field: ResultField) => edit?.field === field;

  return (
    <>
      <tr aria-busy={saving || undefined} className={edit ? 'editing' : undefined}>
        {editing('student') ? (
          <th scope="row" className="student">
            {editorInput}
          </th>
        ) : (
          <th scope="row" className="student" {...cellProps(0, 'student')}>
            {row.student}
          </th>
        )}
        {editing('grade') ? (
          <td className="grade">{editorInput}</td>
        ) : (
          <td className="grade" {...cellProps(1, 'grade')}>
            <span className="grade-value">{row.grade}</span>
            {saving ? <span className="saving"> Saving…</span> : null}
          </td>
        )}
        {editing('fullName') ? (
          <td className="full-name">{editorInput}</td>
        ) : (
          <td className="full-name" {...cellProps(2, 'fullName')}>
            {row.fullName}
          </td>
        )}
        <td className="row-actions">
          <button
            type="button"
            className="button danger small"
            data-row={row.id}
            data-col={ACTION_COLUMN}
            tabIndex={tabStop === ACTION_COLUMN ? 0 : -1}
            aria-label={`Delete ${row.student}`}
            onKeyDown={(event) => onCellKeyDown(event, at(ACTION_COLUMN), row)}
            onClick={() => onDelete(row, index)}
          >
            Delete
          </button>
        </td>
      </tr>
      {edit && (problem || limited.hasNotes) ? (
        <RowNotes problem={problem} problemId={`${id}-problem`}>
          {limited.notes}
        </RowNotes>
      ) : null}
    </>
  );
}
