import { checkOnScheme, LETTER_GRADES, schemeOf, type Grading, type Scheme } from './grades-scheme';

/** One grade as read: a score (fraction, percentage or bare number), a letter, or free text. */
type ReadGrade =
  | { kind: 'fraction'; value: number; outOf: number }
  | { kind: 'percent'; value: number }
  | { kind: 'number'; value: number }
  | { kind: 'letter'; letter: string; modifier: '' | '+' | '-' }
  | { kind: 'text'; text: string };

export type GradeBucketKind = 'score' | 'letter';

export interface GradeBucket {
  /** Stable identifier, e.g. `score:80`, `letter:B`. */
  key: string;
  /** What a reader sees on the chart axis, e.g. `80–89%`, `B`. */
  label: string;
  kind: GradeBucketKind;
  count: number;
  /** For letter groups: how many of each exact grade, e.g. `B+ 2, B 1`. */
  detail?: string;
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const FRACTION = new RegExp(String.raw`^${NUMBER}\s*/\s*${NUMBER}$`);
const PERCENT = new RegExp(String.raw`^${NUMBER}\s*%$`);
const BARE = new RegExp(String.raw`^${NUMBER}$`);
const LETTER = /^([A-F])\s*([+-]?)$/i;
const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];
const ALWAYS_SHOWN_LETTERS = ['A', 'B', 'C', 'D', 'F'];
const SCORE_BUCKETS = 10;

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

function readGrade(grade: string): ReadGrade {
  const text = grade.trim().replace(/\s+/g, ' ');
  let match = FRACTION.exec(text);
  if (match?.[1] && match[2]) {
    const outOf = toNumber(match[2]);
    if (outOf > 0) return { kind: 'fraction', value: toNumber(match[1]), outOf };
  }
  match = PERCENT.exec(text);
  if (match?.[1]) return { kind: 'percent', value: toNumber(match[1]) };
  match = BARE.exec(text);
  if (match?.[1]) return { kind: 'number', value: toNumber(match[1]) };
  match = LETTER.exec(text);
  if (match?.[1]) return { kind: 'letter', letter: match[1].toUpperCase(), modifier: (match[2] ?? '') as '' | '+' | '-' };
  return { kind: 'text', text: text.toLowerCase() };
}

/**
 * What a bare number such as `15` is out of, for one exam: the denominator its
 * fractions share when that covers every bare number, else the smallest of
 * 10, 20 and 100 that does (so `15` next to `17/20` is 15/20, and `85` is 85%).
 */
function bareNumberScale(read: readonly ReadGrade[]): number {
  let highest = 0;
  const denominators = new Set<number>();
  for (const grade of read) {
    if (grade.kind === 'number') highest = Math.max(highest, grade.value);
    if (grade.kind === 'fraction') denominators.add(grade.outOf);
  }
  const [shared] = denominators;
  if (denominators.size === 1 && shared !== undefined && highest <= shared) return shared;
  return [10, 20, 100].find((scale) => highest <= scale) ?? highest;
}

function percentOf(grade: ReadGrade, scale: number): number | undefined {
  switch (grade.kind) {
    case 'fraction':
      return (grade.value / grade.outOf) * 100;
    case 'percent':
      return grade.value;
    case 'number':
      return scale > 0 ? (grade.value / scale) * 100 : 0;
    default:
      return undefined;
  }
}

function scoreBucket(percent: number): number {
  return Math.min(SCORE_BUCKETS - 1, Math.max(0, Math.floor(percent / (100 / SCORE_BUCKETS))));
}

function scoreLabel(bucket: number): string {
  const width = 100 / SCORE_BUCKETS;
  const low = bucket * width;
  return bucket === SCORE_BUCKETS - 1 ? `${low}–100%` : `${low}–${low + width - 1}%`;
}

/** A grade of one exam read on that exam's one scale. */
export type Reading =
  | { kind: 'score'; percent: number; points?: number }
  | { kind: 'letter'; grade: string; letter: string }
  | { kind: 'text'; text: string };

function readOnScheme(grade: string, scheme: NonNullable<Scheme>): Reading {
  const checked = checkOnScheme(grade, scheme);
  if ('problem' in checked) return { kind: 'text', text: grade.trim().replace(/\s+/g, ' ').toLowerCase() };
  if (scheme.kind === 'letters') return { kind: 'letter', grade: checked.grade, letter: checked.grade.charAt(0) };
  const value = checked.value ?? 0;
  return scheme.kind === 'points' ? { kind: 'score', percent: (value / scheme.outOf) * 100, points: value } : { kind: 'score', percent: value };
}

/**
 * Reads every grade of one exam on one scale: the exam's scheme (a grade that does not fit it
 * is text), or without one as they come (a bare number against the scale the others suggest).
 */
export function readGrades(grades: readonly string[], grading?: Grading): Reading[] {
  const scheme = schemeOf(grading);
  if (scheme) return grades.map((grade) => readOnScheme(grade, scheme));
  const read = grades.map(readGrade);
  const scale = bareNumberScale(read);
  return read.map((grade): Reading => {
    const percent = percentOf(grade, scale);
    if (percent !== undefined) return { kind: 'score', percent };
    if (grade.kind === 'letter') return { kind: 'letter', grade: grade.letter + grade.modifier, letter: grade.letter };
    return { kind: 'text', text: grade.kind === 'text' ? grade.text : '' };
  });
}

function scoreBuckets(readings: readonly Reading[], scheme: Scheme): GradeBucket[] {
  const scores = readings.filter((reading) => reading.kind === 'score');
  if (scores.length === 0) return [];
  if (scheme?.kind === 'points' && scheme.outOf <= 20) {
    // Few points: one bar per point, so 14/20 and 15/20 are told apart.
    const counts = new Array<number>(scheme.outOf + 1).fill(0);
    for (const { points = 0 } of scores) {
      const point = Math.min(scheme.outOf, Math.max(0, Math.floor(points)));
      counts[point] = (counts[point] ?? 0) + 1;
    }
    return counts
      .map((count, point) => ({ key: `score:${point}`, label: `${point}/${scheme.outOf}`, kind: 'score' as const, count }))
      .reverse();
  }
  const counts = new Array<number>(SCORE_BUCKETS).fill(0);
  for (const { percent } of scores) {
    const bucket = scoreBucket(percent);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  const label = (bucket: number) => {
    if (scheme?.kind !== 'points') return scoreLabel(bucket);
    const low = Math.ceil((bucket * scheme.outOf) / SCORE_BUCKETS);
    const high = bucket === SCORE_BUCKETS - 1 ? scheme.outOf : Math.ceil(((bucket + 1) * scheme.outOf) / SCORE_BUCKETS) - 1;
    return `${low}–${high}`;
  };
  return counts.map((count, bucket) => ({ key: `score:${bucket * 10}`, label: label(bucket), kind: 'score' as const, count })).reverse();
}

function letterBuckets(readings: readonly Reading[], scheme: Scheme): GradeBucket[] {
  const exact = new Map<string, number>();
  for (const reading of readings) if (reading.kind === 'letter') exact.set(reading.grade, (exact.get(reading.grade) ?? 0) + 1);
  if (exact.size === 0) return [];
  if (scheme?.kind === 'letters') {
    // The exam is graded with letters: A+, A and A- are different grades, each its own bar.
    return LETTER_GRADES.filter((grade) => exact.has(grade) || ALWAYS_SHOWN_LETTERS.includes(grade)).map((grade) => ({
      key: `letter:${grade}`,
      label: grade,
      kind: 'letter' as const,
      count: exact.get(grade) ?? 0,
    }));
  }
  const buckets: GradeBucket[] = [];
  for (const letter of LETTERS) {
    const byGrade = [...exact.entries()].filter(([grade]) => grade.charAt(0) === letter).sort(([a], [b]) => letterRank(b) - letterRank(a));
    if (byGrade.length === 0 && !ALWAYS_SHOWN_LETTERS.includes(letter)) continue;
    const count = byGrade.reduce((sum, [, n]) => sum + n, 0);
    const detail = byGrade.length > 1 || (byGrade[0] && byGrade[0][0] !== letter) ? byGrade.map(([name, n]) => `${name} ${n}`).join(', ') : undefined;
    buckets.push({ key: `letter:${letter}`, label: letter, kind: 'letter', count, ...(detail ? { detail } : {}) });
  }
  return buckets;
}

/** An exam's grades on its one scale: each grade's reading, or undefined for a grade that is not on it. */
export type Gradable = (Reading & { kind: 'score' | 'letter' }) | undefined;

/**
 * Reads every grade of one exam on one scale, index for index: the exam's scheme, or without
 * one the kind most of its grades are (scores or letters). A grade off that scale (`absent`,
 * `pass`, a letter among scores) is undefined: it cannot be charted or averaged with the others.
 */
export function gradableOnScale(grades: readonly string[], grading?: Grading): Gradable[] {
  const readings = readGrades(grades, grading);
  const scores = readings.filter((reading) => reading.kind === 'score').length;
  const letters = readings.filter((reading) => reading.kind === 'letter').length;
  const scale = schemeOf(grading)?.kind === 'letters' || letters > scores ? 'letter' : 'score';
  return readings.map((reading) => (reading.kind === scale ? (reading as Gradable) : undefined));
}

/**
 * Counts an exam's gradable grades (see {@link gradableOnScale}) for a chart, best first, on the
 * exam's one scale (`grading`: its `grading` and `maxPoints`), never two scales on one chart.
 * Percentages in ten ranges of ten points; points out of 20 or fewer one bar per point, more in
 * ten ranges; letters each grade its own bar (A+, A, A-). Every range of the scale is shown, so
 * the axis does not move as results arrive. Grades off the scale are not counted.
 *
 * Without a scheme (exams from before it existed) grades are read as they come: scores
 * (`17/20`, `72%`, a bare number against the scale the others suggest) in ten ranges, or
 * letters grouped by letter (`A+`, `A`, `A-` are `A`, the exact grades in `detail`).
 */
export function gradeDistribution(grades: readonly string[], grading?: Grading): GradeBucket[] {
  const scheme = schemeOf(grading);
  const readings = gradableOnScale(grades, grading).filter((reading) => reading !== undefined);
  return [...scoreBuckets(readings, scheme), ...letterBuckets(readings, scheme)];
}

/** Higher is better: A+ above A above A-. */
export function letterRank(name: string): number {
  const index = LETTERS.indexOf(name[0] ?? '');
  const modifier = name[1] === '+' ? 1 : name[1] === '-' ? -1 : 0;
  return (LETTERS.length - index) * 3 + modifier;
}

/**
 * Orders an exam's grades best first: scores by percentage, then letters (A+ before A
 * before A-), then free text alphabetically, read as {@link readGrades} reads them.
 */
export function gradeComparator(grades: readonly string[], grading?: Grading): (a: string, b: string) => number {
  const readings = readGrades(grades, grading);
  const byGrade = new Map(grades.map((grade, index) => [grade, readings[index]]));
  const rank = (grade: string): [number, number, string] => {
    const reading = byGrade.get(grade) ?? readGrades([grade], grading)[0];
    if (reading?.kind === 'score') return [0, -reading.percent, ''];
    if (reading?.kind === 'letter') return [1, -letterRank(reading.grade), ''];
    return [2, 0, reading?.kind === 'text' ? reading.text : grade];
  };
  return (a, b) => {
    const [groupA, valueA, textA] = rank(a);
    const [groupB, valueB, textB] = rank(b);
    return groupA - groupB || valueA - valueB || textA.localeCompare(textB);
  };
}
