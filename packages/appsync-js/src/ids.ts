import { randomBytes, randomUUID } from 'node:crypto';

// Crockford's base32, as ULIDs are written.
const ulidAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const uuid = (): string => randomUUID();

/** 48 bits of time in 10 characters, then 80 random bits in 16. */
export function ulid(nowMs: number): string {
  let time = '';
  for (let value = nowMs, i = 0; i < 10; i++, value = Math.floor(value / 32)) time = ulidAlphabet.charAt(value % 32) + time;
  const random = Array.from(randomBytes(16), (byte) => ulidAlphabet.charAt(byte % 32)).join('');
  return time + random;
}

/** 4 bytes of seconds since the KSUID epoch (2014-05-13T16:53:20Z) and 16 random bytes, in base62. */
export function ksuid(nowMs: number): string {
  const bytes = Buffer.concat([Buffer.alloc(4), randomBytes(16)]);
  bytes.writeUInt32BE(Math.floor(nowMs / 1000) - 1400000000, 0);
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = base62.charAt(Number(value % 62n)) + text;
    value /= 62n;
  }
  return text.padStart(27, '0');
}
