import { isIP } from 'node:net';
import { GraphQLError, Kind, print, type GraphQLScalarType, type ValueNode } from 'graphql';

/**
 * The scalars and directives AppSync defines implicitly. The SDL Amplify's transformer
 * writes uses them without declaring them, so they are declared here before it.
 */
export const appSyncDefinitions = `
scalar AWSDate
scalar AWSTime
scalar AWSDateTime
scalar AWSTimestamp
scalar AWSEmail
scalar AWSJSON
scalar AWSURL
scalar AWSPhone
scalar AWSIPAddress
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
directive @aws_iam on FIELD_DEFINITION | OBJECT
directive @aws_cognito_user_pools(cognito_groups: [String]) on FIELD_DEFINITION | OBJECT
directive @aws_api_key on FIELD_DEFINITION | OBJECT
directive @aws_oidc on FIELD_DEFINITION | OBJECT
directive @aws_lambda on FIELD_DEFINITION | OBJECT
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
`;

const offset = String.raw`(?:Z|[+-](\d{2}):(\d{2})(?::(\d{2}))?)`;
const datePattern = String.raw`([+-]?\d{4,})-(\d{2})-(\d{2})`;
const timePattern = String.raw`(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?`;
const awsDate = new RegExp(`^${datePattern}${offset}?$`);
const awsTime = new RegExp(`^${timePattern}${offset}?$`);
const awsDateTime = new RegExp(`^${datePattern}T${timePattern}${offset}?$`);
const email = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const phone = /^\+?[\d][\d\s-]*$/;

function validDate(year = '', month = '', day = ''): boolean {
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one (leap years included).
  const lastDay = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  return d <= lastDay;
}

function validTime(hours = '', minutes = '', seconds?: string): boolean {
  return Number(hours) < 24 && Number(minutes) < 60 && (seconds === undefined || Number(seconds) < 60);
}

function validOffset(hours?: string, minutes?: string, seconds?: string): boolean {
  return hours === undefined || validTime(hours, minutes, seconds);
}

const isDate = (value: string): boolean => {
  const [match, year, month, day, offsetHours, offsetMinutes, offsetSeconds] = awsDate.exec(value) ?? [];
  return match !== undefined && validDate(year, month, day) && validOffset(offsetHours, offsetMinutes, offsetSeconds);
};

const isTime = (value: string): boolean => {
  const [match, hours, minutes, seconds, offsetHours, offsetMinutes, offsetSeconds] = awsTime.exec(value) ?? [];
  return match !== undefined && validTime(hours, minutes, seconds) && validOffset(offsetHours, offsetMinutes, offsetSeconds);
};

const isDateTime = (value: string): boolean => {
  const [match, year, month, day, hours, minutes, seconds, offsetHours, offsetMinutes, offsetSeconds] =
    awsDateTime.exec(value) ?? [];
  return (
    match !== undefined &&
    validDate(year, month, day) &&
    validTime(hours, minutes, seconds) &&
    validOffset(offsetHours, offsetMinutes, offsetSeconds)
  );
};

const isUrl = (value: string): boolean => {
  // RFC 1738 URLs need a scheme; AppSync also refuses "//" inside the path.
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return false;
  try {
    const url = new URL(value);
    return !url.pathname.slice(1).includes('//');
  } catch {
    return false;
  }
};

const isIpAddress = (value: string): boolean => {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || address === undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
};

const isPhone = (value: string): boolean => {
  const digits = value.replace(/\D/g, '').length;
  return phone.test(value) && digits >= 7 && digits <= 15;
};

interface StringScalar {
  label: string;
  valid(value: string): boolean;
}

const stringScalars: Record<string, StringScalar> = {
  AWSDate: { label: 'date', valid: isDate },
  AWSTime: { label: 'time', valid: isTime },
  AWSDateTime: { label: 'DateTime', valid: isDateTime },
  AWSEmail: { label: 'email address', valid: (value) => email.test(value) },
  AWSURL: { label: 'URL', valid: isUrl },
  AWSPhone: { label: 'phone number', valid: isPhone },
  AWSIPAddress: { label: 'IP address', valid: isIpAddress },
};

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function unableToParse(value: unknown, label: string): GraphQLError {
  return new GraphQLError(`Unable to parse \`${describe(value)}\` as a valid ${label}.`);
}

function literalString(node: ValueNode, label: string): string {
  if (node.kind !== Kind.STRING) throw unableToParse(print(node), label);
  return node.value;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') throw unableToParse(value, 'JSON');
  try {
    return JSON.parse(value);
  } catch {
    throw unableToParse(value, 'JSON');
  }
}

function parseTimestamp(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw unableToParse(value, 'timestamp');
  return value;
}

/**
 * Gives the AppSync scalars of a schema built from SDL the validation AppSync applies:
 * an AWSDate must be a real calendar date, an AWSJSON input must be a string holding
 * JSON (resolvers see it parsed), and so on. Values that fail are request errors.
 */
export function installAppSyncScalars(scalars: Iterable<GraphQLScalarType>): void {
  for (const scalar of scalars) {
    const spec = stringScalars[scalar.name];
    if (spec) {
      const parse = (value: unknown): string => {
        if (typeof value !== 'string' || !spec.valid(value)) throw unableToParse(value, spec.label);
        return value;
      };
      scalar.parseValue = parse;
      scalar.parseLiteral = (node) => parse(literalString(node, spec.label));
      scalar.serialize = (value) => String(value);
    } else if (scalar.name === 'AWSJSON') {
      scalar.parseValue = parseJson;
      scalar.parseLiteral = (node) => parseJson(literalString(node, 'JSON'));
      scalar.serialize = (value) => (typeof value === 'string' ? value : JSON.stringify(value));
    } else if (scalar.name === 'AWSTimestamp') {
      scalar.parseValue = parseTimestamp;
      scalar.parseLiteral = (node) => {
        if (node.kind !== Kind.INT) throw unableToParse(print(node), 'timestamp');
        return parseTimestamp(Number(node.value));
      };
      scalar.serialize = (value) => parseTimestamp(value);
    }
  }
}
