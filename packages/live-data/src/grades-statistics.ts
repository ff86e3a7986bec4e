import { gradableOnScale, letterRank } from './grades';
import { plainNumber, schemeOf, type Grading } from './grades-scheme';
import { readPassMark } from './pass-mark';

export interface GradeStatistics {
  /** Every grade of the exam. */
  count: number;
  /** The grades on the exam's one scale: what the mean, median, chart and pass rate count. */
  counted: number;
  /** The grades off that scale (`absent`, `q` on a letters exam), as entered, in order: counted nowhere. */
  ungradable: string[];
  /** Mean of the scores, on the exam's scale (`72.5%`, `14.2/20`); undefined when no counted grade is a score. */
  mean: string | undefined;
  /** The middle grade: a score as the mean is written, or a letter when the grades are letters. */
  median: string | undefined;
  /** The pass mark the pass rate counts against, as stored; undefined without one that fits the scheme. */
  passMark: string | undefined;
  /** How many counted grades reach the pass mark; undefined without a pass mark. */
  passed: number | undefined;
}

function middle<T>(sorted: readonly T[]): T[] {
  const half = Math.floor(sorted.length / 2);
  return (sorted.length % 2 === 1 ? [sorted[half]] : [sorted[half - 1], sorted[half]]).filter((item): item is T => item !== undefined);
}

/**
 * Count, mean, median and pass rate of an exam's grades, on its one scale as
 * {@link gradableOnScale} reads them (`grading` unset: the kind most grades are). Grades off
 * the scale are listed apart, not counted; the pass rate is only given against a pass mark.
 */
export function gradeStatistics(grades: readonly string[], grading?: Grading, passMark?: string | null): GradeStatistics {
  const scheme = schemeOf(grading);
  const readings = gradableOnScale(grades, grading);
  const gradable = readings.filter((reading) => reading !== undefined);
  const mark = readPassMark(passMark, grading);
  const statistics: GradeStatistics = {
    count: grades.length,
    counted: gradable.length,
    ungradable: grades.filter((_, index) => readings[index] === undefined),
    mean: undefined,
    median: undefined,
    passMark: mark?.passMark,
    passed: mark ? gradable.filter(mark.reaches).length : undefined,
  };

  const write = (percent: number) => (scheme?.kind === 'points' ? `${plainNumber((percent / 100) * scheme.outOf)}/${scheme.outOf}` : `${plainNumber(percent)}%`);
  const scores = gradable.flatMap((reading) => (reading.kind === 'score' ? [reading.percent] : [])).sort((a, b) => a - b);
  if (scores.length > 0) {
    statistics.mean = write(scores.reduce((sum, score) => sum + score, 0) / scores.length);
    const centre = middle(scores);
    statistics.median = write(centre.reduce((sum, score) => sum + score, 0) / centre.length);
    return statistics;
  }
  const letters = gradable.flatMap((reading) => (reading.kind === 'letter' ? [reading.grade] : [])).sort((a, b) => letterRank(b) - letterRank(a));
  // Of two middle letters, the lower one: a median letter is a grade someone got.
  statistics.median = middle(letters).at(-1);
  return statistics;
}
