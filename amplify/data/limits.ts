/**
 * How long each text of an exam or result may be. The API enforces them (Amplify's `validate`
 * in resource.ts) and the apps' inputs use the same numbers.
 */
export const limits = {
  subject: 120,
  teacher: 100,
  /** What students see for a result: a first name, initials, a candidate number. */
  student: 60,
  /** The student's full name, which only the teacher reads. */
  fullName: 120,
  grade: 20,
  /** Points an exam is marked out of, at most. */
  maxPoints: 10_000,
} as const;
