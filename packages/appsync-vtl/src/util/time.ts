import { formatEpochMillis, parseToEpochMillis } from '@exam-results/appsync-js';
import { HostObject } from '../host-object';
import type { Invocation } from '../invocation';
import { JavaException } from '../java-values';

const zone = (timeZone: unknown) => (timeZone === undefined || timeZone === null ? 'UTC' : String(timeZone));

/** `$util.time`, reading the clock the rendering's environment injects. */
export function createTime(): HostObject {
  return new HostObject({
    nowISO8601(this: Invocation) {
      return new Date(this.environment.now()).toISOString();
    },
    nowEpochSeconds(this: Invocation) {
      return Math.floor(this.environment.now() / 1000);
    },
    nowEpochMilliSeconds(this: Invocation) {
      return this.environment.now();
    },
    nowFormatted(this: Invocation, format: string, timeZone?: string) {
      return formatEpochMillis(this.environment.now(), String(format), zone(timeZone));
    },
    parseFormattedToEpochMilliSeconds: (text: string, format: string, timeZone?: string) => parseToEpochMillis(String(text), String(format), zone(timeZone)),
    parseISO8601ToEpochMilliSeconds: (text: string) => {
      const value = /^\d{4}-\d{2}-\d{2}T/.test(String(text)) ? Date.parse(String(text)) : Number.NaN;
      if (Number.isNaN(value)) throw new JavaException(`java.time.format.DateTimeParseException: Text '${String(text)}' could not be parsed at index 0`);
      return value;
    },
    epochMilliSecondsToSeconds: (ms: number) => Math.floor(Number(ms) / 1000),
    epochMilliSecondsToISO8601: (ms: number) => new Date(Number(ms)).toISOString(),
    epochMilliSecondsToFormatted: (ms: number, format: string, timeZone?: string) => formatEpochMillis(Number(ms), String(format), zone(timeZone)),
  });
}
