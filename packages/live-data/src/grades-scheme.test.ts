import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGrade, describeGrading } from './grades-scheme';

const stored = (typed: string, grading: Parameters<typeof checkGrade>[1]) => {
  const checked = checkGrade(typed, grading);
  return 'grade' in checked ? checked.grade : undefined;
};

describe('checkGrade', () => {
  it('records a student who missed the exam as absent on every scheme', () => {
    for (const grading of [{ grading: 'letters' as const }, { grading: 'percentage' as const }, { grading: 'points' as const, maxPoints: 20 }]) {
      assert.deepEqual(checkGrade(' Absent ', grading), { grade: 'absent' });
    }
    assert.deepEqual(checkGrade('Absent', undefined), { grade: 'Absent' }, 'free text stays as typed');
    assert.ok('problem' in checkGrade('absentee', { grading: 'letters' }));
  });

  it('takes any text when the exam says nothing of its grading', () => {
    assert.equal(stored('  very   good ', undefined), 'very good');
    assert.equal(stored('14', { grading: null }), '14');
    assert.deepEqual(checkGrade('  ', undefined), { problem: 'Enter a grade.' });
  });

  it('writes letters one way and refuses anything else', () => {
    assert.equal(stored('b +', { grading: 'letters' }), 'B+');
    assert.equal(stored('a-', { grading: 'letters' }), 'A-');
    assert.equal(stored('E', { grading: 'letters' }), 'E');
    for (const wrong of ['G', '85', 'A++', 'pass']) {
      assert.deepEqual(checkGrade(wrong, { grading: 'letters' }), { problem: 'This exam is graded with letters: A to F, with + or - (for example B+), or absent.' });
    }
  });

  it('takes percentages from 0 to 100 with or without the sign', () => {
    assert.equal(stored('72', { grading: 'percentage' }), '72%');
    assert.equal(stored('72,50 %', { grading: 'percentage' }), '72.5%');
    assert.equal(stored('100%', { grading: 'percentage' }), '100%');
    assert.ok('problem' in checkGrade('101', { grading: 'percentage' }));
    assert.ok('problem' in checkGrade('B', { grading: 'percentage' }));
  });

  it('takes points up to the maximum, written with it', () => {
    const grading = { grading: 'points', maxPoints: 20 } as const;
    assert.equal(stored('14', grading), '14/20');
    assert.equal(stored('14.5 / 20', grading), '14.5/20');
    assert.deepEqual(checkGrade('21', grading), { problem: 'This exam is graded in points: a number from 0 to 20 (for example 14), or absent.' });
    assert.ok('problem' in checkGrade('14/25', grading), 'another maximum');
  });
});

describe('describeGrading', () => {
  it('says how the exam is graded', () => {
    assert.equal(describeGrading({ grading: 'points', maxPoints: 40 }), 'Graded in points, out of 40.');
    assert.equal(describeGrading(undefined), 'Grades are free text.');
  });
});
