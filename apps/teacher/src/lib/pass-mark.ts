import { checkPassMark, EXAM_FIELDS, type Grading } from '@exam-results/live-data';
import type { DataClient } from './data-api';
import { DataError, errorTypeOf, readableReason } from './data-errors';

/**
 * Checks a pass mark as typed against the exam's scheme and stores it on the exam (an empty
 * entry clears it): the pass mark as stored, or why it was not.
 */
export async function savePassMark(client: DataClient, examId: string, typed: string, grading: Grading): Promise<{ passMark: string | null } | { problem: string }> {
  const checked = checkPassMark(typed, grading);
  if ('problem' in checked) return checked;
  // AppSync gives subscribers only what a mutation selects: the exam's live lists select EXAM_FIELDS.
  const { data, errors } = await client.models.Exam.update({ id: examId, passMark: checked.passMark }, { selectionSet: EXAM_FIELDS });
  if (errors?.length || !data) throw new DataError(readableReason(errors ?? 'no data'), errorTypeOf(errors));
  return { passMark: data.passMark ?? null };
}
