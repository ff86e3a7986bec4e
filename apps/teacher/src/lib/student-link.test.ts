import assert from 'node:assert/strict';
import { test } from 'node:test';
import { studentExamUrl } from './student-link';

test('the student page of an exam is under the configured origin, with or without a trailing slash', () => {
  assert.equal(studentExamUrl('abc-123', 'https://results.school.example/'), 'https://results.school.example/exams/abc-123');
  assert.equal(studentExamUrl('a b', 'http://127.0.0.1:3101'), 'http://127.0.0.1:3101/exams/a%20b');
});
