'use client';

import { gradeComparator, type Grading } from '@exam-results/live-data';
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExamResult } from '../lib/data-api';
import type { ResultsEditor } from '../lib/results-editor';
import { EntryRow } from './entry-row';
import { ACTION_COLUMN, COLUMN, moveFrom, RESULT_COLUMNS, type CellPosition, type ResultField } from './result-columns';
import { ResultRow, type CellEdit } from './result-row';

interface Props {
  editor: ResultsEditor;
  rows: readonly ExamResult[];
  saving: ReadonlySet<string>;
  grading: Grading;
  /** What a grade may be in this exam. */
  gradeHint: string;
  /** The id of the heading that names the grid. */
  labelledBy: string;
}

type SortKey = 'entry' | 'student' | 'grade';

const SORTS: { key: SortKey; label: string }[] = [
  { key: 'entry', label: 'Order entered' },
  { key: 'student', label: 'Student' },
  { key: 'grade', label: 'Grade, best first' },
];

const ENTRY = 'entry';
const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
const isUndo = (event: KeyboardEvent) => (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'z';

/**
 * The results as a grid, a new result in its last row. One cell at a time is the tab stop; the
 * arrow keys move between cells; typing replaces a value, Enter or F2 edits it, a click edits it
 * selected; Enter saves and moves down, Escape cancels; Ctrl+Z undoes the last edit or delete.
 */
export function ResultsTable({ editor, rows: entered, saving, grading, gradeHint, labelledBy }: Props) {
  const id = useId();
  const [sort, setSort] = useState<SortKey>('entry');
  const [tabStop, setTabStop] = useState<{ rowId: string; col: number }>();
  const [editing, setEditing] = useState<{ rowId: string; edit: CellEdit; count: number }>();
  const table = useRef<HTMLTableElement>(null);
  const rows = useMemo(() => {
    if (sort === 'entry') return entered;
    if (sort === 'student') return [...entered].sort((a, b) => a.student.localeCompare(b.student, undefined, { numeric: true, sensitivity: 'base' }));
    const compare = gradeComparator(entered.map((row) => row.grade), grading);
    return [...entered].sort((a, b) => compare(a.grade, b.grade));
  }, [entered, sort, grading]);
  const entryRow = rows.length;
  const headerIds = { student: `${id}-student`, grade: `${id}-grade`, fullName: `${id}-fullName` };
  const hintIds = { student: `${id}-student-hint`, grade: `${id}-grade-hint`, fullName: `${id}-fullName-hint` };

  // Without a tab stop of its own (a new page, a deleted row), the grid's is the first grade.
  const stop = tabStop && rows.some((row) => row.id === tabStop.rowId) ? tabStop : rows[0] ? { rowId: rows[0].id, col: 1 } : undefined;

  const focus = (at: CellPosition, { now = false } = {}) => {
    const row = clamp(at.row, 0, entryRow);
    const rowId = rows[row]?.id ?? ENTRY;
    const col = clamp(at.col, 0, ACTION_COLUMN);
    if (rowId !== ENTRY) setTabStop({ rowId, col });
    const cell = () => table.current?.querySelector<HTMLElement>(`[data-row="${rowId}"][data-col="${col}"]`);
    // An arrow key moves at once, so that the next key pressed lands on the new cell; after an
    // edit the cell is focused once the render has put it back.
    const present = now ? cell() : undefined;
    if (present) present.focus();
    else requestAnimationFrame(() => cell()?.focus());
  };

  const move = (event: KeyboardEvent, at: CellPosition) => {
    const to = moveFrom(at, event.key, event.ctrlKey || event.metaKey, entryRow);
    if (!to) return false;
    event.preventDefault();
    focus(to, { now: true });
    return true;
  };

  const startEdit = (row: ExamResult, edit: CellEdit) => {
    setTabStop({ rowId: row.id, col: RESULT_COLUMNS.indexOf(COLUMN[edit.field]) });
    setEditing((current) => ({ rowId: row.id, edit, count: (current?.count ?? 0) + 1 }));
  };

  const onCellKeyDown = (event: KeyboardEvent, at: CellPosition, row: ExamResult) => {
    if (isUndo(event)) {
      event.preventDefault();
      void editor.undo();
      return;
    }
    if (move(event, at)) return;
    const field: ResultField | undefined = RESULT_COLUMNS[at.col]?.field;
    if (!field) return;
    const printable = event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEdit(row, { field, draft: row[field] ?? '', select: false });
    } else if (printable) {
      event.preventDefault();
      startEdit(row, { field, draft: event.key, select: false });
    }
  };

  const remove = (row: ExamResult, index: number) => {
    // the next row's button, or the one before, or the new result's row when none is left
    const neighbour = index + 1 < rows.length ? index + 1 : index - 1;
    void editor.remove(row.id);
    focus(neighbour >= 0 ? { row: neighbour, col: ACTION_COLUMN } : { row: entryRow, col: 0 });
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
      <p id={`${id}-keys`} className="hint grid-keys">
        Click a cell, or move to it with the arrow keys, and type to replace it; Enter saves and moves down, Escape cancels, Ctrl+Z undoes.
      </p>
      <div className="results-scroll">
        <table ref={table} className="results" role="grid" aria-labelledby={labelledBy} aria-describedby={`${id}-keys`}>
          <thead>
            <tr>
              {RESULT_COLUMNS.map(({ field, header }) => (
                <th key={field} id={headerIds[field]} scope="col" className={field}>
                  {header}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const edit = editing?.rowId === row.id ? editing : undefined;
              return (
                <ResultRow
                  key={edit ? `${row.id}:${edit.count}` : row.id}
                  row={row}
                  index={index}
                  editor={editor}
                  saving={saving.has(row.id)}
                  tabStop={stop?.rowId === row.id ? stop.col : undefined}
                  edit={edit?.edit}
                  onCellKeyDown={onCellKeyDown}
                  onStartEdit={startEdit}
                  onEditDone={(at, then) => {
                    setEditing((current) => (current === edit ? undefined : current));
                    if (then) focus(then);
                    else setTabStop({ rowId: row.id, col: at.col });
                  }}
                  onDelete={remove}
                />
              );
            })}
            <EntryRow editor={editor} row={entryRow} headerIds={headerIds} hintIds={hintIds} onMove={move} />
          </tbody>
        </table>
      </div>
      <p className="hint entry-hints">
        <span id={hintIds.student}>Student is what students see: a first name, initials or a candidate number.</span>{' '}
        <span id={hintIds.grade}>{gradeHint}</span> <span id={hintIds.fullName}>The full name is optional and never shown to students.</span>
      </p>
    </>
  );
}
