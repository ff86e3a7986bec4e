const examDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** An AWSDate (YYYY-MM-DD) as the teacher's browser writes dates, e.g. "12 May 2026". */
export function formatExamDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : examDate.format(parsed);
}

export function countResults(count: number): string {
  if (count === 0) return 'No results yet';
  return `${count} result${count === 1 ? '' : 's'}`;
}

/** Today in the browser's time zone, as an <input type="date"> value. */
export function todayAsDateValue(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
