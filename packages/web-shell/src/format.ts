const examDateOptions: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
const readerExamDates = new Intl.DateTimeFormat(undefined, examDateOptions);

/**
 * An AWSDate (`2025-06-30`) as the reader's locale writes it, weekday included ("Mon, 30 Jun 2025"):
 * the day of the week is how people remember when an exam was. AWSDate has no time zone, so
 * neither does this. Anything that is not a date is returned as it is.
 */
export function formatExamDate(date: string, locale?: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return (locale === undefined ? readerExamDates : new Intl.DateTimeFormat(locale, examDateOptions)).format(parsed);
}

/** `1 result`, `2 results`. */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
