import { createHash, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { NotAuthorizedException } from '../shared/aws-errors';
import type { Clock } from '../shared/clock';
import type { SqliteDatabase } from '../shared/database';
import { JwtRejectedError, signJwt, verifyJwt, type JwtPayload } from './jwt';
import type { PoolIds } from '../shared/pool-ids';
import { publicJwk, type PublicJwk, type SigningKey } from './signing-key';

const tokenLifetimeSeconds = 60 * 60;
const refreshTokenLifetimeMs = 30 * 24 * 60 * 60 * 1000;

interface CommonClaims {
  sub: string;
  iss: string;
  origin_jti: string;
  event_id: string;
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
}

export interface AccessTokenClaims extends CommonClaims {
  token_use: 'access';
  client_id: string;
  scope: string;
  username: string;
  /** The user's groups, when they are in any. */
  'cognito:groups'?: string[];
}

export interface IdTokenClaims extends CommonClaims {
  token_use: 'id';
  aud: string;
  'cognito:username': string;
  email: string;
  email_verified: boolean;
  name?: string;
  'cognito:groups'?: string[];
}

/** The user a token is issued for. */
export interface TokenSubject {
  sub: string;
  email: string;
  emailVerified: boolean;
  name?: string;
  /** The user pool groups the user is in. */
  groups: string[];
}

/** One sign-in: its refresh token and every access/id token derived from it share `originJti`. */
export interface SignInSession {
  originJti: string;
  sub: string;
  authTime: number;
}

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

type TokenRejection = 'invalid' | 'expired' | 'revoked';

/** A token that failed verification; the message is the one Cognito gives. */
export class TokenRejectedError extends NotAuthorizedException {
  constructor(
    readonly reason: TokenRejection,
    tokenUse: 'access' | 'id' | 'refresh',
  ) {
    const label = { access: 'Access Token', id: 'Id Token', refresh: 'Refresh Token' }[tokenUse];
    super(reason === 'invalid' ? `Invalid ${label}` : `${label} has ${reason === 'revoked' ? 'been revoked' : 'expired'}`);
  }
}

export interface TokenService {
  readonly issuer: string;
  jwks(): { keys: PublicJwk[] };
  startSession(subject: TokenSubject): Promise<AuthenticationResult>;
  findSession(refreshToken: string): SignInSession;
  issueTokens(subject: TokenSubject, session: SignInSession): Promise<AuthenticationResult>;
  revokeRefreshToken(refreshToken: string): void;
  revokeAllSessions(sub: string): void;
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
  verifyIdToken(token: string): Promise<IdTokenClaims>;
}

function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface SessionRow {
  origin_jti: string;
  sub: string;
  auth_time: number;
  expires_at: number;
  revoked: number;
}

export function createTokenService(deps: {
  db: SqliteDatabase;
  clock: Clock;
  ids: PoolIds;
  signingKey: SigningKey;
  issuer: string;
}): TokenService {
  const { db, clock, ids, signingKey, issuer } = deps;
  db.exec(`CREATE TABLE IF NOT EXISTS cognito_sessions (
    origin_jti TEXT PRIMARY KEY,
    refresh_token_hash TEXT NOT NULL UNIQUE,
    sub TEXT NOT NULL REFERENCES cognito_users(sub) ON DELETE CASCADE,
    auth_time INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
  )`);
  const verificationKeys: ReadonlyMap<string, KeyObject> = new Map([[signingKey.kid, signingKey.publicKey]]);

  const insertSession = db.prepare(
    'INSERT INTO cognito_sessions (origin_jti, refresh_token_hash, sub, auth_time, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteExpiredSessions = db.prepare('DELETE FROM cognito_sessions WHERE expires_at < ?');
  const sessionByRefreshToken = db.prepare('SELECT * FROM cognito_sessions WHERE refresh_token_hash = ?');
  const sessionByOriginJti = db.prepare('SELECT * FROM cognito_sessions WHERE origin_jti = ?');
  const revokeByRefreshToken = db.prepare('UPDATE cognito_sessions SET revoked = 1 WHERE refresh_token_hash = ?');
  const revokeBySub = db.prepare('UPDATE cognito_sessions SET revoked = 1 WHERE sub = ?');

  async function issueTokens(subject: TokenSubject, session: SignInSession): Promise<AuthenticationResult> {
    const iat = Math.floor(clock.now().getTime() / 1000);
    // Cognito puts the user's groups in both tokens, and leaves the claim out for a user in none.
    const groups = subject.groups.length > 0 ? { 'cognito:groups': [...subject.groups] } : {};
    const common = {
      sub: subject.sub,
      iss: issuer,
      origin_jti: session.originJti,
      event_id: randomUUID(),
      auth_time: session.authTime,
      iat,
      exp: iat + tokenLifetimeSeconds,
    };
    const access: AccessTokenClaims = {
      ...common,
      token_use: 'access',
      client_id: ids.userPoolClientId,
      scope: 'aws.cognito.signin.user.admin',
      username: subject.sub,
      ...groups,
      jti: randomUUID(),
    };
    const id: IdTokenClaims = {
      ...common,
      token_use: 'id',
      aud: ids.userPoolClientId,
      'cognito:username': subject.sub,
      email: subject.email,
      email_verified: subject.emailVerified,
      ...(subject.name === undefined ? {} : { name: subject.name }),
      ...groups,
      jti: randomUUID(),
    };
    const [accessToken, idToken] = await Promise.all([
      signJwt({ ...access }, signingKey.kid, signingKey.privateKey),
      signJwt({ ...id }, signingKey.kid, signingKey.privateKey),
    ]);
    return {
      AccessToken: accessToken,
      IdToken: idToken,
      ExpiresIn: tokenLifetimeSeconds,
      TokenType: 'Bearer',
    };
  }

  /** Signature, issuer and expiry by jose; the claims Cognito adds (token_use, client or audience, session) here. */
  async function verifiedPayload(token: string, tokenUse: 'access' | 'id'): Promise<JwtPayload> {
    let payload: JwtPayload;
    try {
      payload = await verifyJwt(token, verificationKeys, { issuer, now: clock.now() });
    } catch (error) {
      if (error instanceof JwtRejectedError) throw new TokenRejectedError(error.reason, tokenUse);
      throw error;
    }
    // Access tokens name their app client in client_id and carry no aud.
    const audience = tokenUse === 'access' ? payload['client_id'] : payload.aud;
    if (
      payload['token_use'] !== tokenUse ||
      audience !== ids.userPoolClientId ||
      typeof payload.sub !== 'string' ||
      typeof payload['origin_jti'] !== 'string'
    ) {
      throw new TokenRejectedError('invalid', tokenUse);
    }
    const session = sessionByOriginJti.get(payload.origin_jti) as SessionRow | undefined;
    if (!session || session.revoked || session.sub !== payload.sub) throw new TokenRejectedError('revoked', tokenUse);
    return payload;
  }

  return {
    issuer,
    jwks: () => ({ keys: [publicJwk(signingKey)] }),
    async startSession(subject) {
      const now = clock.now().getTime();
      const refreshToken = randomBytes(48).toString('base64url');
      const session: SignInSession = { originJti: randomUUID(), sub: subject.sub, authTime: Math.floor(now / 1000) };
      db.transaction(() => {
        deleteExpiredSessions.run(now);
        insertSession.run(session.originJti, hashRefreshToken(refreshToken), subject.sub, session.authTime, now + refreshTokenLifetimeMs);
      })();
      return { ...(await issueTokens(subject, session)), RefreshToken: refreshToken };
    },
    findSession(refreshToken) {
      const row = sessionByRefreshToken.get(hashRefreshToken(refreshToken)) as SessionRow | undefined;
      if (!row) throw new TokenRejectedError('invalid', 'refresh');
      if (row.revoked) throw new TokenRejectedError('revoked', 'refresh');
      if (clock.now().getTime() >= row.expires_at) throw new TokenRejectedError('expired', 'refresh');
      return { originJti: row.origin_jti, sub: row.sub, authTime: row.auth_time };
    },
    issueTokens,
    revokeRefreshToken(refreshToken) {
      revokeByRefreshToken.run(hashRefreshToken(refreshToken));
    },
    revokeAllSessions(sub) {
      revokeBySub.run(sub);
    },
    verifyAccessToken: async (token) => (await verifiedPayload(token, 'access')) as unknown as AccessTokenClaims,
    verifyIdToken: async (token) => (await verifiedPayload(token, 'id')) as unknown as IdTokenClaims,
  };
}
