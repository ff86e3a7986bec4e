/** One grade as read: a score (fraction, percentage or bare number), a letter, or free text. */
type ReadGrade =
  | { kind: 'fraction'; value: number; outOf: number }
  | { kind: 'percent'; value: number }
  | { kind: 'number'; value: number }
  | { kind: 'letter'; letter: string; modifier: '' | '+' | '-' }
  | { kind: 'text'; text: string };

export type GradeBucketKind = 'score' | 'letter' | 'text';

export interface GradeBucket {
  /** Stable identifier, e.g. `score:80`, `letter:B`, `text:pass`. */
  key: string;
  /** What a reader sees on the chart axis, e.g. `80–89%`, `B`, `pass`. */
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

/**
 * Counts an exam's grades for a chart, best first. Scores are put in ten ranges of
 * ten percentage points (every range shown, so the axis does not move as results
 * arrive); letter grades are grouped by letter (`A+`, `A`, `A-` are all `A`);
 * any other text (`pass`, `absent`) is a category of its own.
 */
export function gradeDistribution(grades: readonly string[]): GradeBucket[] {
  const read = grades.map(readGrade);
  const scale = bareNumberScale(read);
  const scores = new Array<number>(SCORE_BUCKETS).fill(0);
  let anyScore = false;
  const letters = new Map<string, Map<string, number>>();
  const texts = new Map<string, number>();

  for (const grade of read) {
    const percent = percentOf(grade, scale);
    if (percent !== undefined) {
      anyScore = true;
      const bucket = scoreBucket(percent);
      scores[bucket] = (scores[bucket] ?? 0) + 1;
    } else if (grade.kind === 'letter') {
      const exact = letters.get(grade.letter) ?? new Map<string, number>();
      const name = grade.letter + grade.modifier;
      exact.set(name, (exact.get(name) ?? 0) + 1);
      letters.set(grade.letter, exact);
    } else if (grade.kind === 'text') {
      texts.set(grade.text, (texts.get(grade.text) ?? 0) + 1);
    }
  }

  const buckets: GradeBucket[] = [];
  if (anyScore) {
    for (let bucket = SCORE_BUCKETS - 1; bucket >= 0; bucket--) {
      buckets.push({ key: `score:${bucket * 10}`, label: scoreLabel(bucket), kind: 'score', count: scores[bucket] ?? 0 });
    }
  }
  if (letters.size > 0) {
    for (const letter of LETTERS) {
      const exact = letters.get(letter);
      if (!exact && !ALWAYS_SHOWN_LETTERS.includes(letter)) continue;
      const byGrade = [...(exact ?? new Map<string, number>()).entries()].sort(([a], [b]) => letterRank(b) - letterRank(a));
      const count = byGrade.reduce((sum, [, n]) => sum + n, 0);
      const detail = byGrade.length > 1 || byGrade[0]?.[0] !== letter ? byGrade.map(([name, n]) => `${name} ${n}`).join(', ') : undefined;
      buckets.push({ key: `letter:${letter}`, label: letter, kind: 'letter', count, ...(detail ? { detail } : {}) });
    }
  }
  const textBuckets = [...texts.entries()].sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  for (const [text, count] of textBuckets) buckets.push({ key: `text:${text}`, label: text, kind: 'text', count });
  return buckets;
}

function letterRank(name: string): number {
  const index = LETTERS.indexOf(name[0] ?? '');
  const modifier = name[1] === '+' ? 1 : name[1] === '-' ? -1 : 0;
  return (LETTERS.length - index) * 3 + modifier;
}

/**
 * Orders an exam's grades best first: scores by percentage, then letters
 * (A+ before A before A-), then free text alphabetically. The comparator reads
 * bare numbers with the same scale as {@link gradeDistribution}.
 */
export function gradeComparator(grades: readonly string[]): (a: string, b: string) => number {
  const scale = bareNumberScale(grades.map(readGrade));
  const rank = (grade: string): [number, number, string] => {
    const read = readGrade(grade);
    const percent = percentOf(read, scale);
    if (percent !== undefined) return [0, -percent, ''];
    if (read.kind === 'letter') return [1, -letterRank(read.letter + read.modifier), ''];
    return [2, 0, read.kind === 'text' ? read.text : ''];
  };
  return (a, b) => {
    const [groupA, valueA, textA] = rank(a);
    const [groupB, valueB, textB] = rank(b);
    return groupA - groupB || valueA - valueB || textA.localeCompare(textB);
  };
}
