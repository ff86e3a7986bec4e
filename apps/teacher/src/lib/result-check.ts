import { limits } from '@exam-results/amplify/data/limits';
import { checkGrade, type Grading } from '@exam-results/live-data';
import type { FieldProblem } from './store';
import { studentKey } from './student-name';

/** A result as the teacher types it: the name students see, the grade, and optionally the full name only the teacher sees. */
export interface ResultInput {
  student: string;
  grade: string;
  fullName?: string;
}

/** A result's values as they are stored. */
export interface ResultValues {
  student: string;
  grade: string;
  fullName: string | null;
}

export type CheckedResult = { values: ResultValues } | { problem: FieldProblem<keyof ResultInput> };

/**
 * Whether a result can be saved in an exam, and its values as stored: the exam's grading scheme,
 * the limits of amplify/data/limits.ts, and one result per student (`studentsInExam`: the names
 * already there). Adding, editing and the import preview all check with this, so they agree.
 */
export function checkResult(input: ResultInput, grading: Grading | undefined, studentsInExam: Iterable<string>): CheckedResult {
  const student = input.student.trim();
  const fullName = input.fullName?.trim() ?? '';
  if (student === '') return { problem: { field: 'student', message: 'Enter the name students see: a first name, initials or a candidate number.' } };
  if (student.length > limits.student) return { problem: { field: 'student', message: `The name students see is at most ${limits.student} characters.` } };
  if (fullName.length > limits.fullName) return { problem: { field: 'fullName', message: `The full name is at most ${limits.fullName} characters.` } };
  const grade = checkGrade(input.grade, grading);
  if ('problem' in grade) return { problem: { field: 'grade', message: grade.problem } };
  if (grade.grade.length > limits.grade) return { problem: { field: 'grade', message: `A grade is at most ${limits.grade} characters.` } };
  const key = studentKey(student);
  for (const name of studentsInExam) {
    if (studentKey(name) === key) return { problem: { field: 'student', message: `${name} already has a result in this exam.` } };
  }
  return { values: { student, grade: grade.grade, fullName: fullName === '' ? null : fullName } };
}

/** Why a result cannot be added to an exam with these rows, or undefined: what ResultsEditor.add checks. */
export function problemWith(input: ResultInput, grading: Grading | undefined, rows: readonly { student: string }[]): FieldProblem<keyof ResultInput> | undefined {
  const checked = checkResult(input, grading, rows.map((row) => row.student));
  return 'problem' in checked ? checked.problem : undefined;
}
