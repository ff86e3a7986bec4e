export { EXAM_FIELDS, RESULT_FIELDS, watchExams, watchResults, type Exam, type ExamResult, type ExamResultsClient } from './exam-data';
export { gradableOnScale, gradeComparator, gradeDistribution, readGrades, type Gradable, type GradeBucket, type GradeBucketKind, type Reading } from './grades';
export { checkGrade, describeGrading, LETTER_GRADES, schemeOf, type CheckedGrade, type Grading } from './grades-scheme';
export { gradeStatistics, type GradeStatistics } from './grades-statistics';
export { chartPassMark, checkPassMark, readPassMark, type ChartPassMark, type CheckedPassMark, type PassMark } from './pass-mark';
export type { LinkStatus } from './link-status';
export type { Versioned } from './live-items';
export type { LiveList, LiveListOptions, LiveListState } from './live-list';
export { watchModel, type WatchedItem } from './watch-model';
