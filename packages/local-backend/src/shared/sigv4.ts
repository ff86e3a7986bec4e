import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';

/** A request (or the signing inputs of a real-time message) whose SigV4 signature is to be checked. */
export interface SignedRequest {
  method: string;
  /** Absolute URL the client signed, e.g. `http://127.0.0.1:20002/graphql`. */
  url: string;
  /** Header names in any case; repeated headers as arrays. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  body: Buffer | string;
}

/** A refused signature, with the AWS error type and message AppSync answers with (HTTP 403). */
export class SignatureError extends Error {
  constructor(
    readonly errorType:
      | 'IncompleteSignatureException'
      | 'InvalidSignatureException'
      | 'UnrecognizedClientException'
      | 'ExpiredTokenException',
    message: string,
  ) {
    super(message);
    this.name = 'SignatureError';
  }
}

/** The secret a signature is checked with; long-term keys (the local administrator's) have no session token or expiry. */
export interface SigningSecret {
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

interface SigV4Options<C extends SigningSecret> {
  region: string;
  service: string;
  clock: Clock;
  findCredentials(accessKeyId: string): C | undefined;
}

const algorithm = 'AWS4-HMAC-SHA256';
// AWS refuses signatures dated more than five minutes away from its clock.
const maxSkewMs = 5 * 60 * 1000;

function normalizedHeaders(headers: SignedRequest['headers']): Map<string, string> {
  const result = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const joined = typeof value === 'string' ? value : value.join(',');
    result.set(name.toLowerCase(), joined.trim().replace(/\s+/g, ' '));
  }
  return result;
}

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string): ParsedAuthorization {
  if (!header.startsWith(`${algorithm} `)) {
    throw new SignatureError('IncompleteSignatureException', `Unsupported Authorization Type`);
  }
  const parameters = new Map<string, string>();
  for (const part of header.slice(algorithm.length + 1).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const credential = parameters.get('Credential');
  const signedHeaders = parameters.get('SignedHeaders');
  const signature = parameters.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    const missing = Object.entries({ Credential: credential, SignedHeaders: signedHeaders, Signature: signature })
      .filter(([, value]) => !value)
      .map(([name]) => `Authorization header requires '${name}' parameter.`);
    throw new SignatureError('IncompleteSignatureException', `${missing.join(' ')} Authorization=${header}`);
  }
  const [accessKeyId, date, region, service, terminator, ...extra] = credential.split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request' || extra.length > 0) {
    throw new SignatureError(
      'IncompleteSignatureException',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map(Number);
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
}

function compactIso(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function hash(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function escape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalRequest(request: SignedRequest, headers: Map<string, string>, signedHeaders: string[]): string {
  const url = new URL(request.url);
  const query = [...url.searchParams]
    .map(([key, value]) => [escape(key), escape(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return [
    request.method.toUpperCase(),
    encodeURIComponent(url.pathname).replace(/%2F/g, '/'),
    query,
    signedHeaders.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join(''),
    signedHeaders.join(';'),
    hash(request.body),
  ].join('\n');
}

/**
 * Verifies a SigV4 signature the way AWS does, with the secret the identity pool minted
 * (or the local administrator was given) for the access key, and returns those credentials. Throws SignatureError otherwise.
 */
export function verifySigV4<C extends SigningSecret>(request: SignedRequest, options: SigV4Options<C>): C {
  const headers = normalizedHeaders(request.headers);
  const auth = parseAuthorization(headers.get('authorization') ?? '');
  const amzDate = headers.get('x-amz-date');
  const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!amzDate || !signedAt) {
    throw new SignatureError(
      'IncompleteSignatureException',
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`,
    );
  }
  if (!auth.signedHeaders.includes('host')) {
    throw new SignatureError('InvalidSignatureException', `'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`);
  }
  if (auth.date !== amzDate.slice(0, 8)) {
    throw new SignatureError(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (auth.region !== options.region) {
    throw new SignatureError('InvalidSignatureException', `Credential should be scoped to a valid region. `);
  }
  if (auth.service !== options.service) {
    throw new SignatureError('InvalidSignatureException', `Credential should be scoped to correct service: '${options.service}'. `);
  }
  const now = options.clock.now();
  if (signedAt.getTime() < now.getTime() - maxSkewMs) {
    const limit = compactIso(new Date(now.getTime() - maxSkewMs));
    throw new SignatureError(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${limit} (${compactIso(now)} - 5 min.)`,
    );
  }
  if (signedAt.getTime() > now.getTime() + maxSkewMs) {
    const limit = compactIso(new Date(now.getTime() + maxSkewMs));
    throw new SignatureError(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${limit} (${compactIso(now)} + 5 min.)`,
    );
  }

  const credentials = options.findCredentials(auth.accessKeyId);
  const sessionToken = headers.get('x-amz-security-token');
  const tokenMatches =
    credentials?.sessionToken === undefined ? sessionToken === undefined : sessionToken !== undefined && sameText(sessionToken, credentials.sessionToken);
  if (!credentials || !tokenMatches) {
    throw new SignatureError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (credentials.expiration !== undefined && credentials.expiration.getTime() <= now.getTime()) {
    throw new SignatureError('ExpiredTokenException', 'The security token included in the request is expired');
  }

  const canonical = canonicalRequest(request, headers, auth.signedHeaders);
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [algorithm, amzDate, scope, hash(canonical)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, auth.date);
  for (const part of [auth.region, auth.service, 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, stringToSign).toString('hex');
  if (!sameText(auth.signature, expected)) {
    throw new SignatureError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.' +
        `\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
    );
  }
  return credentials;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Why a call to an administrator's API is refused, before its protocol names the error. */
export type AdministratorRefusal = SignatureError['errorType'] | 'MissingAuthenticationTokenException' | 'AccessDeniedException';

/** Credentials that sign genuinely but are not the administrator's (the identity pool's), with the ARN AWS names them by. */
export interface OtherPrincipal extends SigningSecret {
  arn: string;
}

/** The IAM action and resource a call asks for, as an AccessDenied message names them. */
export interface RequestedAccess {
  action: string;
  resource: string;
}

export interface AdministratorSignatureCheck<Refusal extends Error> {
  /** The signing name: `cognito-idp`, `cloudformation`, `s3`. */
  service: string;
  region: string;
  clock: Clock;
  administrator: SigningSecret & { accessKeyId: string };
  /** The principals whose signatures are checked but who hold no permission on this API: the identity pool's credentials. */
  findOtherPrincipal?: (accessKeyId: string) => OtherPrincipal | undefined;
  /** The protocol's error for a refusal: the JSON protocol's type, the Query protocol's code, S3's code. */
  refuse(refusal: AdministratorRefusal, message: string): Refusal;
}

/**
 * The check in front of the APIs only the local administrator may call (the user pool's Admin*
 * operations, CloudFormation, S3): a SigV4 signature by the administrator's credentials. A genuine
 * signature by credentials of the identity pool is refused with AccessDenied as AWS refuses a role
 * whose policies grant nothing here, in IAM's words for an implicit deny
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html).
 */
export function requireAdministratorSignature<Refusal extends Error>(check: AdministratorSignatureCheck<Refusal>) {
  return (request: SignedRequest, access: () => RequestedAccess): void => {
    if (request.headers.authorization === undefined) throw check.refuse('MissingAuthenticationTokenException', 'Missing Authentication Token');
    let signer: SigningSecret & { arn?: string };
    try {
      signer = verifySigV4<SigningSecret & { arn?: string }>(request, {
        region: check.region,
        service: check.service,
        clock: check.clock,
        findCredentials: (accessKeyId) => (accessKeyId === check.administrator.accessKeyId ? check.administrator : check.findOtherPrincipal?.(accessKeyId)),
      });
    } catch (error) {
      if (error instanceof SignatureError) throw check.refuse(error.errorType, error.message);
      throw error;
    }
    if (signer.arn !== undefined) {
      const { action, resource } = access();
      throw check.refuse('AccessDeniedException', `User: ${signer.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`);
    }
  };
}
