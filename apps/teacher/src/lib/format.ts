import { plural } from '@exam-results/web-shell';

export function countResults(count: number): string {
  return count === 0 ? 'No results yet' : plural(count, 'result', 'results');
}

/** Today in the browser's time zone, as an <input type="date"> value. */
export function todayAsDateValue(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
