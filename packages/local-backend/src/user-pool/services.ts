import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import type { JsonObject } from '../shared/aws-json-protocol';
import type { Clock } from '../shared/clock';
import type { PoolIds } from '../shared/pool-ids';
import { passwordPolicyViolation } from './password-policy';
import type { ChallengeStore } from './challenges';
import type { GroupStore } from './groups';
import { InvalidParameterException, InvalidPasswordException, NotAuthorizedException, ResourceNotFoundException } from './errors';
import type { Lockout } from './lockout';
import type { ResetCodeStore } from './reset-codes';
import type { TokenService, TokenSubject } from './tokens';
import type { User, UserStore } from './user-store';

/** What the user pool honours of the synthesized backend: the password policy, the app client's auth flows and the groups (none when left out). */
export type UserPoolDefinition = Pick<SynthesizedBackend, 'passwordPolicy' | 'userPoolClient'> & Partial<Pick<SynthesizedBackend, 'userPoolGroups'>>;

/** What every user pool operation is built from. */
export interface UserPoolServices {
  ids: PoolIds;
  /** The part of the user pool id after `_`, mixed into SRP hashes. */
  poolName: string;
  users: UserStore;
  /** The pool's groups and their members. */
  groups: GroupStore;
  challenges: ChallengeStore;
  resetCodes: ResetCodeStore;
  /** Failed password attempts and the lockouts they lead to. */
  lockout: Lockout;
  tokens: TokenService;
  definition: UserPoolDefinition;
  clock: Clock;
  log: (line: string) => void;
  /** A per-install secret from which unknown users get stable decoy SRP challenges. */
  decoyKey: Buffer;
}

export function requireOwnClient(services: UserPoolServices, input: JsonObject): void {
  const clientId = input.ClientId;
  if (clientId !== services.ids.userPoolClientId) {
    throw new ResourceNotFoundException(`User pool client ${String(clientId)} does not exist.`);
  }
}

export function requirePolicyCompliant(services: UserPoolServices, password: string): void {
  const violation = passwordPolicyViolation(services.definition.passwordPolicy, password);
  if (violation) throw new InvalidPasswordException(violation);
}

/** Who the tokens are for, with the groups they are in now: tokens issued later (a refresh) carry later membership. */
export function tokenSubject(services: Pick<UserPoolServices, 'groups'>, user: User): TokenSubject {
  const name = user.attributes.name;
  const groups = services.groups.groupsOf(user.sub).map((group) => group.groupName);
  return { sub: user.sub, email: user.email, emailVerified: user.emailVerified, groups, ...(name === undefined ? {} : { name }) };
}

/** The user's attributes as Cognito lists them (values are strings, booleans included). */
export function userAttributes(user: User): Record<string, string> {
  return { ...user.attributes, email: user.email, email_verified: String(user.emailVerified), sub: user.sub };
}

/** "t***@e***" as Cognito masks a code's destination. */
export function maskedEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

// Standard attributes a user may write themselves; email is the sign-in alias and is only set by an administrator here.
const writableAttributes = new Set([
  'address', 'birthdate', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
]);

export function requireWritableAttributes(attributes: Record<string, string>): void {
  for (const name of Object.keys(attributes)) {
    if (name === 'email') {
      throw new InvalidParameterException('The local backend does not change sign-in emails; an administrator can add the user again.');
    }
    if (!writableAttributes.has(name)) throw new InvalidParameterException(`Attribute does not exist in the schema: ${name}`);
  }
}

/** The user an access token belongs to; the token is fully verified first. */
export async function signedInUser(services: UserPoolServices, accessToken: string): Promise<User> {
  const claims = await services.tokens.verifyAccessToken(accessToken);
  const user = services.users.find(claims.sub);
  if (!user) throw new NotAuthorizedException('User does not exist.');
  return user;
}
