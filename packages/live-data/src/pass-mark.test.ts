import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartPassMark, checkPassMark } from './pass-mark';

describe('checkPassMark', () => {
  it('writes a pass mark the way the exam stores its grades', () => {
    assert.deepEqual(checkPassMark(' c ', { grading: 'letters' }), { passMark: 'C' });
    assert.deepEqual(checkPassMark('50', { grading: 'percentage' }), { passMark: '50%' });
    assert.deepEqual(checkPassMark('10', { grading: 'points', maxPoints: 20 }), { passMark: '10/20' });
  });

  it('refuses a pass mark that is not a grade of the exam', () => {
    assert.match((checkPassMark('50%', { grading: 'letters' }) as { problem: string }).problem, /graded with letters/);
    assert.match((checkPassMark('105', { grading: 'percentage' }) as { problem: string }).problem, /from 0 to 100/);
    assert.match((checkPassMark('25', { grading: 'points', maxPoints: 20 }) as { problem: string }).problem, /from 0 to 20/);
  });

  it('clears with an empty entry, and has no scale to be set on without a scheme', () => {
    assert.deepEqual(checkPassMark('  ', { grading: 'letters' }), { passMark: null });
    assert.ok('problem' in checkPassMark('10', {}));
  });
});

describe('chartPassMark', () => {
  it('finds the bar that holds the pass mark on each scheme', () => {
    assert.deepEqual(chartPassMark('55', { grading: 'percentage' }), { passMark: '55%', bucket: 'score:50' });
    assert.deepEqual(chartPassMark('10', { grading: 'points', maxPoints: 20 }), { passMark: '10/20', bucket: 'score:10' });
    assert.deepEqual(chartPassMark('C', { grading: 'letters' }), { passMark: 'C', bucket: 'letter:C' });
  });

  it('has no place for a pass mark that is missing or not on the scale', () => {
    assert.equal(chartPassMark(null, { grading: 'letters' }), undefined);
    assert.equal(chartPassMark('50%', { grading: 'letters' }), undefined);
    assert.equal(chartPassMark('50%', {}), undefined);
  });
});
