import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradeStatistics } from './grades-statistics';

describe('gradeStatistics', () => {
  it('gives mean, median and pass rate of points on their own scale, against a pass mark in points', () => {
    assert.deepEqual(gradeStatistics(['14', '8/20', '17', '20'], { grading: 'points', maxPoints: 20 }, '10'), {
      count: 4,
      counted: 4,
      ungradable: [],
      mean: '14.75/20',
      median: '15.5/20',
      passMark: '10/20',
      passed: 3,
    });
  });

  it('counts a score equal to the pass mark as a pass, one point below as a fail', () => {
    const statistics = gradeStatistics(['10/20', '9.5/20', '11'], { grading: 'points', maxPoints: 20 }, '10/20');
    assert.equal(statistics.passed, 2);
  });

  it('gives percentages in percent, and the pass rate against a pass mark in percent', () => {
    const statistics = gradeStatistics(['40', '55', '60', '95%'], { grading: 'percentage' }, '60');
    assert.deepEqual([statistics.mean, statistics.median, statistics.passMark, statistics.passed], ['62.5%', '57.5%', '60%', 2]);
  });

  it('gives letters a median letter and no mean; passes from the pass mark letter up, its minus below it', () => {
    assert.deepEqual(gradeStatistics(['A', 'B+', 'C', 'C-', 'F'], { grading: 'letters' }, 'C'), {
      count: 5,
      counted: 5,
      ungradable: [],
      mean: undefined,
      median: 'C',
      passMark: 'C',
      passed: 3,
    });
  });

  it('gives no pass rate without a pass mark, even for a 55% the old rule called a pass', () => {
    const statistics = gradeStatistics(['55%', '80%'], { grading: 'percentage' });
    assert.deepEqual([statistics.passMark, statistics.passed], [undefined, undefined]);
  });

  it('gives no pass rate for a pass mark that no longer fits the scheme', () => {
    const statistics = gradeStatistics(['A', 'B'], { grading: 'letters' }, '50%');
    assert.deepEqual([statistics.passMark, statistics.passed], [undefined, undefined]);
  });

  it('lists the grades off a percent scale apart and counts none of them', () => {
    const statistics = gradeStatistics(['72', 'absent', 'B', '80%'], { grading: 'percentage' }, '50%');
    assert.deepEqual(statistics, { count: 4, counted: 2, ungradable: ['absent', 'B'], mean: '76%', median: '76%', passMark: '50%', passed: 2 });
  });

  it('lists a letter that is not a grade (q) apart on a letters exam', () => {
    const statistics = gradeStatistics(['B', 'q', 'A-'], { grading: 'letters' }, 'B');
    assert.deepEqual([statistics.counted, statistics.ungradable, statistics.median, statistics.passed], [2, ['q'], 'B', 2]);
  });

  it('lists grades over full marks apart on a points exam', () => {
    const statistics = gradeStatistics(['21/20', '12'], { grading: 'points', maxPoints: 20 }, '10');
    assert.deepEqual([statistics.counted, statistics.ungradable, statistics.mean, statistics.passed], [1, ['21/20'], '12/20', 1]);
  });

  it('without a scheme counts the kind most grades are, and lists letters and words apart', () => {
    const statistics = gradeStatistics(['17/20', '45%', '15', 'pass', 'absent', 'B'], undefined);
    assert.deepEqual(statistics, { count: 6, counted: 3, ungradable: ['pass', 'absent', 'B'], mean: '68.33%', median: '75%', passMark: undefined, passed: undefined });
  });

  it('without a scheme has no pass mark to count against', () => {
    assert.equal(gradeStatistics(['17/20'], undefined, '10').passed, undefined);
  });

  it('is empty for no grades', () => {
    assert.deepEqual(gradeStatistics([], { grading: 'letters' }, 'C'), {
      count: 0,
      counted: 0,
      ungradable: [],
      mean: undefined,
      median: undefined,
      passMark: 'C',
      passed: 0,
    });
  });
});
