import type { Operation } from '../shared/aws-json-protocol';
import { isObject } from '../shared/values';
import type { LockoutState } from '../user-pool/lockout';
import { generateTemporaryPassword, type PasswordPolicy } from '../user-pool/password-policy';

/** What the teachers' page runs: the user pool's Admin* operations, as `pnpm teacher` calls them. */
export interface TeacherDeps {
  userPoolId: string;
  operations: Record<string, Operation>;
  lockoutState(sub: string): LockoutState;
  passwordPolicy: PasswordPolicy;
}

export interface TeacherRow {
  email: string;
  name: string | undefined;
  sub: string;
  status: string;
  enabled: boolean;
  createdAt: string;
  failedAttempts: number;
  lockedUntil: string | undefined;
}

function attribute(user: Record<string, unknown>, name: string): string | undefined {
  const attributes = Array.isArray(user['Attributes']) ? user['Attributes'] : [];
  const found: unknown = attributes.find((entry: unknown) => isObject(entry) && entry['Name'] === name);
  return isObject(found) && typeof found['Value'] === 'string' ? found['Value'] : undefined;
}

/** Teachers as the console lists them and changes them, each action one Admin* call. */
export function createTeachers(deps: TeacherDeps) {
  const call = async (operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const run = deps.operations[operation];
    if (!run) throw new Error(`the user pool has no ${operation}`);
    const output = await run({ UserPoolId: deps.userPoolId, ...input });
    return isObject(output) ? output : {};
  };
  const temporary = (given: string | undefined) => given ?? generateTemporaryPassword(deps.passwordPolicy);

  return {
    async list(): Promise<TeacherRow[]> {
      const rows: TeacherRow[] = [];
      let token: unknown;
      // ListUsers pages by 60; a bound keeps a broken token from looping.
      for (let page = 0; page < 1000; page += 1) {
        const output = await call('ListUsers', token === undefined ? {} : { PaginationToken: token });
        const users = Array.isArray(output['Users']) ? output['Users'].filter(isObject) : [];
        for (const user of users) {
          const sub = String(user['Username']);
          const lockout = deps.lockoutState(sub);
          rows.push({
            email: attribute(user, 'email') ?? sub,
            name: attribute(user, 'name'),
            sub,
            status: String(user['UserStatus']),
            enabled: user['Enabled'] === true,
            createdAt: new Date(Number(user['UserCreateDate']) * 1000).toISOString(),
            failedAttempts: lockout.failedAttempts,
            lockedUntil: lockout.lockedUntil?.toISOString(),
          });
        }
        token = output['PaginationToken'];
        if (token === undefined) break;
      }
      return rows;
    },
    async add(email: string, options: { name?: string | undefined; password?: string | undefined }) {
      const password = temporary(options.password);
      const attributes = options.name ? [{ Name: 'name', Value: options.name }] : [];
      await call('AdminCreateUser', { Username: email, TemporaryPassword: password, MessageAction: 'SUPPRESS', UserAttributes: attributes });
      return { email, temporaryPassword: password };
    },
    async reset(email: string, password: string | undefined) {
      const chosen = temporary(password);
      await call('AdminSetUserPassword', { Username: email, Password: chosen, Permanent: false });
      return { email, temporaryPassword: chosen };
    },
    disable: (email: string) => call('AdminDisableUser', { Username: email }),
    enable: (email: string) => call('AdminEnableUser', { Username: email }),
    remove: (email: string) => call('AdminDeleteUser', { Username: email }),
  };
}

export type Teachers = ReturnType<typeof createTeachers>;
