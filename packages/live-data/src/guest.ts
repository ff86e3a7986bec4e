/**
 * The live lists for a reader that uses `@exam-results/appsync-guest` instead of aws-amplify
 * (the student app): nothing here imports aws-amplify.
 */
export { EXAM_PAGE_SIZE, listGuestExamsPage, listGuestResults, readGuestExam, watchGuestExam, watchGuestRecentExams, watchGuestResults } from './guest-source';
export { gradeComparator, gradeDistribution, type GradeBucket, type GradeBucketKind } from './grades';
export { chartPassMark, type ChartPassMark } from './pass-mark';
export type { LinkStatus } from './link-status';
export type { Versioned } from './live-items';
export type { LiveList, LiveListOptions, LiveListState } from './live-list';
export { EXAM_FIELDS, RESULT_FIELDS, type Exam, type ExamResult } from './model-fields';
export { isReleased, releaseState, type ExamRelease, type ReleaseState } from './release';
