export { EXAM_FIELDS, RESULT_FIELDS, watchExams, watchResults, type Exam, type ExamResult, type ExamResultsClient } from './exam-data';
export { gradeComparator, gradeDistribution, type GradeBucket, type GradeBucketKind } from './grades';
export type { LinkStatus } from './link-status';
export type { Versioned } from './live-items';
export type { LiveList, LiveListOptions, LiveListState } from './live-list';
