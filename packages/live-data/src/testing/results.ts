import type { ExamResult } from '../exam-data';

/** `Ada 18/20, Bob B+`: the results, by student, to compare in one assertion. */
export const content = (items: readonly ExamResult[]): string =>
  items
    .map((item) => `${item.student} ${item.grade}`)
    .sort()
    .join(', ');

/** The data of a write that must succeed, or an error naming why AppSync refused it. */
export function required<T>(response: { data: T | null; errors?: readonly { message: string }[] }): T {
  if (!response.data) throw new Error(`write refused: ${response.errors?.map((error) => error.message).join('; ')}`);
  return response.data;
}
