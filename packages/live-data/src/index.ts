export { EXAM_FIELDS, RESULT_FIELDS, watchExam, watchResults, type Exam, type ExamResult, type ExamResultsClient } from './exam-data';
export { gradeComparator, gradeDistribution, readGrades, type GradeBucket, type GradeBucketKind, type Reading } from './grades';
export { checkGrade, describeGrading, LETTER_GRADES, type CheckedGrade, type Grading } from './grades-scheme';
export { gradeStatistics, type GradeStatistics } from './grades-statistics';
export type { LinkStatus } from './link-status';
export type { Versioned } from './live-items';
export type { LiveList, LiveListOptions, LiveListState } from './live-list';
export { isReleased, releaseState, type ExamRelease, type ReleaseState } from './release';
export { watchModel, type WatchedItem } from './watch-model';
