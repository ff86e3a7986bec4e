import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// SRP-6a as Cognito runs it: the 3072-bit group of RFC 5054 (appendix A), g = 2, SHA-256.
const N = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

function exponentiate(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/**
 * The modular exponentiation every SRP step goes through: the cost of a sign-in is counted
 * in these, and a sign-in for an unknown user must make as many as one for a real user.
 */
export const srpArithmetic = { modPow: exponentiate };

/** Cognito's hex form of a number: even length, "00" in front when the top bit is set. */
function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function hashOfHex(hex: string): bigint {
  return BigInt(`0x${sha256(Buffer.from(hex, 'hex')).toString('hex')}`);
}

const k = hashOfHex(padHex(N) + padHex(g));

function privateKeyX(poolName: string, userId: string, password: string, saltHex: string): bigint {
  const identityHash = sha256(`${poolName}${userId}:${password}`).toString('hex');
  return hashOfHex(padHex(BigInt(`0x${saltHex}`)) + identityHash);
}

/** What the user pool stores instead of a password. */
export interface PasswordVerifier {
  salt: string;
  verifier: string;
}

export function createPasswordVerifier(poolName: string, userId: string, password: string): PasswordVerifier {
  const salt = randomBytes(16).toString('hex');
  const verifier = srpArithmetic.modPow(g, privateKeyX(poolName, userId, password, salt), N);
  return { salt, verifier: padHex(verifier) };
}

/**
 * A verifier no password is known for, derived from `seed`: the decoy challenge of an
 * unknown user. v is never revealed (B = k·v + g^b is masked by g^b), so any number below N
 * serves, and it is made without an exponentiation, as a real user's is read from the store.
 */
export function unanswerableVerifier(seed: Buffer): string {
  const bytes = createHash('shake256', { outputLength: 384 }).update(seed).digest('hex');
  return padHex(BigInt(`0x${bytes}`) % N);
}

/** Checks a plaintext password (USER_PASSWORD_AUTH, ChangePassword) against the stored verifier. */
export function passwordMatches(poolName: string, userId: string, password: string, stored: PasswordVerifier): boolean {
  const candidate = Buffer.from(padHex(srpArithmetic.modPow(g, privateKeyX(poolName, userId, password, stored.salt), N)), 'hex');
  const expected = Buffer.from(stored.verifier, 'hex');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/** The server's ephemeral pair for one sign-in: secret b and public B = k·v + g^b. */
export interface ServerEphemeral {
  b: string;
  B: string;
}

export function createServerEphemeral(verifierHex: string): ServerEphemeral {
  const v = BigInt(`0x${verifierHex}`);
  let b: bigint;
  let B: bigint;
  do {
    b = BigInt(`0x${randomBytes(64).toString('hex')}`);
    B = (k * v + srpArithmetic.modPow(g, b, N)) % N;
  } while (B === 0n);
  return { b: b.toString(16), B: B.toString(16) };
}

/** True when the client's public value A is acceptable (A mod N ≠ 0). */
export function isValidClientPublic(aHex: string): boolean {
  return /^[0-9a-fA-F]+$/.test(aHex) && BigInt(`0x${aHex}`) % N !== 0n;
}

/**
 * The PASSWORD_CLAIM_SIGNATURE a client holding the right password produces:
 * HMAC-SHA256 keyed with the HKDF-derived session key over
 * poolName ‖ userId ‖ secret block ‖ timestamp.
 */
export function expectedPasswordClaim(input: {
  poolName: string;
  userId: string;
  verifierHex: string;
  clientPublicHex: string;
  ephemeral: ServerEphemeral;
  secretBlock: Buffer;
  timestamp: string;
}): Buffer {
  const A = BigInt(`0x${input.clientPublicHex}`);
  const B = BigInt(`0x${input.ephemeral.B}`);
  const v = BigInt(`0x${input.verifierHex}`);
  const u = hashOfHex(padHex(A) + padHex(B));
  const S = srpArithmetic.modPow(A * srpArithmetic.modPow(v, u, N), BigInt(`0x${input.ephemeral.b}`), N);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  const key = createHmac('sha256', prk).update('Caldera Derived Key\u0001').digest().subarray(0, 16);
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(input.poolName), Buffer.from(input.userId), input.secretBlock, Buffer.from(input.timestamp)]))
    .digest();
}
