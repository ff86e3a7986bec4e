import { synthesizeBackend } from '@exam-results/amplify-synth';
import { InvalidParameterException } from '../shared/aws-errors';
import { systemClock, type Clock } from '../shared/clock';
import { openDatabase } from '../shared/database';
import { loadPoolIds, poolNameOf } from '../shared/pool-ids';
import { InvalidPasswordException, UserNotFoundException } from './errors';
import { generateTemporaryPassword, passwordPolicyViolation, type PasswordPolicy } from './password-policy';
import { createLockout, type LockoutState } from './lockout';
import { createUserStore, type User, type UserStore } from './user-store';

/** A user as an administrator sees it. */
export interface PoolUser {
  email: string;
  name?: string;
  sub: string;
  status: User['status'];
  createdAt: Date;
}

export interface UserPoolAdmin {
  /** Creates a user as AdminCreateUser does: email verified, FORCE_CHANGE_PASSWORD. */
  addUser(email: string, options?: { password?: string; name?: string }): { user: PoolUser; temporaryPassword: string };
  listUsers(): PoolUser[];
  removeUser(email: string): void;
  /** A new temporary password; the user chooses a new one at the next sign-in. */
  resetPassword(email: string, options?: { password?: string }): { user: PoolUser; temporaryPassword: string };
  /** How many consecutive wrong passwords the user is at, and until when sign-in is refused. */
  lockoutState(email: string): LockoutState;
  close(): void;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function toPoolUser(user: User): PoolUser {
  const name = user.attributes.name;
  return { email: user.email, sub: user.sub, status: user.status, createdAt: user.createdAt, ...(name === undefined ? {} : { name }) };
}

function temporaryPassword(policy: PasswordPolicy, given: string | undefined): string {
  if (given === undefined) return generateTemporaryPassword(policy);
  const violation = passwordPolicyViolation(policy, given);
  if (violation) throw new InvalidPasswordException(violation);
  return given;
}

function existing(users: UserStore, email: string): User {
  const user = users.find(email);
  if (!user) throw new UserNotFoundException();
  return user;
}

/**
 * The local twin of `aws cognito-idp admin-*-user`. It works on the database directly,
 * whether or not the server is running (WAL and a busy timeout make the two processes
 * take turns). Passwords follow the policy of amplify/.
 */
export async function openUserPoolAdmin(options: {
  dataDir: string;
  repoRoot: string;
  log?: (line: string) => void;
  clock?: Clock;
}): Promise<UserPoolAdmin> {
  const { passwordPolicy } = await synthesizeBackend({ repoRoot: options.repoRoot, ...(options.log ? { log: options.log } : {}) });
  const db = openDatabase(options.dataDir);
  const ids = loadPoolIds(db);
  const clock = options.clock ?? systemClock;
  const users = createUserStore(db, clock, poolNameOf(ids));
  const lockout = createLockout(db, clock);
  return {
    addUser(email, options = {}) {
      if (!emailPattern.test(email)) throw new InvalidParameterException('Invalid email address format.');
      const password = temporaryPassword(passwordPolicy, options.password);
      const attributes: Record<string, string> = options.name === undefined ? {} : { name: options.name };
      return { user: toPoolUser(users.createWithTemporaryPassword(email, password, attributes)), temporaryPassword: password };
    },
    listUsers: () => users.list().map(toPoolUser),
    removeUser(email) {
      users.remove(existing(users, email).sub);
    },
    resetPassword(email, options = {}) {
      const user = existing(users, email);
      const password = temporaryPassword(passwordPolicy, options.password);
      users.setPassword(user.sub, password, 'FORCE_CHANGE_PASSWORD');
      return { user: toPoolUser({ ...user, status: 'FORCE_CHANGE_PASSWORD' }), temporaryPassword: password };
    },
    lockoutState: (email) => lockout.lockoutState(existing(users, email).sub),
    close: () => db.close(),
  };
}
