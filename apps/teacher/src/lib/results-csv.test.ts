import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseResultLines } from './csv-import';
import { csvFileName, resultsCsv } from './results-csv';

test('the export has a header, one line per result, quotes where needed, and the import reads it back', () => {
  const csv = resultsCsv([
    { student: 'Ana', fullName: 'Ana López, Jr.', grade: 'B+' },
    { student: 'C-12', fullName: null, grade: '14/20' },
    { student: 'Say "hi"', fullName: null, grade: 'pass' },
  ]);
  assert.equal(csv, 'Student,Grade,Full name\r\nAna,B+,"Ana López, Jr."\r\nC-12,14/20,\r\n"Say ""hi""",pass,\r\n');
  const { lines, headerSkipped } = parseResultLines(csv);
  assert.equal(headerSkipped, true);
  assert.deepEqual(
    lines.map(({ student, grade, fullName }) => [student, grade, fullName]),
    [
      ['Ana', 'B+', 'Ana López, Jr.'],
      ['C-12', '14/20', ''],
      ['Say "hi"', 'pass', ''],
    ],
  );
});

test('a value a spreadsheet would run as a formula is written as text', () => {
  assert.equal(resultsCsv([{ student: '=HYPERLINK("x")', fullName: '+1', grade: '-3' }]).split('\r\n')[1], `"'=HYPERLINK(""x"")",'-3,'+1`);
});

test('the file name is the subject and date in plain characters', () => {
  assert.equal(csvFileName('Physique – étape 2/3', '2026-03-02'), 'Physique-etape-2-3-2026-03-02-results.csv');
  assert.equal(csvFileName('***', '2026-03-02'), 'exam-2026-03-02-results.csv');
});
