import type { LiveList, LiveListOptions } from './live-list';
import { watchModel, type ExamResultsClient, type WatchedItem } from './watch-model';

export type { ExamResultsClient } from './watch-model';

/** The fields of an exam both apps read; pass them as `selectionSet` to any read or write of an Exam. */
export const EXAM_FIELDS = ['id', 'subject', 'date', 'teacher', 'owner', 'createdAt', 'updatedAt'] as const;
/** The fields of a result both apps read; pass them as `selectionSet` to any read or write of a Result. */
export const RESULT_FIELDS = ['id', 'examId', 'student', 'grade', 'owner', 'createdAt', 'updatedAt'] as const;

/** An exam as read with {@link EXAM_FIELDS}, with the types of amplify/data/resource.ts. */
export type Exam = WatchedItem<'Exam', typeof EXAM_FIELDS>;
/** A result as read with {@link RESULT_FIELDS}, with the types of amplify/data/resource.ts. */
export type ExamResult = WatchedItem<'Result', typeof RESULT_FIELDS>;

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
