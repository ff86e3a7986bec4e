import type { WatchedItem } from './watch-model';

/** The `shelf` every exam is on (amplify/data/resource.ts), the partition of `listExamsByDate`. */
export const SHELF = 'exams';
/** The fields of an exam both apps read; pass them as `selectionSet` to any read or write of an Exam. */
export const EXAM_FIELDS = ['id', 'subject', 'date', 'teacher', 'grading', 'maxPoints', 'passMark', 'release', 'releaseAt', 'owner', 'createdAt', 'updatedAt'] as const;
/** The fields of a result both apps read; pass them as `selectionSet` to any read or write of a Result. */
export const RESULT_FIELDS = ['id', 'examId', 'student', 'grade', 'owner', 'createdAt', 'updatedAt'] as const;

/** An exam as read with {@link EXAM_FIELDS}, with the types of amplify/data/resource.ts. */
export type Exam = WatchedItem<'Exam', typeof EXAM_FIELDS>;
/** A result as read with {@link RESULT_FIELDS}, with the types of amplify/data/resource.ts. */
export type ExamResult = WatchedItem<'Result', typeof RESULT_FIELDS>;
