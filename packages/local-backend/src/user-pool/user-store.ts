import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { SqliteDatabase } from '../shared/database';
import { createPasswordVerifier, type PasswordVerifier } from './srp';
import { UsernameExistsException } from './errors';

/** RESET_REQUIRED: an administrator reset the password; the user must reset it with a code before signing in. */
export type UserStatus = 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED' | 'RESET_REQUIRED';

export interface User {
  /** Also the Cognito username: with email sign-in, Cognito names users by their sub. */
  sub: string;
  email: string;
  emailVerified: boolean;
  status: UserStatus;
  /** False once an administrator disabled the user: no sign-in, no tokens. */
  enabled: boolean;
  password: PasswordVerifier;
  passwordSetAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** Other standard attributes (name, given_name, ...). */
  attributes: Record<string, string>;
}

interface UserRow {
  sub: string;
  email: string;
  email_verified: number;
  status: UserStatus;
  enabled: number;
  srp_salt: string;
  srp_verifier: string;
  password_set_at: number;
  created_at: number;
  updated_at: number;
  attributes: string;
}

function toUser(row: UserRow): User {
  return {
    sub: row.sub,
    email: row.email,
    emailVerified: row.email_verified === 1,
    status: row.status,
    enabled: row.enabled === 1,
    password: { salt: row.srp_salt, verifier: row.srp_verifier },
    passwordSetAt: new Date(row.password_set_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    attributes: JSON.parse(row.attributes) as Record<string, string>,
  };
}

const subPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface UserStore {
  /** Finds a user by what a client may send as USERNAME: the email alias or the sub. */
  find(username: string): User | undefined;
  list(): User[];
  /** Admin creation with a temporary password, as AdminCreateUser does. */
  createWithTemporaryPassword(email: string, temporaryPassword: string, attributes: Record<string, string>): User;
  setPassword(sub: string, password: string, status: UserStatus): void;
  updateAttributes(sub: string, attributes: Record<string, string>): void;
  setStatus(sub: string, status: UserStatus): void;
  setEnabled(sub: string, enabled: boolean): void;
  remove(sub: string): void;
}

export function createUserStore(db: SqliteDatabase, clock: Clock, poolName: string): UserStore {
  db.exec(`CREATE TABLE IF NOT EXISTS cognito_users (
    sub TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email_verified INTEGER NOT NULL,
    status TEXT NOT NULL,
    srp_salt TEXT NOT NULL,
    srp_verifier TEXT NOT NULL,
    password_set_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',
    enabled INTEGER NOT NULL DEFAULT 1
  )`);
  // Installs from before users could be disabled.
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('cognito_users') as { name: string }[];
  if (!columns.some((column) => column.name === 'enabled')) db.exec('ALTER TABLE cognito_users ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1');
  const bySub = db.prepare('SELECT * FROM cognito_users WHERE sub = ?');
  const byEmail = db.prepare('SELECT * FROM cognito_users WHERE email = ?');
  const all = db.prepare('SELECT * FROM cognito_users ORDER BY email');
  const insert = db.prepare(
    `INSERT INTO cognito_users (sub, email, email_verified, status, srp_salt, srp_verifier, password_set_at, created_at, updated_at, attributes)
     VALUES (@sub, @email, 1, 'FORCE_CHANGE_PASSWORD', @salt, @verifier, @now, @now, @now, @attributes)`,
  );
  const updatePassword = db.prepare(
    'UPDATE cognito_users SET srp_salt = ?, srp_verifier = ?, status = ?, password_set_at = ?, updated_at = ? WHERE sub = ?',
  );
  const updateAttributes = db.prepare('UPDATE cognito_users SET attributes = ?, updated_at = ? WHERE sub = ?');
  const updateStatus = db.prepare('UPDATE cognito_users SET status = ?, updated_at = ? WHERE sub = ?');
  const updateEnabled = db.prepare('UPDATE cognito_users SET enabled = ?, updated_at = ? WHERE sub = ?');
  const remove = db.prepare('DELETE FROM cognito_users WHERE sub = ?');

  const find = (username: string): User | undefined => {
    const row = (subPattern.test(username) ? bySub.get(username) : byEmail.get(username)) as UserRow | undefined;
    return row && toUser(row);
  };

  return {
    find,
    list: () => (all.all() as UserRow[]).map(toUser),
    createWithTemporaryPassword(email, temporaryPassword, attributes) {
      const sub = randomUUID();
      const { salt, verifier } = createPasswordVerifier(poolName, sub, temporaryPassword);
      const now = clock.now().getTime();
      try {
        insert.run({ sub, email, salt, verifier, now, attributes: JSON.stringify(attributes) });
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UsernameExistsException();
        throw error;
      }
      return toUser(bySub.get(sub) as UserRow);
    },
    setPassword(sub, password, status) {
      const { salt, verifier } = createPasswordVerifier(poolName, sub, password);
      const now = clock.now().getTime();
      updatePassword.run(salt, verifier, status, now, now, sub);
    },
    updateAttributes(sub, attributes) {
      const user = find(sub);
      if (!user) return;
      updateAttributes.run(JSON.stringify({ ...user.attributes, ...attributes }), clock.now().getTime(), sub);
    },
    setStatus(sub, status) {
      updateStatus.run(status, clock.now().getTime(), sub);
    },
    setEnabled(sub, enabled) {
      updateEnabled.run(enabled ? 1 : 0, clock.now().getTime(), sub);
    },
    remove(sub) {
      remove.run(sub);
    },
  };
}
