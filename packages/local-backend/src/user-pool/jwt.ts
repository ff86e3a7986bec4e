import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export type JwtPayload = JWTPayload;

export function signJwt(payload: JwtPayload, kid: string, privateKey: KeyObject): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ kid, alg: 'RS256' }).sign(privateKey);
}

/** Why a JWT was refused: anything wrong with it, or only that its time is up. */
export type JwtRejection = 'invalid' | 'expired';

export class JwtRejectedError extends Error {
  constructor(readonly reason: JwtRejection) {
    super(`JWT ${reason}`);
    this.name = 'JwtRejectedError';
  }
}

/**
 * The payload of an RS256 JWT signed with the key its `kid` names, from `issuer`, and not
 * expired at `now`; throws JwtRejectedError otherwise. Other claims are the caller's to check.
 */
export async function verifyJwt(token: string, keys: ReadonlyMap<string, KeyObject>, expected: { issuer: string; now: Date }): Promise<JwtPayload> {
  // jose decodes base64url leniently (padding, whitespace, stray low bits), so one token
  // would have many spellings; only the canonical encoding of the signature is accepted.
  const signature = token.split('.')[2] ?? '';
  if (Buffer.from(signature, 'base64url').toString('base64url') !== signature) throw new JwtRejectedError('invalid');
  try {
    const { payload } = await jwtVerify(
      token,
      ({ kid }) => {
        const key = kid === undefined ? undefined : keys.get(kid);
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key;
      },
      { algorithms: ['RS256'], issuer: expected.issuer, currentDate: expected.now, requiredClaims: ['exp'] },
    );
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new JwtRejectedError('expired');
    if (error instanceof errors.JOSEError) throw new JwtRejectedError('invalid');
    throw error;
  }
}
