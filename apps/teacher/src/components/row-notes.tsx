import type { ReactNode } from 'react';
import { ACTION_COLUMN } from './result-columns';

interface Props {
  /** The limit notes of the row's inputs. */
  children: ReactNode;
  /** Why the row could not be saved, if it could not. */
  problem: string | undefined;
  /** The id the inputs name in `aria-describedby` for the problem. */
  problemId: string;
}

/** The line under a row of the results grid being entered or edited: its inputs' limit notes, and why it could not be saved. */
export function RowNotes({ children, problem, problemId }: Props) {
  return (
    <tr className="row-notes">
      <td colSpan={ACTION_COLUMN + 1}>
        {children}
        {problem ? (
          <span id={problemId} className="form-error" role="alert">
            {problem}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
