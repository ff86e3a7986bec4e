import { createSign, createVerify, type KeyObject } from 'node:crypto';
import { isObject } from '../shared/values';

export type JwtPayload = Record<string, unknown>;

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function signJwt(payload: JwtPayload, kid: string, privateKey: KeyObject): string {
  const signingInput = `${encodeSegment({ kid, alg: 'RS256' })}.${encodeSegment(payload)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Returns the payload of an RS256 JWT whose signature verifies with the key named by
 * its `kid`, or undefined for anything else (malformed, other algorithm, unknown key,
 * bad signature). Claims are the caller's to check.
 */
export function verifyJwtSignature(token: string, keys: ReadonlyMap<string, KeyObject>): JwtPayload | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [headerSegment, payloadSegment, signatureSegment] = parts as [string, string, string];
  const header = decodeSegment(headerSegment);
  const payload = decodeSegment(payloadSegment);
  if (!isObject(header) || !isObject(payload)) return undefined;
  if (header.alg !== 'RS256' || typeof header.kid !== 'string') return undefined;
  const key = keys.get(header.kid);
  if (!key) return undefined;
  const signature = Buffer.from(signatureSegment, 'base64url');
  // Node's base64url decoder skips stray characters; only the canonical encoding is accepted.
  if (signature.toString('base64url') !== signatureSegment) return undefined;
  const valid = createVerify('RSA-SHA256')
    .update(`${headerSegment}.${payloadSegment}`)
    .verify(key, signature);
  return valid ? payload : undefined;
}
