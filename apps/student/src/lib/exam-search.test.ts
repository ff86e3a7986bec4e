import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findExams } from './exam-search';

const exam = (subject: string, teacher: string, date: string, createdAt = `${date}T09:00:00.000Z`) => ({
  item: { subject, teacher, date, createdAt },
});

const rows = [
  exam('Mathematics', 'Ms Lee', '2025-06-30'),
  exam('History', 'Mr Okafor', '2025-07-02'),
  exam('Mathematics (resit)', 'Mr Okafor', '2025-07-02', '2025-07-02T11:00:00.000Z'),
  exam('Biology', 'Ms Lee', '2025-05-12'),
];
const subjects = (found: typeof rows) => found.map((row) => row.item.subject);

describe('findExams', () => {
  it('lists every exam newest first, and of two on one day the one created last first', () => {
    assert.deepEqual(subjects(findExams(rows, '', '')), ['Mathematics (resit)', 'History', 'Mathematics', 'Biology']);
  });

  it('finds every word, in any case and order, in the subject or the teacher’s name', () => {
    assert.deepEqual(subjects(findExams(rows, '  lee  MATH ', '')), ['Mathematics']);
    assert.deepEqual(subjects(findExams(rows, 'okafor', '')), ['Mathematics (resit)', 'History']);
    assert.deepEqual(subjects(findExams(rows, 'lee okafor', '')), []);
  });

  it('keeps only the chosen subject, exactly', () => {
    assert.deepEqual(subjects(findExams(rows, '', 'Mathematics')), ['Mathematics']);
    assert.deepEqual(subjects(findExams(rows, 'lee', 'History')), []);
  });
});
