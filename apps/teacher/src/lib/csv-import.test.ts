import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Grading } from '@exam-results/live-data';
import { notTextProblem, parseResultLines, previewImport, withoutImported } from './csv-import';
import { problemWith, type ResultInput } from './result-check';

/** The check saving a result makes, on an exam graded `grading` that has results for `names`. */
const saving = (names: string[] = [], grading?: Grading) => (input: ResultInput) =>
  problemWith(input, grading, names.map((student) => ({ student })));

const rowsOf = (text: string) => parseResultLines(text).lines.map(({ student, grade }) => [student, grade]);

test('pasted lines are split on the comma and trimmed; blank lines are skipped', () => {
  assert.deepEqual(rowsOf('  Ana Lopez ,  A- \n\n   \nBen,17/20\r\nChloé , pass'), [
    ['Ana Lopez', 'A-'],
    ['Ben', '17/20'],
    ['Chloé', 'pass'],
  ]);
});

test('line numbers point at the line of the source text, blank lines included', () => {
  const { lines } = parseResultLines('Ana,A\n\nBen,B\n');
  assert.deepEqual(lines.map((row) => row.line), [1, 3]);
});

test('quoted fields keep commas, doubled quotes and line breaks', () => {
  const { lines } = parseResultLines('"Lopez, Ana","A-"\n"Ben ""Benny"" Ode",B\n"Multi\nLine",C\nDan,D');
  assert.deepEqual(
    lines.map(({ line, student, grade }) => [line, student, grade]),
    [
      [1, 'Lopez, Ana', 'A-'],
      [2, 'Ben "Benny" Ode', 'B'],
      [3, 'Multi\nLine', 'C'],
      [5, 'Dan', 'D'],
    ],
  );
});

test('spaces around a quoted field are ignored', () => {
  assert.deepEqual(rowsOf('  "Lopez, Ana"  ,  "B+" '), [['Lopez, Ana', 'B+']]);
});

test('a header row naming the columns is recognised in any case and left out', () => {
  const parsed = parseResultLines('Student,Grade\nAna,A');
  assert.equal(parsed.headerSkipped, true);
  assert.deepEqual(parsed.lines.map((row) => row.student), ['Ana']);
  assert.equal(parseResultLines('"NAME" ; "Result"\nAna;A').headerSkipped, true);
  assert.equal(parseResultLines('Ana,A\nStudent,Grade').headerSkipped, false);
});

test('cells pasted from a spreadsheet (tabs) and semicolon CSV files are read too', () => {
  assert.deepEqual(rowsOf('Ana\tA\nBen\t12,5/20'), [
    ['Ana', 'A'],
    ['Ben', '12,5/20'],
  ]);
  assert.deepEqual(rowsOf('Ana;A\nBen;B'), [
    ['Ana', 'A'],
    ['Ben', 'B'],
  ]);
  assert.deepEqual(rowsOf('Ben;12,5/20\nAna;A'), [
    ['Ben', '12,5/20'],
    ['Ana', 'A'],
  ]);
});

test('a paste that mixes pasted cells and commas reads each line the same way before and after an import', () => {
  const text = 'Liam,B\nMia\tA-\nAlice,C\nNoah,Z';
  assert.deepEqual(rowsOf(text), [
    ['Liam', 'B'],
    ['Mia', 'A-'],
    ['Alice', 'C'],
    ['Noah', 'Z'],
  ]);
  const left = withoutImported(text, parseResultLines(text).lines.filter((row) => ['Liam', 'Mia'].includes(row.student)));
  assert.deepEqual(
    parseResultLines(left).lines.map((row) => [row.line, row.student, row.grade]),
    [
      [3, 'Alice', 'C'],
      [4, 'Noah', 'Z'],
    ],
  );
});

test('a byte order mark and trailing empty columns from spreadsheet exports are ignored', () => {
  const parsed = parseResultLines('\uFEFFstudent,grade,,\nAna,A,,');
  assert.equal(parsed.headerSkipped, true);
  assert.deepEqual(parsed.lines, [{ line: 2, lastLine: 2, student: 'Ana', grade: 'A', fullName: '', extraValues: 0, unclosedQuote: false }]);
});

test('the preview lists every row that will fail and why', () => {
  const text = ['student,grade', 'Ana,A', ',B', 'Ben,', 'Lopez, Ana, C', 'ana ,D', 'Zoe,pass', 'ZOE,fail', 'Cy,17/20'].join('\n');
  const preview = previewImport(text, saving(['Zoe']));

  assert.equal(preview.headerSkipped, true);
  assert.deepEqual(
    preview.ready.map(({ line, student, grade }) => [line, student, grade]),
    [
      [2, 'Ana', 'A'],
      [9, 'Cy', '17/20'],
    ],
  );
  assert.deepEqual(
    preview.failing.map(({ line, problem }) => [line, problem]),
    [
      [3, 'Enter the name students see: a first name, initials or a candidate number.'],
      [4, 'Enter a grade.'],
      [5, 'There are more than two values. Put a name that contains a comma in double quotes.'],
      [6, 'ana is also on line 2 of this import.'],
      [7, 'Zoe already has a result in this exam.'],
      [8, 'Zoe already has a result in this exam.'],
    ],
  );
});

test('a row that fails does not make a later row with the same name a duplicate', () => {
  const preview = previewImport('Ana,\nAna,B', saving());
  assert.deepEqual(preview.ready.map((row) => row.line), [2]);
  assert.deepEqual(preview.failing.map((row) => row.line), [1]);
});

test('nothing to import gives an empty preview', () => {
  assert.deepEqual(previewImport(' \n\n', saving()), { ready: [], failing: [], headerSkipped: false });
});

test('a third column is read as the full name only under a header that names it', () => {
  const named = parseResultLines('Student,Grade,Full name\nC-1,A,Ada Lovelace');
  assert.deepEqual(named.lines.map(({ student, grade, fullName, extraValues }) => [student, grade, fullName, extraValues]), [['C-1', 'A', 'Ada Lovelace', 0]]);
  const unnamed = parseResultLines('Lovelace, Ada, A');
  assert.equal(unnamed.lines[0]?.extraValues, 1);
});

test('an unclosed quote is reported on the line where it opens, not as an empty grade', () => {
  const preview = previewImport('Ana,A\n"Ben,B\nCy,C\nDee,D', saving());
  assert.deepEqual(preview.ready.map((row) => row.student), ['Ana']);
  assert.deepEqual(
    preview.failing.map(({ line, problem }) => [line, problem]),
    [[2, 'A double quote opens here and is never closed, so the rest of the text was read as one value. Close the quote or remove it.']],
  );
});

test('a file that is not text is named as such', () => {
  const png = '\uFFFDPNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\uFFFD\uFFFD';
  assert.equal(notTextProblem(png, 'photo.png'), 'photo.png is not a text file. Save the spreadsheet as CSV (UTF-8) and choose that file, or paste the lines.');
  assert.equal(notTextProblem('Ana,A\nChloé,B', 'results.csv'), undefined);
});

test('the preview refuses what saving refuses on a percent exam, on the lines where the rows are', () => {
  const text = ['student,grade', 'Ana,72', 'Ben,105', 'Cy,abc', 'Dee,-3', 'Eve,100'].join('\n');
  const preview = previewImport(text, saving([], { grading: 'percentage' }));
  assert.deepEqual(preview.ready.map(({ line, student }) => [line, student]), [
    [2, 'Ana'],
    [6, 'Eve'],
  ]);
  const percent = 'This exam is graded in percent: a number from 0 to 100 (for example 72), or absent.';
  assert.deepEqual(preview.failing.map(({ line, problem }) => [line, problem]), [
    [3, percent],
    [4, percent],
    [5, percent],
  ]);
});

test('the preview refuses a letter that is not a grade on a letters exam', () => {
  const preview = previewImport('Ana,B+\nBen,q', saving([], { grading: 'letters' }));
  assert.deepEqual(preview.ready.map((row) => row.line), [1]);
  assert.deepEqual(preview.failing.map(({ line, problem }) => [line, problem]), [
    [2, 'This exam is graded with letters: A to F, with + or - (for example B+), or absent.'],
  ]);
});

test('the preview refuses names and grades over the limits the API enforces', () => {
  const long = (length: number) => 'x'.repeat(length);
  const text = ['Student,Grade,Full name', `${long(61)},A`, `Ben,${long(21)}`, `Cy,A,${long(121)}`, `${long(60)},A,${long(120)}`].join('\n');
  const preview = previewImport(text, saving());
  assert.deepEqual(preview.ready.map((row) => row.line), [5]);
  assert.deepEqual(preview.failing.map(({ line, problem }) => [line, problem]), [
    [2, 'The name students see is at most 60 characters.'],
    [3, 'A grade is at most 20 characters.'],
    [4, 'The full name is at most 120 characters.'],
  ]);
});

test('the rows that did not land stay on their lines when the imported ones are cleared', () => {
  const text = 'Student,Grade,Full name\nAna,A\n"Ben\nBen",B\nCy,q\nDee,D\n';
  const left = withoutImported(text, parseResultLines(text).lines.filter((row) => row.student !== 'Cy'));
  assert.equal(left, 'Student,Grade,Full name\n\n\n\nCy,q');
  assert.deepEqual(parseResultLines(left).lines.map(({ line, student }) => [line, student]), [[5, 'Cy']]);
});
