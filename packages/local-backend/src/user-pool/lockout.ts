import type { Clock } from '../shared/clock';
import type { SqliteDatabase } from '../shared/database';
import { NotAuthorizedException } from './errors';

// Cognito's documented lockout: after 5 failed password attempts a user is locked out for
// 2^(n-5) seconds (n failures so far), up to about 15 minutes; attempts during a lockout are
// refused and not counted. A successful sign-in after a lockout ends, or 15 minutes without
// any attempt, starts over.
const freeFailures = 5;
const maxLockoutMs = 15 * 60 * 1000;
const quietResetMs = 15 * 60 * 1000;

/** What the lockout of one account stands at, e.g. for an administrator. */
export interface LockoutState {
  /** Consecutive failed password attempts counted towards the lockout. */
  failedAttempts: number;
  /** Until when sign-in is refused; undefined when it is not. */
  lockedUntil: Date | undefined;
}

/**
 * Password attempts per account key: a user's sub, or the decoy id an unknown username is
 * given, so an unknown account is locked out as a real one would be and the answers stay alike.
 */
export interface Lockout {
  /** Refuses with NotAuthorizedException "Password attempts exceeded" while `key` is locked out. */
  check(key: string): void;
  failed(key: string): void;
  succeeded(key: string): void;
  lockoutState(key: string): LockoutState;
}

interface Row {
  failures: number;
  locked_until: number;
  last_attempt: number;
}

/** When a lockout after `failures` consecutive failures at `now` ends (0: there is none). */
function lockedUntil(failures: number, now: number): number {
  return failures < freeFailures ? 0 : now + Math.min(1000 * 2 ** (failures - freeFailures), maxLockoutMs);
}

export function createLockout(db: SqliteDatabase, clock: Clock): Lockout {
  db.exec(`CREATE TABLE IF NOT EXISTS cognito_lockouts (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until INTEGER NOT NULL,
    last_attempt INTEGER NOT NULL
  )`);
  const select = db.prepare<[string], Row>('SELECT failures, locked_until, last_attempt FROM cognito_lockouts WHERE key = ?');
  const upsert = db.prepare<[string, number, number, number]>(
    `INSERT INTO cognito_lockouts (key, failures, locked_until, last_attempt) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_attempt = excluded.last_attempt`,
  );
  const touch = db.prepare<[number, string]>('UPDATE cognito_lockouts SET last_attempt = ? WHERE key = ?');
  const remove = db.prepare<[string]>('DELETE FROM cognito_lockouts WHERE key = ?');

  /** The row still in force: none once 15 quiet minutes have passed. */
  function current(key: string, now: number): Row | undefined {
    const row = select.get(key);
    if (row && now - row.last_attempt >= quietResetMs) {
      remove.run(key);
      return undefined;
    }
    return row;
  }

  return {
    check(key) {
      const now = clock.now().getTime();
      const row = current(key, now);
      if (row && now < row.locked_until) {
        touch.run(now, key);
        throw new NotAuthorizedException('Password attempts exceeded');
      }
    },
    failed(key) {
      const now = clock.now().getTime();
      const failures = (current(key, now)?.failures ?? 0) + 1;
      upsert.run(key, failures, lockedUntil(failures, now), now);
    },
    succeeded(key) {
      remove.run(key);
    },
    lockoutState(key) {
      const now = clock.now().getTime();
      const row = current(key, now);
      return { failedAttempts: row?.failures ?? 0, lockedUntil: row && now < row.locked_until ? new Date(row.locked_until) : undefined };
    },
  };
}
