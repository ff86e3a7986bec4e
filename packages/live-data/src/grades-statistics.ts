import { letterRank, readGrades, type Reading } from './grades';
import { plainNumber, schemeOf, type Grading } from './grades-scheme';

export interface GradeStatistics {
  /** Every grade of the exam. */
  count: number;
  /** Mean of the scores, on the exam's scale (`72.5%`, `14.2/20`); undefined when no grade is a score. */
  mean: string | undefined;
  /** The middle grade: a score as the mean is written, or a letter when the grades are letters. */
  median: string | undefined;
  /** How many grades say pass: a score of half marks or more, A to D, the word pass. */
  passed: number;
  /** How many grades say pass or fail (not `absent`, not a note): what the pass rate is of. */
  judged: number;
}

function passes(reading: Reading): boolean | undefined {
  if (reading.kind === 'score') return reading.percent >= 50;
  if (reading.kind === 'letter') return reading.letter !== 'E' && reading.letter !== 'F';
  if (/^(pass|passed)$/.test(reading.text)) return true;
  if (/^(fail|failed)$/.test(reading.text)) return false;
  return undefined;
}

function middle<T>(sorted: readonly T[]): T[] {
  const half = Math.floor(sorted.length / 2);
  return (sorted.length % 2 === 1 ? [sorted[half]] : [sorted[half - 1], sorted[half]]).filter((item): item is T => item !== undefined);
}

/**
 * Count, mean, median and pass rate of an exam's grades, read on its scale as
 * {@link gradeDistribution} reads them (`grading` unset: grades as they come).
 */
export function gradeStatistics(grades: readonly string[], grading?: Grading): GradeStatistics {
  const scheme = schemeOf(grading);
  const readings = readGrades(grades, grading);
  const judgements = readings.map(passes).filter((verdict) => verdict !== undefined);
  const statistics: GradeStatistics = {
    count: grades.length,
    mean: undefined,
    median: undefined,
    passed: judgements.filter(Boolean).length,
    judged: judgements.length,
  };

  const write = (percent: number) => (scheme?.kind === 'points' ? `${plainNumber((percent / 100) * scheme.outOf)}/${scheme.outOf}` : `${plainNumber(percent)}%`);
  const scores = readings.flatMap((reading) => (reading.kind === 'score' ? [reading.percent] : [])).sort((a, b) => a - b);
  if (scores.length > 0) {
    statistics.mean = write(scores.reduce((sum, score) => sum + score, 0) / scores.length);
    const centre = middle(scores);
    statistics.median = write(centre.reduce((sum, score) => sum + score, 0) / centre.length);
    return statistics;
  }
  const letters = readings.flatMap((reading) => (reading.kind === 'letter' ? [reading.grade] : [])).sort((a, b) => letterRank(b) - letterRank(a));
  // Of two middle letters, the lower one: a median letter is a grade someone got.
  statistics.median = middle(letters).at(-1);
  return statistics;
}
