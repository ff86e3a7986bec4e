import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradeComparator, gradeDistribution, type GradeBucket } from './grades';

const counts = (buckets: GradeBucket[]) => Object.fromEntries(buckets.filter((b) => b.count > 0).map((b) => [b.label, b.count]));

describe('gradeDistribution', () => {
  it('puts fractions, percentages and bare numbers out of 100 in ten-point ranges', () => {
    const buckets = gradeDistribution(['17/20', '85', '8.5/10', '72%', '100%', '0/20', '9,5/10']);
    assert.deepEqual(counts(buckets), { '0–9%': 1, '70–79%': 1, '80–89%': 3, '90–100%': 2 });
  });

  it('shows every score range, best first, empty ones too, so the axis does not move', () => {
    const buckets = gradeDistribution(['50%']);
    assert.deepEqual(
      buckets.map((b) => b.label),
      ['90–100%', '80–89%', '70–79%', '60–69%', '50–59%', '40–49%', '30–39%', '20–29%', '10–19%', '0–9%'],
    );
  });

  it('reads bare numbers against the denominator the exam’s fractions use', () => {
    assert.deepEqual(counts(gradeDistribution(['15', '17/20'])), { '70–79%': 1, '80–89%': 1 });
  });

  it('reads bare numbers no higher than 20 as out of 20, and no higher than 10 as out of 10', () => {
    assert.deepEqual(counts(gradeDistribution(['15', '19', '8'])), { '40–49%': 1, '70–79%': 1, '90–100%': 1 });
    assert.deepEqual(counts(gradeDistribution(['7', '9.5'])), { '70–79%': 1, '90–100%': 1 });
  });

  it('puts a score above full marks in the top range', () => {
    assert.deepEqual(counts(gradeDistribution(['21/20'])), { '90–100%': 1 });
  });

  it('groups letter grades by letter and details the exact grades', () => {
    const buckets = gradeDistribution(['A-', 'B+', 'b', 'A+', 'B+', 'C']);
    const letters = buckets.filter((b) => b.kind === 'letter');
    assert.deepEqual(
      letters.map((b) => [b.label, b.count, b.detail]),
      [
        ['A', 2, 'A+ 1, A- 1'],
        ['B', 3, 'B+ 2, B 1'],
        ['C', 1, undefined],
        ['D', 0, undefined],
        ['F', 0, undefined],
      ],
    );
  });

  it('charts no words: pass and absent are on no scale', () => {
    assert.deepEqual(gradeDistribution(['pass', 'Pass', 'absent', 'fail']), []);
  });

  it('is empty for no grades', () => {
    assert.deepEqual(gradeDistribution([]), []);
  });

  it('charts one scale in a mixed exam, the kind most grades are, and nothing else', () => {
    const scores = gradeDistribution(['17/20', 'B+', 'pass', '85', 'absent', '15/20']);
    assert.deepEqual(new Set(scores.map((b) => b.kind)), new Set(['score']));
    assert.equal(scores.reduce((sum, b) => sum + b.count, 0), 3);
    const letters = gradeDistribution(['A', 'B+', 'pass', '85%', 'C']);
    assert.deepEqual(new Set(letters.map((b) => b.kind)), new Set(['letter']));
    assert.equal(letters.reduce((sum, b) => sum + b.count, 0), 3);
  });
});

describe('gradeComparator', () => {
  it('orders scores by percentage, then letters, then text, best first', () => {
    const grades = ['pass', 'B', '12/20', 'A-', '95%', 'A+', 'absent', '8.5/10'];
    assert.deepEqual([...grades].sort(gradeComparator(grades)), ['95%', '8.5/10', '12/20', 'A+', 'A-', 'B', 'absent', 'pass']);
  });
});

describe('gradeDistribution on the exam’s grading scheme', () => {
  it('keeps A+, A and A- apart on an exam graded with letters, every main letter shown', () => {
    const buckets = gradeDistribution(['A+', 'A-', 'a', 'B+', 'c'], { grading: 'letters' });
    assert.deepEqual(
      buckets.map((b) => [b.label, b.count]),
      [['A+', 1], ['A', 1], ['A-', 1], ['B+', 1], ['B', 0], ['C', 1], ['D', 0], ['F', 0]],
    );
  });

  it('charts 14 and 17 out of 20 as points, one bar per point, not as percentages of a guessed scale', () => {
    const buckets = gradeDistribution(['14/20', '17', '20'], { grading: 'points', maxPoints: 20 });
    assert.equal(buckets.length, 21);
    assert.deepEqual(buckets.slice(0, 7).map((b) => [b.label, b.count]), [['20/20', 1], ['19/20', 0], ['18/20', 0], ['17/20', 1], ['16/20', 0], ['15/20', 0], ['14/20', 1]]);
  });

  it('puts points out of more than 20 in ten ranges labelled in points', () => {
    const buckets = gradeDistribution(['45', '12/50'], { grading: 'points', maxPoints: 50 });
    assert.deepEqual(buckets.map((b) => b.label).slice(0, 3), ['45–50', '40–44', '35–39']);
    assert.deepEqual(counts(buckets), { '45–50': 1, '10–14': 1 });
  });

  it('reads bare numbers of a percentage exam as percent, so 14 is 14 %', () => {
    assert.deepEqual(counts(gradeDistribution(['14', '17', '85%'], { grading: 'percentage' })), { '10–19%': 2, '80–89%': 1 });
  });

  it('gives one scale per exam: a grade that does not fit the scheme is not charted', () => {
    const buckets = gradeDistribution(['72', 'B', 'absent', '105'], { grading: 'percentage' });
    assert.deepEqual(new Set(buckets.map((b) => b.kind)), new Set(['score']));
    assert.deepEqual(counts(buckets), { '70–79%': 1 });
  });

  it('reads as before when the exam says nothing, or points have no maximum', () => {
    const grades = ['15', '17/20', 'A+', 'A-'];
    assert.deepEqual(gradeDistribution(grades, {}), gradeDistribution(grades));
    assert.deepEqual(gradeDistribution(grades, { grading: 'points', maxPoints: null }), gradeDistribution(grades));
  });
});

describe('gradeComparator on a grading scheme', () => {
  it('orders points by points and letters with their modifiers', () => {
    const points = ['9', '14/20', '20'];
    assert.deepEqual([...points].sort(gradeComparator(points, { grading: 'points', maxPoints: 20 })), ['20', '14/20', '9']);
    const letters = ['B', 'A-', 'A+', 'F'];
    assert.deepEqual([...letters].sort(gradeComparator(letters, { grading: 'letters' })), ['A+', 'A-', 'B', 'F']);
  });
});
