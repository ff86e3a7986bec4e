import { randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { SqliteDatabase } from '../shared/database';
import type { ServerEphemeral } from './srp';

// Cognito gives a client 3 minutes to answer a challenge (the app client's auth session validity).
const challengeLifetimeMs = 3 * 60 * 1000;

/** Server state of a USER_SRP_AUTH sign-in between InitiateAuth and PASSWORD_VERIFIER. */
export interface PasswordVerifierState {
  /** Undefined for a decoy challenge handed out for an unknown user. */
  sub: string | undefined;
  /** USER_ID_FOR_SRP and the verifier B was made from: the user's, or the decoy's. */
  userId: string;
  verifier: string;
  clientPublic: string;
  ephemeral: ServerEphemeral;
}

export interface ChallengeStore {
  /** Stores SRP state and returns the SECRET_BLOCK that names it. */
  startPasswordVerifier(state: PasswordVerifierState): string;
  /** Takes (and forgets) the SRP state named by a SECRET_BLOCK; undefined if unknown or expired. */
  takePasswordVerifier(secretBlock: string): PasswordVerifierState | undefined;
  /** Starts a NEW_PASSWORD_REQUIRED challenge and returns its Session. */
  startNewPasswordRequired(sub: string): string;
  /** The user of a NEW_PASSWORD_REQUIRED Session; undefined if unknown or expired. */
  newPasswordRequiredUser(session: string): string | undefined;
  finish(session: string): void;
}

interface ChallengeRow {
  kind: 'PASSWORD_VERIFIER' | 'NEW_PASSWORD_REQUIRED';
  sub: string | null;
  state: string;
  expires_at: number;
}

export function createChallengeStore(db: SqliteDatabase, clock: Clock): ChallengeStore {
  db.exec(`CREATE TABLE IF NOT EXISTS cognito_challenges (
    session TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    sub TEXT,
    state TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  )`);
  const insert = db.prepare('INSERT INTO cognito_challenges (session, kind, sub, state, expires_at) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare('SELECT kind, sub, state, expires_at FROM cognito_challenges WHERE session = ?');
  const remove = db.prepare('DELETE FROM cognito_challenges WHERE session = ?');
  const removeExpired = db.prepare('DELETE FROM cognito_challenges WHERE expires_at <= ?');

  function start(kind: ChallengeRow['kind'], sub: string | undefined, state: unknown): string {
    const session = randomBytes(kind === 'PASSWORD_VERIFIER' ? 64 : 96).toString(kind === 'PASSWORD_VERIFIER' ? 'base64' : 'base64url');
    const now = clock.now().getTime();
    db.transaction(() => {
      removeExpired.run(now);
      insert.run(session, kind, sub ?? null, JSON.stringify(state), now + challengeLifetimeMs);
    })();
    return session;
  }

  function live(session: string, kind: ChallengeRow['kind']): ChallengeRow | undefined {
    const row = select.get(session) as ChallengeRow | undefined;
    if (!row || row.kind !== kind || clock.now().getTime() >= row.expires_at) return undefined;
    return row;
  }

  return {
    startPasswordVerifier: (state) => start('PASSWORD_VERIFIER', state.sub, state),
    takePasswordVerifier(secretBlock) {
      const row = live(secretBlock, 'PASSWORD_VERIFIER');
      remove.run(secretBlock);
      return row && (JSON.parse(row.state) as PasswordVerifierState);
    },
    startNewPasswordRequired: (sub) => start('NEW_PASSWORD_REQUIRED', sub, {}),
    newPasswordRequiredUser: (session) => live(session, 'NEW_PASSWORD_REQUIRED')?.sub ?? undefined,
    finish(session) {
      remove.run(session);
    },
  };
}
