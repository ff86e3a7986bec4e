import type { LiveList, LiveListOptions } from './live-list';
import { EXAM_FIELDS, RESULT_FIELDS, type Exam, type ExamResult } from './model-fields';
import { watchModel, type ExamResultsClient } from './watch-model';

export { EXAM_FIELDS, RESULT_FIELDS, type Exam, type ExamResult } from './model-fields';
export type { ExamResultsClient } from './watch-model';

/** Every exam, kept live; pass an id to follow just that exam (a list of at most one). */
export function watchExams(client: ExamResultsClient, id?: string, options?: LiveListOptions<Exam>): LiveList<Exam> {
  return watchModel(client, { model: 'Exam', selectionSet: EXAM_FIELDS, filter: id === undefined ? undefined : { id: { eq: id } } }, options);
}

/**
 * The results of one exam, kept live; pass no exam id for every result of every
 * exam (e.g. to count results per exam).
 */
export function watchResults(client: ExamResultsClient, examId?: string, options?: LiveListOptions<ExamResult>): LiveList<ExamResult> {
  return watchModel(
    client,
    { model: 'Result', selectionSet: RESULT_FIELDS, filter: examId === undefined ? undefined : { examId: { eq: examId } } },
    options,
  );
}
