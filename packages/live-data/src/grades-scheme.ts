/** How an exam is graded, as `Exam.grading` and `Exam.maxPoints` say; both unset for exams from before they existed. */
export interface Grading {
  grading?: 'letters' | 'percentage' | 'points' | null;
  maxPoints?: number | null;
}

/** The scale grades are read on: one of the exam's schemes, or none (grades read as they come). */
export type Scheme = { kind: 'letters' } | { kind: 'percentage' } | { kind: 'points'; outOf: number } | undefined;

/** Points without a positive maximum cannot be read on a scale, so they are read as they come. */
export function schemeOf(grading: Grading | undefined): Scheme {
  switch (grading?.grading) {
    case 'letters':
      return { kind: 'letters' };
    case 'percentage':
      return { kind: 'percentage' };
    case 'points':
      return grading.maxPoints && grading.maxPoints > 0 ? { kind: 'points', outOf: grading.maxPoints } : undefined;
    default:
      return undefined;
  }
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const LETTER = /^([A-F])\s*([+-]?)$/i;
const PERCENTAGE = new RegExp(String.raw`^${NUMBER}\s*%?$`);
const POINTS = new RegExp(String.raw`^${NUMBER}(?:\s*/\s*(\d+))?$`);

export const LETTER_GRADES = ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'E', 'F'] as const;

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/** A number as a teacher writes it: no trailing zeros, at most two decimals. */
export function plainNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** What the teacher enters for a student who missed the exam. */
const ABSENT = 'absent';

/** A grade that fits the scheme, as stored (`B+`, `72%`, `14/20`), with its percent or points; or why it does not fit. */
export type CheckedGrade = { grade: string; value?: number } | { problem: string };

/**
 * Checks a grade as typed against how the exam is graded, and writes it the one way the
 * scheme stores it (`b +` → `B+`, `72` → `72%`, `14` → `14/20`); `absent` records a student who
 * missed the exam on any scheme. Without a scheme any non-empty text is a grade.
 */
export function checkGrade(typed: string, grading: Grading | undefined): CheckedGrade {
  return checkOnScheme(typed, schemeOf(grading), { orAbsent: true });
}

/**
 * Checks a grade against a scheme's scale; with `orAbsent`, `absent` is taken too (an entry), which a
 * reading of grades for statistics or a pass mark does not take: absent is on no scale.
 */
export function checkOnScheme(typed: string, scheme: Scheme, { orAbsent = false } = {}): CheckedGrade {
  const text = typed.trim().replace(/\s+/g, ' ');
  if (text === '') return { problem: 'Enter a grade.' };
  if (!scheme) return { grade: text };
  if (orAbsent && text.toLowerCase() === ABSENT) return { grade: ABSENT };
  const or = orAbsent ? ', or absent' : '';
  if (scheme.kind === 'letters') {
    const match = LETTER.exec(text);
    const grade = match?.[1] ? `${match[1].toUpperCase()}${match[2] ?? ''}` : undefined;
    if (grade && (LETTER_GRADES as readonly string[]).includes(grade)) return { grade };
    return { problem: `This exam is graded with letters: A to F, with + or - (for example B+)${or}.` };
  }
  if (scheme.kind === 'percentage') {
    const match = PERCENTAGE.exec(text);
    const value = match?.[1] ? toNumber(match[1]) : Number.NaN;
    if (value >= 0 && value <= 100) return { grade: `${plainNumber(value)}%`, value };
    return { problem: `This exam is graded in percent: a number from 0 to 100 (for example 72)${or}.` };
  }
  const match = POINTS.exec(text);
  const value = match?.[1] ? toNumber(match[1]) : Number.NaN;
  const outOf = match?.[2] === undefined ? scheme.outOf : Number(match[2]);
  if (outOf === scheme.outOf && value >= 0 && value <= scheme.outOf) return { grade: `${plainNumber(value)}/${scheme.outOf}`, value };
  return { problem: `This exam is graded in points: a number from 0 to ${scheme.outOf} (for example ${Math.round(scheme.outOf * 0.7)})${or}.` };
}

/** A sentence that says how the exam is graded, for a form hint or a page. */
export function describeGrading(grading: Grading | undefined): string {
  const scheme = schemeOf(grading);
  if (!scheme) return 'Grades are free text.';
  if (scheme.kind === 'letters') return 'Graded with letters A to F.';
  if (scheme.kind === 'percentage') return 'Graded in percent.';
  return `Graded in points, out of ${scheme.outOf}.`;
}
