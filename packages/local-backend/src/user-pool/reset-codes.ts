import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { SqliteDatabase } from '../shared/database';

const codeLifetimeMs = 60 * 60 * 1000;
// Wrong codes a user may try before Cognito refuses with LimitExceededException until a new code is asked for.
const maxAttempts = 5;

type CodeCheck = 'valid' | 'mismatch' | 'expired' | 'limit-exceeded';

/** ForgotPassword codes: one live code per user, kept only as a hash. */
export interface ResetCodeStore {
  issue(sub: string): string;
  check(sub: string, code: string): CodeCheck;
  consume(sub: string): void;
}

function hashCode(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}

export function createResetCodeStore(db: SqliteDatabase, clock: Clock): ResetCodeStore {
  db.exec(`CREATE TABLE IF NOT EXISTS cognito_reset_codes (
    sub TEXT PRIMARY KEY REFERENCES cognito_users(sub) ON DELETE CASCADE,
    code_hash BLOB NOT NULL,
    expires_at INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0
  )`);
  const upsert = db.prepare(
    `INSERT INTO cognito_reset_codes (sub, code_hash, expires_at) VALUES (?, ?, ?)
     ON CONFLICT(sub) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, failed_attempts = 0`,
  );
  const select = db.prepare('SELECT code_hash, expires_at, failed_attempts FROM cognito_reset_codes WHERE sub = ?');
  const countFailure = db.prepare('UPDATE cognito_reset_codes SET failed_attempts = failed_attempts + 1 WHERE sub = ?');
  const remove = db.prepare('DELETE FROM cognito_reset_codes WHERE sub = ?');

  return {
    issue(sub) {
      const code = String(randomInt(1_000_000)).padStart(6, '0');
      upsert.run(sub, hashCode(code), clock.now().getTime() + codeLifetimeMs);
      return code;
    },
    check(sub, code) {
      const row = select.get(sub) as { code_hash: Buffer; expires_at: number; failed_attempts: number } | undefined;
      if (!row || clock.now().getTime() >= row.expires_at) return 'expired';
      if (row.failed_attempts >= maxAttempts) return 'limit-exceeded';
      if (timingSafeEqual(row.code_hash, hashCode(code))) return 'valid';
      countFailure.run(sub);
      return 'mismatch';
    },
    consume(sub) {
      remove.run(sub);
    },
  };
}
