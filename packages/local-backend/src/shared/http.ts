import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostRule } from './host-rule';

/** A request that cannot be served, answered with `status` and a plain JSON message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Reads the whole request body, refusing bodies over `limitBytes` with a 413. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      req.resume();
      reject(new HttpError(413, `Request body is larger than ${limitBytes} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new HttpError(413, `Request body is larger than ${limitBytes} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(payload.length),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(payload);
}

// Browsers do not let `Access-Control-Allow-Headers: *` cover Authorization, so every
// header the Amplify client sends is listed by name.
const allowedHeaders = [
  'authorization',
  'content-type',
  'cache-control',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-target',
  'x-amz-user-agent',
  'x-amz-content-sha256',
  'x-api-key',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
];

const exposedHeaders = 'x-amzn-errortype, x-amzn-requestid, x-amzn-errormessage, date';

/**
 * Adds the CORS headers every response needs, for pages the host rule allows: any website
 * could otherwise read local data with guest credentials it can mint itself.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, rule: HostRule): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !rule.allowsOrigin(origin)) return;
  res.setHeader('access-control-allow-origin', origin ?? '*');
  res.setHeader('access-control-expose-headers', exposedHeaders);
  res.setHeader('vary', 'Origin');
}

/** Answers a CORS preflight; returns false when the request is not one. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, rule: HostRule): boolean {
  if (req.method !== 'OPTIONS') return false;
  if (req.headers.origin !== undefined && !rule.allowsOrigin(req.headers.origin)) {
    res.writeHead(403, { 'content-length': '0' }).end();
    return true;
  }
  const requested = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((header) => header.trim().toLowerCase())
    .filter((header) => header !== '' && !allowedHeaders.includes(header));
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': [...allowedHeaders, ...requested].join(', '),
    'access-control-max-age': '86400',
    // Chromium asks before a page served from elsewhere may call a loopback address.
    ...(req.headers['access-control-request-private-network'] === 'true' ? { 'access-control-allow-private-network': 'true' } : {}),
    'content-length': '0',
  });
  res.end();
  return true;
}
