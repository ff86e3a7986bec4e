import { gradeDistribution, letterRank, type Gradable } from './grades';
import { checkOnScheme, schemeOf, type Grading } from './grades-scheme';

/** A pass mark as it is stored (`C`, `50%`, `10/20`), or null for none; or why it cannot be one. */
export type CheckedPassMark = { passMark: string | null } | { problem: string };

/**
 * Checks a pass mark as typed against how the exam is graded: the lowest passing grade on the
 * exam's own scale, written as a grade of that scale is stored. Empty clears it. An exam without
 * a scheme has no scale to set one on.
 */
export function checkPassMark(typed: string, grading: Grading | undefined): CheckedPassMark {
  if (typed.trim() === '') return { passMark: null };
  const scheme = schemeOf(grading);
  if (!scheme) return { problem: 'Choose how the exam is graded (letters, percent or points) to set a pass mark.' };
  const checked = checkOnScheme(typed, scheme);
  if ('problem' in checked) return { problem: `The pass mark is a grade of this exam. ${checked.problem}` };
  return { passMark: checked.grade };
}

/** A pass mark read on the exam's scale: as stored, and whether a gradable grade reaches it. */
export interface PassMark {
  passMark: string;
  reaches: (reading: NonNullable<Gradable>) => boolean;
}

/**
 * Reads the exam's pass mark on its scheme; undefined when the exam has none, or the stored one
 * does not fit the scheme (the scheme changed after it was set).
 */
export function readPassMark(passMark: string | null | undefined, grading: Grading | undefined): PassMark | undefined {
  const scheme = schemeOf(grading);
  if (!passMark || !scheme) return undefined;
  const mark = checkOnScheme(passMark, scheme);
  if ('problem' in mark) return undefined;
  if (scheme.kind === 'letters') {
    return { passMark: mark.grade, reaches: (reading) => reading.kind === 'letter' && letterRank(reading.grade) >= letterRank(mark.grade) };
  }
  const lowest = mark.value ?? 0;
  const value = (reading: NonNullable<Gradable>) => (reading.kind !== 'score' ? Number.NaN : scheme.kind === 'points' ? (reading.points ?? 0) : reading.percent);
  return { passMark: mark.grade, reaches: (reading) => value(reading) >= lowest };
}

/** An exam's pass mark as a chart shows it: the mark as stored, and the key of the bucket that holds it. */
export interface ChartPassMark {
  passMark: string;
  bucket: string;
}

/** Where an exam's pass mark falls on its chart; undefined without one that fits the scheme. */
export function chartPassMark(passMark: string | null | undefined, grading?: Grading): ChartPassMark | undefined {
  const mark = readPassMark(passMark, grading);
  const bucket = mark && gradeDistribution([mark.passMark], grading).find(({ count }) => count > 0)?.key;
  return mark && bucket ? { passMark: mark.passMark, bucket } : undefined;
}
