import { synthesizeBackend } from '@exam-results/amplify-synth';
import { InvalidParameterException } from '../shared/aws-errors';
import { InvalidPasswordException, UserNotFoundException } from './errors';
import { createUserStore, type User, type UserStore } from './user-store';
import { systemClock, type Clock } from '../shared/clock';
import { openDatabase } from '../shared/database';
import { generateTemporaryPassword, passwordPolicyViolation, type PasswordPolicy } from './password-policy';
import { loadPoolIds, poolNameOf } from '../shared/pool-ids';

export interface Teacher {
  email: string;
  name?: string;
  sub: string;
  status: User['status'];
  createdAt: Date;
}

export interface TeacherAdmin {
  /** Creates a teacher as AdminCreateUser does: email verified, FORCE_CHANGE_PASSWORD. */
  add(email: string, options?: { password?: string; name?: string }): { teacher: Teacher; temporaryPassword: string };
  list(): Teacher[];
  remove(email: string): void;
  /** A new temporary password; the teacher chooses a new one at the next sign-in. */
  reset(email: string, options?: { password?: string }): { teacher: Teacher; temporaryPassword: string };
  close(): void;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function toTeacher(user: User): Teacher {
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
 * The local twin of `aws cognito-idp admin-*-user` for teachers. It works on the
 * database directly, whether or not the server is running (WAL and a busy timeout
 * make the two processes take turns). Passwords follow the policy of amplify/.
 */
export async function openTeacherAdmin(options: {
  dataDir: string;
  repoRoot: string;
  log?: (line: string) => void;
  clock?: Clock;
}): Promise<TeacherAdmin> {
  const { passwordPolicy } = await synthesizeBackend({ repoRoot: options.repoRoot, ...(options.log ? { log: options.log } : {}) });
  const db = openDatabase(options.dataDir);
  const ids = loadPoolIds(db);
  const users = createUserStore(db, options.clock ?? systemClock, poolNameOf(ids));
  return {
    add(email, options = {}) {
      if (!emailPattern.test(email)) throw new InvalidParameterException('Invalid email address format.');
      const password = temporaryPassword(passwordPolicy, options.password);
      const attributes: Record<string, string> = options.name === undefined ? {} : { name: options.name };
      return { teacher: toTeacher(users.createWithTemporaryPassword(email, password, attributes)), temporaryPassword: password };
    },
    list: () => users.list().map(toTeacher),
    remove(email) {
      users.remove(existing(users, email).sub);
    },
    reset(email, options = {}) {
      const user = existing(users, email);
      const password = temporaryPassword(passwordPolicy, options.password);
      users.setPassword(user.sub, password, 'FORCE_CHANGE_PASSWORD');
      return { teacher: toTeacher({ ...user, status: 'FORCE_CHANGE_PASSWORD' }), temporaryPassword: password };
    },
    close: () => db.close(),
  };
}
