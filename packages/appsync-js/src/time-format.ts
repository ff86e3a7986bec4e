/**
 * The date and time patterns `util.time` takes, as Java's DateTimeFormatter reads them
 * (AppSync's runtime is built on it): the letters resolvers use (y M d H h m s S a E Z X),
 * quoted literals, in any IANA time zone.
 */

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  /** Minutes east of UTC. */
  offset: number;
}

export class TimeFormatError extends Error {
  override readonly name = 'TimeFormatError';
}

function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(epochMs));
  } catch {
    throw new TimeFormatError(`Unknown time-zone ID: ${timeZone}`);
  }
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

function fieldsOf(epochMs: number, timeZone: string): Fields {
  const offset = zoneOffsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + offset * 60000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
    offset,
  };
}

type Token = { literal: string } | { letter: string; count: number };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const char = pattern.charAt(i);
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new TimeFormatError(`Pattern ends with an incomplete string literal: ${pattern}`);
      tokens.push({ literal: end === i + 1 ? "'" : pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(char)) {
      let count = 1;
      while (pattern.charAt(i + count) === char) count++;
      if (!'yuMdHhmsSaEZXz'.includes(char)) throw new TimeFormatError(`Unknown pattern letter: ${char}`);
      tokens.push({ letter: char, count });
      i += count;
    } else {
      tokens.push({ literal: char });
      i++;
    }
  }
  return tokens;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function offsetText(minutes: number, colon: boolean, zulu: boolean): string {
  if (zulu && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60), 2)}${colon ? ':' : ''}${pad(absolute % 60, 2)}`;
}

export function formatEpochMillis(epochMs: number, pattern: string, timeZone = 'UTC'): string {
  const f = fieldsOf(epochMs, timeZone);
  return tokenize(pattern)
    .map((token) => {
      if ('literal' in token) return token.literal;
      const { letter, count } = token;
      switch (letter) {
        case 'y':
        case 'u':
          return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
        case 'M':
          if (count >= 4) return monthNames[f.month - 1] as string;
          if (count === 3) return (monthNames[f.month - 1] as string).slice(0, 3);
          return pad(f.month, count);
        case 'd':
          return pad(f.day, count);
        case 'H':
          return pad(f.hour, count);
        case 'h':
          return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
        case 'm':
          return pad(f.minute, count);
        case 's':
          return pad(f.second, count);
        case 'S':
          return pad(f.millisecond, 3).slice(0, count).padEnd(count, '0');
        case 'a':
          return f.hour < 12 ? 'AM' : 'PM';
        case 'E':
          return count >= 4 ? (dayNames[f.weekday] as string) : (dayNames[f.weekday] as string).slice(0, 3);
        case 'Z':
          return offsetText(f.offset, count >= 5, false);
        case 'X':
          return offsetText(f.offset, count >= 3, true);
        default:
          return timeZone;
      }
    })
    .join('');
}

/** Reads a timestamp written in `pattern` (numeric fields, offsets and English month names). */
export function parseToEpochMillis(text: string, pattern: string, timeZone = 'UTC'): number {
  const fields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let offset: number | undefined;
  let pm: boolean | undefined;
  let at = 0;
  const fail = () => new TimeFormatError(`Text '${text}' could not be parsed at index ${at}`);
  for (const token of tokenize(pattern)) {
    if ('literal' in token) {
      if (!text.startsWith(token.literal, at)) throw fail();
      at += token.literal.length;
      continue;
    }
    const { letter, count } = token;
    if (letter === 'M' && count >= 3) {
      const index = monthNames.findIndex((name) => text.startsWith(count === 3 ? name.slice(0, 3) : name, at));
      if (index < 0) throw fail();
      fields.month = index + 1;
      at += count === 3 ? 3 : (monthNames[index] as string).length;
      continue;
    }
    if (letter === 'a') {
      const marker = text.slice(at, at + 2).toUpperCase();
      if (marker !== 'AM' && marker !== 'PM') throw fail();
      pm = marker === 'PM';
      at += 2;
      continue;
    }
    if (letter === 'E') {
      const name = dayNames.find((day) => text.startsWith(count >= 4 ? day : day.slice(0, 3), at));
      if (!name) throw fail();
      at += count >= 4 ? name.length : 3;
      continue;
    }
    if (letter === 'Z' || letter === 'X') {
      if (text.charAt(at) === 'Z') {
        offset = 0;
        at += 1;
        continue;
      }
      const match = /^([+-])(\d{2}):?(\d{2})/.exec(text.slice(at));
      if (!match) throw fail();
      offset = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
      at += match[0].length;
      continue;
    }
    const digits = /^\d+/.exec(text.slice(at))?.[0];
    const width = count > 1 || letter === 'S' ? count : (digits?.length ?? 0);
    const value = digits && digits.length >= width ? digits.slice(0, Math.max(width, 1)) : undefined;
    if (value === undefined) throw fail();
    at += value.length;
    const number = Number(value);
    if (letter === 'y' || letter === 'u') fields.year = count === 2 ? 2000 + number : number;
    else if (letter === 'M') fields.month = number;
    else if (letter === 'd') fields.day = number;
    else if (letter === 'H' || letter === 'h') fields.hour = number;
    else if (letter === 'm') fields.minute = number;
    else if (letter === 's') fields.second = number;
    else if (letter === 'S') fields.millisecond = Math.round(number * 10 ** (3 - value.length));
  }
  if (at !== text.length) throw fail();
  if (pm !== undefined) fields.hour = (fields.hour % 12) + (pm ? 12 : 0);
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
  if (offset !== undefined) return asUtc - offset * 60000;
  // A wall-clock time in `timeZone`: correct by that zone's offset at (about) that moment.
  return asUtc - zoneOffsetMinutes(asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60000, timeZone) * 60000;
}
