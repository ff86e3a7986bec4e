import type { ExamResult } from './data-api';

/** A value as a spreadsheet reads it back: quoted when needed, and never run as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The exam's results as CSV (RFC 4180, CRLF lines), full names included: the teacher's own copy, in the columns the import reads. */
export function resultsCsv(rows: readonly Pick<ExamResult, 'student' | 'fullName' | 'grade'>[]): string {
  const lines = [['Student', 'Grade', 'Full name'], ...rows.map((row) => [row.student, row.grade, row.fullName ?? ''])];
  return `${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A file name for an exam's export: its subject and date, in characters every system accepts. */
export function csvFileName(subject: string, date: string): string {
  const base = subject.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'exam';
  return `${base}-${date}-results.csv`;
}
