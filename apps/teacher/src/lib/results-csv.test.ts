import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseResultLines } from './csv-import';
import { csvFileName, resultsCsv } from './results-csv';

test('the export has a header, one line per result, quotes where needed, and reads back with the importer', () => {
  const csv = resultsCsv([
    { student: 'Ana', fullName: 'Ana López, Jr.', grade: 'B+' },
    { student: 'C-12', fullName: null, grade: '14/20' },
    { student: 'Say "hi"', fullName: null, grade: 'pass' },
  ]);
  assert.equal(csv, 'Student,Full name,Grade\r\nAna,"Ana López, Jr.",B+\r\nC-12,,14/20\r\n"Say ""hi""",,pass\r\n');
  const { lines } = parseResultLines(csv.replace(/^.*\r\n/, ''));
  assert.deepEqual(lines.map((line) => line.student), ['Ana', 'C-12', 'Say "hi"']);
});

test('a value a spreadsheet would run as a formula is written as text', () => {
  assert.equal(resultsCsv([{ student: '=HYPERLINK("x")', fullName: '+1', grade: '-3' }]).split('\r\n')[1], `"'=HYPERLINK(""x"")",'+1,'-3`);
});

test('the file name is the subject and date in plain characters', () => {
  assert.equal(csvFileName('Physique – étape 2/3', '2026-03-02'), 'Physique-etape-2-3-2026-03-02-results.csv');
  assert.equal(csvFileName('***', '2026-03-02'), 'exam-2026-03-02-results.csv');
});
