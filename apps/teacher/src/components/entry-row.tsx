'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ResultsEditor } from '../lib/results-editor';
import { describedBy, useLimitedText } from './limited-input';
import { ACTION_COLUMN, COLUMN, RESULT_COLUMNS, type CellPosition, type ResultField } from './result-columns';
import { RowNotes } from './row-notes';

const EMPTY: Record<ResultField, string> = { student: '', grade: '', fullName: '' };

interface Props {
  editor: ResultsEditor;
  /** This row's place in the grid: after the results. */
  row: number;
  /** The ids of the column headers, which name the inputs. */
  headerIds: Record<ResultField, string>;
  /** The ids of the hints under the grid, one per input. */
  hintIds: Record<ResultField, string>;
  /** Leaves the row with the arrow keys (up from an input; any arrow from the button). */
  onMove: (event: KeyboardEvent, at: CellPosition) => void;
}

/**
 * The grid's last row, a new result: Student, Grade, Enter. The result shows at once, the inputs
 * empty and the cursor goes back to Student for the next one. The full name, which only the
 * teacher sees, is optional.
 */
export function EntryRow({ editor, row, headerIds, hintIds, onMove }: Props) {
  const id = useId();
  const [fields, setFields] = useState(EMPTY);
  const [problem, setProblem] = useState<{ field: ResultField; message: string }>();
  const inputs = useRef<Partial<Record<ResultField, HTMLInputElement | null>>>({});
  const set = (field: ResultField) => (value: string) => {
    setFields((current) => ({ ...current, [field]: value }));
    // the sentence was about what was there: it goes once that is changed
    setProblem((current) => (current?.field === field ? undefined : current));
  };
  const limited = {
    student: useLimitedText({ value: fields.student, onValueChange: set('student'), limit: COLUMN.student.limit, what: COLUMN.student.what }),
    grade: useLimitedText({ value: fields.grade, onValueChange: set('grade'), limit: COLUMN.grade.limit, what: COLUMN.grade.what }),
    fullName: useLimitedText({ value: fields.fullName, onValueChange: set('fullName'), limit: COLUMN.fullName.limit, what: COLUMN.fullName.what }),
  };

  const submit = () => {
    const found = editor.problemWith(fields);
    setProblem(found);
    if (found) {
      inputs.current[found.field]?.focus();
      return;
    }
    void editor.add(fields);
    setFields(EMPTY);
    inputs.current.student?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, col: number) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      setProblem(undefined);
    } else if (event.key === 'ArrowUp') {
      onMove(event, { row, col });
    }
  };

  const showNotes = problem !== undefined || RESULT_COLUMNS.some(({ field }) => limited[field].hasNotes);

  return (
    <>
      <tr className="entry-row">
        {RESULT_COLUMNS.map(({ field }, col) => (
          <td key={field} className={`${field}-entry`}>
            <input
              ref={(element) => {
                inputs.current[field] = element;
              }}
              {...limited[field].inputProps}
              name={field}
              autoComplete="off"
              // entering results is what this page is for: it starts in the student input
              autoFocus={field === 'student'}
              data-row="entry"
              data-col={col}
              aria-labelledby={headerIds[field]}
              aria-invalid={problem?.field === field || undefined}
              aria-describedby={describedBy(hintIds[field], limited[field].describedBy, problem?.field === field ? `${id}-problem` : undefined)}
              onKeyDown={(event) => onKeyDown(event, col)}
            />
          </td>
        ))}
        <td className="row-actions">
          <button
            type="button"
            className="button primary small"
            data-row="entry"
            data-col={ACTION_COLUMN}
            aria-label="Add result"
            onClick={submit}
            onKeyDown={(event) => onMove(event, { row, col: ACTION_COLUMN })}
          >
            Add
          </button>
        </td>
      </tr>
      {showNotes ? (
        <RowNotes problem={problem?.message} problemId={`${id}-problem`}>
          {RESULT_COLUMNS.map(({ field }) => (
            <span key={field}>{limited[field].notes}</span>
          ))}
        </RowNotes>
      ) : null}
    </>
  );
}
