/**
 * Release times are instants (AWSDateTime) shown and entered in the school's time zone, whatever
 * the zone of the reader's device: "results at 08:00 on 20 August" means 08:00 at the school.
 * A deployment sets it with NEXT_PUBLIC_SCHOOL_TIME_ZONE (an IANA name); Europe/London otherwise.
 */
export const schoolTimeZone: string = process.env.NEXT_PUBLIC_SCHOOL_TIME_ZONE || 'Europe/London';

function parts(instantMs: number, timeZone: string): Record<string, number> {
  const fields = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instantMs));
  return Object.fromEntries(fields.filter((part) => part.type !== 'literal').map((part) => [part.type, Number(part.value)]));
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetMs(instantMs: number, timeZone: string): number {
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts(instantMs, timeZone);
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instantMs / 1000) * 1000;
}

const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');

/** An instant as a `datetime-local` input's value (`2027-08-20T08:00`) on the school's clock. */
export function toSchoolDateTimeInput(instant: string, timeZone = schoolTimeZone): string {
  const { year, month, day, hour, minute } = parts(Date.parse(instant), timeZone);
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}

/**
 * A `datetime-local` value read on the school's clock, as an ISO instant; undefined when it is
 * not one. A time the clocks skip in spring is read with the offset before the change.
 */
export function fromSchoolDateTimeInput(value: string, timeZone = schoolTimeZone): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall)) return undefined;
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone)).toISOString();
}

/** "08:00 on Fri 20 August 2027", on the school's clock. */
export function formatReleaseTime(instant: string, timeZone = schoolTimeZone, locale = 'en-GB'): string {
  const at = new Date(instant);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const date = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  return `${time} on ${date.replace(',', '')}`;
}

/** How long until a moment, to the second near the end: "2 days 3 h", "1 h 05 min", "4 min 05 s", "12 s". */
export function formatCountdown(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'} ${hours} h`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(rest)} s`;
  return `${rest} s`;
}
