import type { Exam } from '@exam-results/live-data/guest';

type Listed = Pick<Exam, 'subject' | 'teacher' | 'date' | 'createdAt'>;

/** Newest exam first; of two on the same day, the one created last. */
function newestFirst(a: Listed, b: Listed): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);
}

/**
 * The rows whose exam is in `subject` (any subject when empty) and has every word of `search`,
 * in any case, in its subject or its teacher's name; newest first.
 */
export function findExams<Row extends { item: Listed }>(rows: readonly Row[], search: string, subject: string): Row[] {
  const words = search.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return rows
    .filter(({ item }) => !subject || item.subject === subject)
    .filter(({ item }) => {
      const text = `${item.subject} ${item.teacher}`.toLocaleLowerCase();
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => newestFirst(a.item, b.item));
}
