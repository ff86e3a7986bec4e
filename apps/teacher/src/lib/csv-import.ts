import type { ResultInput } from './result-check';
import { studentKey } from './student-name';

/** Why one result cannot be saved, or undefined: ResultsEditor.problemWith, the check every add makes. */
export type ResultProblem = (input: ResultInput) => { message: string } | undefined;

/** One non-blank record of pasted text or a CSV file. `line` is where it starts, counting from 1; `lastLine` where it ends. */
export interface ImportLine {
  line: number;
  lastLine: number;
  student: string;
  grade: string;
  /** The third value, if any: the full name only the teacher sees. */
  fullName: string;
  /** Non-empty values after the full name, usually a name with an unquoted comma. */
  extraValues: number;
  /** The record starts with a double quote that is never closed: it swallowed the rest of the text. */
  unclosedQuote: boolean;
}

export interface ImportPreview {
  /** Rows that will be written, in the order given. */
  ready: ImportLine[];
  /** Rows that will not be written, with the reason. */
  failing: (ImportLine & { problem: string })[];
  /** Whether a first row naming the columns was recognised and left out. */
  headerSkipped: boolean;
}

const studentHeaders = new Set(['student', 'students', 'name', 'student name', 'pupil']);
const gradeHeaders = new Set(['grade', 'grades', 'result', 'mark', 'score']);
const fullNameHeaders = new Set(['full name', 'fullname', 'full name (only you)']);

/**
 * Pasted spreadsheet cells arrive tab-separated, CSV files comma- or (many European spreadsheets,
 * with decimal commas) semicolon-separated. A line with a tab is read as pasted cells; the others
 * by the first of them, so a paste that mixes the two reads each line the same way before and after
 * an import removes the lines above it.
 */
function delimiters(text: string): (from: number) => string {
  const firstCsvLine = text.split(/\r?\n/).find((line) => line.trim() !== '' && !line.includes('\t')) ?? '';
  const csv = firstCsvLine.includes(';') ? ';' : ',';
  return (from) => {
    const end = text.indexOf('\n', from);
    return text.slice(from, end < 0 ? undefined : end).includes('\t') ? '\t' : csv;
  };
}

interface RawRecord {
  line: number;
  lastLine: number;
  fields: string[];
  unclosedQuote: boolean;
}

/** RFC 4180 records: quoted fields may hold the delimiter, line breaks and doubled quotes. */
function readRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  const delimiterAt = delimiters(text);
  let delimiter = delimiterAt(0);
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = (unclosedQuote = false) => {
    endField();
    records.push({ line: recordLine, lastLine: line, fields, unclosedQuote });
    fields = [];
  };

  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field.trim() === '' && !afterQuote) {
      quoted = true;
      field = '';
    } else if (char === delimiter) {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
      delimiter = delimiterAt(i + 1);
    } else if (!afterQuote) {
      field += char;
    } else if (char.trim() !== '') {
      // text after a closing quote, as in "Ann"e: keep it rather than lose it
      field += char;
    }
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord(quoted);
  return records;
}

function isHeader(student: string, grade: string): boolean {
  return studentHeaders.has(studentKey(student)) && gradeHeaders.has(studentKey(grade));
}

/**
 * Reads `student,grade` rows from pasted lines or a CSV file, and a third column of full names
 * when a header line names it (`Student,Grade,Full name`, as the export writes). Blank lines
 * are skipped and values trimmed.
 */
export function parseResultLines(text: string): { lines: ImportLine[]; headerSkipped: boolean } {
  const source = text.replace(/^\uFEFF/, '');
  const records = readRecords(source)
    .map(({ fields, ...record }) => ({ ...record, values: fields.map((field) => field.trim()) }))
    .filter(({ values, unclosedQuote }) => unclosedQuote || values.some((value) => value !== ''));

  const [student = '', grade = '', third = ''] = records[0]?.values ?? [];
  const headerSkipped = isHeader(student, grade);
  // A third column is read as the full name only when the header names it (as the export writes it):
  // otherwise a third value is most likely a name with an unquoted comma.
  const withFullName = headerSkipped && fullNameHeaders.has(studentKey(third));
  const lines = (headerSkipped ? records.slice(1) : records).map(({ line, lastLine, values, unclosedQuote }): ImportLine => {
    const [student = '', grade = '', ...rest] = values;
    const fullName = withFullName ? (rest.shift() ?? '') : '';
    return { line, lastLine, student, grade, fullName, extraValues: rest.filter((value) => value !== '').length, unclosedQuote };
  });
  return { lines, headerSkipped };
}

/** Why a row cannot be written as it reads (the same check as saving one result), or undefined. */
function problemOf(row: ImportLine, problemWith: ResultProblem, seen: Map<string, number>): string | undefined {
  if (row.unclosedQuote) {
    return 'A double quote opens here and is never closed, so the rest of the text was read as one value. Close the quote or remove it.';
  }
  if (row.extraValues > 0) {
    return 'There are more than two values. Put a name that contains a comma in double quotes.';
  }
  const problem = problemWith(row);
  if (problem) return problem.message;
  const earlier = seen.get(studentKey(row.student));
  if (earlier !== undefined) return `${row.student} is also on line ${earlier} of this import.`;
  return undefined;
}

/**
 * Splits parsed rows into those that will be imported and those that will fail, and why: the check
 * saving each one will make (`problemWith`: the exam's grading scheme, the limits, a student who
 * already has a result), and one row per student in the import.
 */
export function previewImport(text: string, problemWith: ResultProblem): ImportPreview {
  const { lines, headerSkipped } = parseResultLines(text);
  const seen = new Map<string, number>();
  const preview: ImportPreview = { ready: [], failing: [], headerSkipped };
  for (const row of lines) {
    const problem = problemOf(row, problemWith, seen);
    if (problem) {
      preview.failing.push({ ...row, problem });
    } else {
      preview.ready.push(row);
      seen.set(studentKey(row.student), row.line);
    }
  }
  return preview;
}

/**
 * The text with the rows that were imported blanked out, so every other row (and a header) stays
 * on the line it was on, and the preview and the import's report name the same line numbers.
 */
export function withoutImported(text: string, imported: readonly Pick<ImportLine, 'line' | 'lastLine'>[]): string {
  const gone = new Set(imported.flatMap(({ line, lastLine }) => Array.from({ length: lastLine - line + 1 }, (_, index) => line + index)));
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .map((line, index) => (gone.has(index + 1) ? '' : line))
    .join('\n')
    .trimEnd();
}

/**
 * Why a file's content cannot be results, or undefined when it reads as text: a picture or
 * a spreadsheet's own format (.xlsx) holds NUL bytes or does not decode as UTF-8.
 */
export function notTextProblem(text: string, fileName: string): string | undefined {
  const undecodable = (text.match(/\uFFFD/g) ?? []).length;
  if (text.includes('\u0000') || undecodable > 2) {
    return `${fileName} is not a text file. Save the spreadsheet as CSV (UTF-8) and choose that file, or paste the lines.`;
  }
  return undefined;
}
