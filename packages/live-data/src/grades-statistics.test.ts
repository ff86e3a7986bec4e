import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradeStatistics } from './grades-statistics';

describe('gradeStatistics', () => {
  it('gives mean, median and pass rate of points on their own scale', () => {
    assert.deepEqual(gradeStatistics(['14', '8/20', '17', '20'], { grading: 'points', maxPoints: 20 }), {
      count: 4,
      mean: '14.75/20',
      median: '15.5/20',
      passed: 3,
      judged: 4,
    });
  });

  it('gives percentages in percent', () => {
    const statistics = gradeStatistics(['40', '60', '95%'], { grading: 'percentage' });
    assert.deepEqual([statistics.mean, statistics.median, statistics.passed, statistics.judged], ['65%', '60%', 2, 3]);
  });

  it('gives letters a median letter and no mean; E and F fail', () => {
    assert.deepEqual(gradeStatistics(['A', 'B+', 'C', 'F'], { grading: 'letters' }), { count: 4, mean: undefined, median: 'C', passed: 3, judged: 4 });
  });

  it('without a scheme reads scores as percent and counts pass and fail words; absent is not judged', () => {
    const statistics = gradeStatistics(['17/20', '45%', 'pass', 'absent'], undefined);
    assert.deepEqual(statistics, { count: 4, mean: '65%', median: '65%', passed: 2, judged: 3 });
  });

  it('is empty for no grades', () => {
    assert.deepEqual(gradeStatistics([], { grading: 'letters' }), { count: 0, mean: undefined, median: undefined, passed: 0, judged: 0 });
  });
});
