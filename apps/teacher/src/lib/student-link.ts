/** The student app's origin, fixed at build time by STUDENT_APP_URL (next.config.ts); local default. */
const STUDENT_APP_URL = process.env.STUDENT_APP_URL ?? 'http://localhost:3001';

/** The address of an exam's page in the student app: what students open, and what the QR code holds. */
export function studentExamUrl(examId: string, origin: string = STUDENT_APP_URL): string {
  return `${origin.replace(/\/+$/, '')}/exams/${encodeURIComponent(examId)}`;
}
