import { limits } from '@exam-results/amplify/data/limits';

export type ResultField = 'student' | 'grade' | 'fullName';

export interface ResultColumn {
  field: ResultField;
  /** The column header, which also names the new result's input. */
  header: string;
  /** Names one result's input: "Grade for Ada". */
  cellLabel: string;
  /** What the field holds, as a sentence says it. */
  what: string;
  limit: number;
}

export const COLUMN: Record<ResultField, ResultColumn> = {
  student: { field: 'student', header: 'Student', cellLabel: 'Name students see', what: 'the name students see', limit: limits.student },
  grade: { field: 'grade', header: 'Grade', cellLabel: 'Grade', what: 'a grade', limit: limits.grade },
  fullName: { field: 'fullName', header: 'Full name (only you)', cellLabel: 'Full name', what: 'the full name', limit: limits.fullName },
};

/** The results grid's editable columns, in order; a last column holds each row's button. */
export const RESULT_COLUMNS: readonly ResultColumn[] = [COLUMN.student, COLUMN.grade, COLUMN.fullName];

export const ACTION_COLUMN = RESULT_COLUMNS.length;

/** A focusable place in the grid: rows count from 0, the new result's row last. */
export interface CellPosition {
  row: number;
  col: number;
}

/** Where a grid navigation key goes from `at`, or undefined for a key that does not move. */
export function moveFrom(at: CellPosition, key: string, ctrl: boolean, lastRow: number): CellPosition | undefined {
  switch (key) {
    case 'ArrowUp':
      return { row: at.row - 1, col: at.col };
    case 'ArrowDown':
      return { row: at.row + 1, col: at.col };
    case 'ArrowLeft':
      return { row: at.row, col: at.col - 1 };
    case 'ArrowRight':
      return { row: at.row, col: at.col + 1 };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: ACTION_COLUMN } : { row: at.row, col: ACTION_COLUMN };
    default:
      return undefined;
  }
}
